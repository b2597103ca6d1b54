/**
 * The handles of one customer or group, checked against the target and completed from its
 * answers: every lookup finds the same ledger, every declared event is in it with the declared
 * name and reference id, ids without explode detail are told apart, names and reference ids
 * the profile leaves out are learned, and each reference id's events are completed (a check
 * that selects by reference id expects exactly the events it names, so the profile must know
 * them all).
 *
 * A contradiction is a mismatch only when the answer is the spec's own answer for a handle that
 * does not hold (not found, not in this ledger, another name); an answer the spec does not
 * document says nothing about the profile, and is left for the checks to judge.
 */
import { lookupPairs } from '../profile/lookup-pairs.js';
import { withValue } from '../core/query.js';
import type { QueryPair } from '../core/query.js';
import type { DeclaredEvent } from '../profile/declared.js';
import type { EventHandle, IdentifierHandle } from '../profile/model.js';
import { describeAnswer, type Probe, type ProbeAnswer } from './probe.js';
import { lookupText, type PreflightRecord, type Taught } from './record.js';

export interface OwnerInput {
  /** `customer customer-1`, `group group-1`. */
  readonly label: string;
  /** `/customers/0`. */
  readonly pointer: string;
  readonly notFoundRule: 'customer-not-found' | 'group-not-found';
  readonly lookups: readonly IdentifierHandle[];
  /** Parameters every request of this owner carries (the group type). */
  readonly extra: readonly QueryPair[];
  readonly events: readonly DeclaredEvent[];
  readonly withoutDetail: readonly string[];
  readonly notFoundLookups: readonly IdentifierHandle[];
}

export interface OwnerFacts {
  /** Events with explode detail, in the order found. */
  readonly events: readonly Taught<EventHandle>[];
  readonly withoutDetail: readonly Taught<string>[];
}

/**
 * The page the preflight asks for: the default one, so that its requests name no `limit` (a
 * target whose paging is broken is the pagination suite's to judge, not a reason for the
 * preflight to learn nothing); the maximum, asked for, when the spec gives no default.
 */
export function largestPage(probe: Probe): { size: number; pair: QueryPair[] } {
  const limit = probe.spec.parameter('limit');
  if (typeof limit.defaultValue === 'number') return { size: limit.defaultValue, pair: [] };
  const maximum = limit.schema['maximum'];
  return typeof maximum === 'number' ? { size: maximum, pair: [['limit', String(maximum)]] } : { size: 10, pair: [] };
}

function handleOf(event: Record<string, unknown>): EventHandle {
  const reference = event['eventReferenceId'];
  return {
    eventLogId: String(event['eventLogId']),
    eventName: String(event['eventName']),
    ...(typeof reference === 'string' || typeof reference === 'number' ? { eventReferenceId: String(reference) } : {}),
  };
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** One owner's checks and lessons. Undefined when its first lookup finds nothing (a mismatch is recorded). */
export async function verifyOwner(
  probe: Probe,
  owner: OwnerInput,
  record: PreflightRecord,
  absentId: string,
): Promise<OwnerFacts | undefined> {
  const page = largestPage(probe);
  const base = [...lookupPairs(owner.lookups[0]!), ...owner.extra];
  const found = new Map<string, Taught<EventHandle>>();
  const withoutDetail = new Map<string, Taught<string>>();
  let missing = false;
  const lost = (answer: ProbeAnswer): boolean => {
    const meaning = probe.meaning(answer);
    if (meaning.kind !== 'rule' || meaning.rule !== owner.notFoundRule) return false;
    // Stryker disable next-line ConditionalExpression: equivalent; every caller stops at the first true (break, return), so a second call never sees `missing`.
    if (!missing)
      record.mismatch(
        `${owner.pointer}/lookups/0 ${lookupText(owner.lookups[0]!)}`,
        `finds ${owner.label}`,
        `${describeAnswer(answer)} (${meaning.rule})`,
      );
    missing = true;
    return true;
  };

  // Every request that needs no answer of another goes out at once (the events declared by name
  // and reference id, every page of declared ids); the answers are read in the profile's order,
  // so that what is learned and what contradicts does not depend on which answer came first.
  const byReference = owner.events.flatMap((event, index) => (event.eventLogId === undefined ? [{ event, index }] : []));
  const context: IdContext = { base, page, found, withoutDetail, lost, absentId };
  const [referenceAnswers, idAnswers] = await Promise.all([
    Promise.all(
      byReference.map(({ event }) =>
        probe.ask([...base, ['eventName', event.eventName!], ['eventReferenceIds', event.eventReferenceId!], ...page.pair]),
      ),
    ),
    askIds(probe, owner, context, byReference.length > 0),
  ]);
  for (const [k, { event, index }] of byReference.entries()) {
    const answer = referenceAnswers[k]!;
    if (lost(answer)) break;
    const meaning = probe.meaning(answer);
    if (meaning.kind === 'events' && meaning.events.length > 0) {
      for (const e of meaning.events.map(handleOf))
        if (!found.has(e.eventLogId)) found.set(e.eventLogId, { value: e, taughtBy: answer.asked });
    } else if (meaning.kind === 'rule' && meaning.rule === 'event-reference-not-found') {
      record.mismatch(
        `${owner.pointer}/events/${index} ${event.eventName} ${event.eventReferenceId}`,
        `an event of ${owner.label}`,
        `${describeAnswer(answer)} (${meaning.rule})`,
      );
    } else record.note(`${owner.label}: ${event.eventName} ${event.eventReferenceId} was not learned: ${answer.asked}`);
  }
  if (missing) return undefined;

  judgeIds(probe, owner, record, context, idAnswers);
  if (missing) return undefined;
  // Both need only the events now known: the other lookups are asked for a sample of them while
  // each reference id's selection is completed.
  const sample = [...found.keys()].slice(0, page.size);
  await Promise.all([verifyOtherLookups(probe, owner, record, sample, absentId), completeReferences(probe, base, page, found)]);
  return { events: [...found.values()], withoutDetail: [...withoutDetail.values()] };
}

interface IdContext {
  readonly base: readonly QueryPair[];
  readonly page: { size: number; pair: QueryPair[] };
  readonly found: Map<string, Taught<EventHandle>>;
  readonly withoutDetail: Map<string, Taught<string>>;
  readonly lost: (answer: ProbeAnswer) => boolean;
  readonly absentId: string;
}

/** The ids a profile declares for an owner (events by id, ids without detail), each with the declaration it comes from. */
function declaredIds(owner: OwnerInput): Map<string, { event: DeclaredEvent; pointer: string }> {
  const declared = new Map<string, { event: DeclaredEvent; pointer: string }>();
  owner.events.forEach((event, index) => {
    if (event.eventLogId !== undefined) declared.set(event.eventLogId, { event, pointer: `${owner.pointer}/events/${index}` });
  });
  owner.withoutDetail.forEach((id, index) => {
    if (!declared.has(id))
      // Stryker disable next-line ObjectLiteral: equivalent; `judge` reads only a declaration's name and reference id (the id is the key).
      declared.set(id, { event: { eventLogId: id }, pointer: `${owner.pointer}/eventIdsWithoutDetail/${index}` });
  });
  return declared;
}

/** The answers about declared ids: a page of them per request, and each id alone where its page was refused or came back short. */
interface IdAnswers {
  /** With no id declared and no event to learn: an id of no ledger, which still tells "not found" from found. */
  readonly unknown?: ProbeAnswer;
  readonly pages: readonly {
    readonly chunk: readonly string[];
    readonly answer: ProbeAnswer;
    readonly alone?: readonly ProbeAnswer[];
  }[];
}

/** Asks every page of declared ids at once; a page refused or short is asked again one id at a time, as soon as its answer is in. */
async function askIds(probe: Probe, owner: OwnerInput, c: IdContext, eventsToLearn: boolean): Promise<IdAnswers> {
  const declared = declaredIds(owner);
  const ask = (ids: readonly string[]): Promise<ProbeAnswer> =>
    probe.ask([...c.base, ['eventIds', ids.join(',')], ...c.page.pair]);
  if (declared.size === 0) return eventsToLearn ? { pages: [] } : { unknown: await ask([c.absentId]), pages: [] };
  const pages = await Promise.all(
    chunks([...declared.keys()], c.page.size).map(async (chunk) => {
      const answer = await ask(chunk);
      const meaning = probe.meaning(answer);
      const served = meaning.kind === 'events' ? new Set(meaning.events.map((e) => String(e['eventLogId']))) : undefined;
      if ((served && chunk.every((id) => served.has(id))) || isNotFound(probe, owner, answer)) return { chunk, answer };
      return { chunk, answer, alone: await Promise.all(chunk.map((id) => ask([id]))) };
    }),
  );
  return { pages };
}

/** Whether an answer is the owner's own "not found": the owner is then missing, and no id needs asking alone. */
function isNotFound(probe: Probe, owner: OwnerInput, answer: ProbeAnswer): boolean {
  const meaning = probe.meaning(answer);
  return meaning.kind === 'rule' && meaning.rule === owner.notFoundRule;
}

/** Reads the answers about declared ids in the profile's order: each id found, without detail, or contradicted. */
function judgeIds(probe: Probe, owner: OwnerInput, record: PreflightRecord, c: IdContext, answers: IdAnswers): void {
  const declared = declaredIds(owner);
  const declaredWithout = new Set(owner.withoutDetail);
  const judge = (id: string, answer: ProbeAnswer, served: EventHandle | undefined): void => {
    const { event, pointer } = declared.get(id)!;
    const handle = `${pointer} ${id}`;
    if (served) {
      if (declaredWithout.has(id))
        return record.mismatch(
          handle,
          'an event without explode detail',
          `${describeAnswer(answer)}: a ${served.eventName} with detail`,
        );
      if (event.eventName !== undefined && served.eventName !== event.eventName)
        return record.mismatch(handle, event.eventName, served.eventName);
      if (
        event.eventReferenceId !== undefined &&
        served.eventReferenceId !== undefined &&
        served.eventReferenceId !== event.eventReferenceId
      ) {
        return record.mismatch(handle, `reference id ${event.eventReferenceId}`, `reference id ${served.eventReferenceId}`);
      }
      const learned =
        event.eventName === undefined || (event.eventReferenceId === undefined && served.eventReferenceId !== undefined);
      c.found.set(id, {
        value: { ...served, ...(event.eventReferenceId !== undefined ? { eventReferenceId: event.eventReferenceId } : {}) },
        ...(learned ? { taughtBy: answer.asked } : {}),
      });
      return;
    }
    const meaning = probe.meaning(answer);
    if (meaning.kind === 'rule' && meaning.rule === 'event-without-detail') {
      if (event.eventName !== undefined)
        return record.mismatch(handle, `a ${event.eventName} with explode detail`, `${describeAnswer(answer)} (${meaning.rule})`);
      c.withoutDetail.set(id, declaredWithout.has(id) ? { value: id } : { value: id, taughtBy: answer.asked });
    } else if (meaning.kind === 'rule' && meaning.rule === 'event-id-not-found') {
      record.mismatch(handle, `an event of ${owner.label}`, `${describeAnswer(answer)} (${meaning.rule})`);
    } else if (event.eventName !== undefined && !declaredWithout.has(id)) {
      // Declared in full: kept as declared, for the checks to judge the answer.
      c.found.set(id, {
        value: {
          eventLogId: id,
          eventName: event.eventName,
          ...(event.eventReferenceId !== undefined ? { eventReferenceId: event.eventReferenceId } : {}),
        },
      });
    } else if (declaredWithout.has(id)) {
      c.withoutDetail.set(id, { value: id });
    } else record.note(`${owner.label}: event ${id} was not learned: ${answer.asked}`);
  };
  // `unknown` is asked only when nothing is declared by reference id: nothing is found yet.
  if (answers.unknown !== undefined) c.lost(answers.unknown);
  for (const { chunk, answer, alone } of answers.pages) {
    if (c.lost(answer)) return;
    if (alone === undefined) {
      const meaning = probe.meaning(answer);
      const served = meaning.kind === 'events' ? new Map(meaning.events.map(handleOf).map((e) => [e.eventLogId, e])) : undefined;
      for (const id of chunk) judge(id, answer, served?.get(id));
      continue;
    }
    chunk.forEach((id, k) => {
      const single = probe.meaning(alone[k]!);
      judge(id, alone[k]!, single.kind === 'events' ? single.events.map(handleOf).find((e) => e.eventLogId === id) : undefined);
    });
  }
}

/** Every other lookup finds the same ledger: the events the first one found, or (with none known) not "not found". */
async function verifyOtherLookups(
  probe: Probe,
  owner: OwnerInput,
  record: PreflightRecord,
  sample: readonly string[],
  absentId: string,
): Promise<void> {
  const page = largestPage(probe);
  const ids = sample.length > 0 ? sample : [absentId];
  await Promise.all(
    owner.lookups.slice(1).map(async (lookup, i) => {
      const answer = await probe.ask([...lookupPairs(lookup), ...owner.extra, ['eventIds', ids.join(',')], ...page.pair]);
      const meaning = probe.meaning(answer);
      const handle = `${owner.pointer}/lookups/${i + 1} ${lookupText(lookup)}`;
      if (meaning.kind === 'rule' && meaning.rule === owner.notFoundRule)
        record.mismatch(handle, `finds ${owner.label}`, `${describeAnswer(answer)} (${meaning.rule})`);
      else if (sample.length > 0 && meaning.kind === 'rule' && meaning.rule === 'event-id-not-found') {
        record.mismatch(
          handle,
          `finds ${owner.label} (events ${sample.slice(0, 3).join(', ')}…)`,
          `${describeAnswer(answer)}: another ledger`,
        );
      }
    }),
  );
  // Lookups declared not to find the customer: a 200 with events says they do.
  await Promise.all(
    owner.notFoundLookups.map(async (lookup, i) => {
      const answer = await probe.ask([...lookupPairs(lookup), ...owner.extra, ['eventIds', ids.join(',')], ...page.pair]);
      const meaning = probe.meaning(answer);
      if (meaning.kind === 'events' && meaning.events.length > 0)
        record.mismatch(
          `${owner.pointer}/notFoundLookups/${i} ${lookupText(lookup)}`,
          'finds no customer',
          describeAnswer(answer),
        );
    }),
  );
}

/**
 * Each reference id the ledger is now known to hold, asked for by its event name (up to the
 * parameter's maximum of ids a request): the events it selects join the profile, so that a
 * selection by reference id is known in full. A user's profile is a sample of the ledger: one
 * goodwill event of "-1" declared in full says nothing of the others.
 */
async function completeReferences(
  probe: Probe,
  base: readonly QueryPair[],
  page: { size: number; pair: QueryPair[] },
  found: Map<string, Taught<EventHandle>>,
): Promise<void> {
  const refs = probe.spec.parameter('eventReferenceIds');
  const perRequest = (refs.schema['maxItems'] as number | undefined) ?? 1;
  const byName = new Map<string, Set<string>>();
  for (const { value } of found.values()) {
    const reference = value.eventReferenceId;
    if (reference === undefined || reference.includes(',') || !refs.check(reference).valid) continue;
    byName.set(value.eventName, (byName.get(value.eventName) ?? new Set()).add(reference));
  }
  const offsetOf = (pageIndex: number): string =>
    String(probe.spec.knobs.pagination.offsetMeaning === 'page-number' ? pageIndex : pageIndex * page.size);
  // Each selection's pages follow one another (the next page is asked only when this one is full);
  // the selections go out at once, and are applied in order.
  const selectionOf = async (eventName: string, chunk: readonly string[]): Promise<Taught<EventHandle>[] | undefined> => {
    const selected: Taught<EventHandle>[] = [];
    // A few pages at most: reference ids shared by a whole ledger ("-1") are not worth more.
    for (let pageIndex = 0; pageIndex < 4; pageIndex++) {
      const query: QueryPair[] = [...base, ['eventName', eventName], ['eventReferenceIds', chunk.join(',')], ...page.pair];
      const answer = await probe.ask(pageIndex === 0 ? query : withValue(query, 'offset', offsetOf(pageIndex)));
      const meaning = probe.meaning(answer);
      if (meaning.kind !== 'events') return undefined;
      // Only what the selection names joins the profile; anything else is the checks' to judge.
      const named = meaning.events
        .map(handleOf)
        .filter((e) => e.eventName === eventName && e.eventReferenceId !== undefined && chunk.includes(e.eventReferenceId));
      selected.push(...named.map((value) => ({ value, taughtBy: answer.asked })));
      if (meaning.events.length < page.size) return selected;
    }
    return undefined;
  };
  const selections = [...byName].flatMap(([eventName, references]) =>
    chunks([...references], perRequest).map((chunk) => ({ eventName, chunk })),
  );
  const completed = await Promise.all(selections.map(({ eventName, chunk }) => selectionOf(eventName, chunk)));
  selections.forEach(({ eventName, chunk }, k) => {
    const selected = completed[k];
    if (selected !== undefined) {
      for (const event of selected) if (!found.has(event.value.eventLogId)) found.set(event.value.eventLogId, event);
      return;
    }
    // Not known in full: these reference ids are dropped rather than trusted.
    for (const [id, event] of found) {
      if (
        event.value.eventName !== eventName ||
        event.value.eventReferenceId === undefined ||
        !chunk.includes(event.value.eventReferenceId)
      )
        continue;
      const { eventReferenceId: _dropped, ...rest } = event.value;
      found.set(id, { value: rest, ...(event.taughtBy !== undefined ? { taughtBy: event.taughtBy } : {}) });
    }
  });
}
