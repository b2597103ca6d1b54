/**
 * Absent handles: values the target must not find (customers, groups, event ids, reference ids,
 * currency names, a customer in an account it is not in). Those the profile declares are
 * checked; for every kind it leaves empty, the kit makes its own from the run's seed, each
 * shaped as the spec's parameter schemas accept, and uses one only after the target did not
 * find it. A made-up value the target finds is not used, and the preflight says so: that is the
 * target's behaviour to look at, never a reason to fail a requirement on a guess.
 */
import type { QueryPair } from '../core/query.js';
import type { DeclaredProfile } from '../profile/declared.js';
import type { IdentifierHandle, Profile } from '../profile/model.js';
import { createRandom, type Random } from '../core/random.js';
import type { LoadedSpec } from '../contract/load.js';
import { largestPage } from './owners.js';
import { lookupPairs } from '../profile/lookup-pairs.js';
import { describeAnswer, type Probe, type ProbeAnswer } from './probe.js';
import { lookupText, type PreflightRecord } from './record.js';

/** A ledger the absent values are tried against. */
export interface KnownLedger {
  readonly label: string;
  readonly query: readonly QueryPair[];
  readonly eventNames: readonly string[];
}

/** Tries per made-up value: a second one after the target finds the first, then none. */
const TRIES = 2;

const DIGITS = '0123456789';

/** A made-up identifier value of `name` that its value pattern (if any) accepts. */
function madeUpValue(spec: LoadedSpec, name: string, random: Random): string {
  const pattern = spec.knobs.identifiers.valuePatterns[name];
  const lower = name.toLowerCase();
  if (pattern !== undefined || (lower.endsWith('id') && lower !== 'externalid')) return `9${random.token(17, DIGITS)}`;
  if (lower.includes('mobile') || lower.includes('phone')) return `9100000${random.token(5, DIGITS)}`;
  if (lower.includes('mail')) return `ledger-conformance-absent-${random.token(8).toLowerCase()}@example.invalid`;
  return `lc-absent-${random.token(10)}`;
}

export function madeUpEventId(random: Random): string {
  return `9${random.token(17, DIGITS)}`;
}

/**
 * Whether an answer says the value is absent: anything but a 200 with events. A 200 with no
 * event is no answer an existing customer or event gets for an id it was asked (that is the
 * event found, or 9021), so it counts as absent, and the check of the rule judges it.
 */
const notFound = (probe: Probe, answer: ProbeAnswer): boolean => {
  const meaning = probe.meaning(answer);
  return meaning.kind !== 'events' || meaning.events.length === 0;
};

export interface AbsentPlan {
  readonly spec: LoadedSpec;
  readonly probe: Probe;
  readonly declared: DeclaredProfile;
  readonly record: PreflightRecord;
  readonly seed: number;
  /** The source a made-up lookup names (the profile's first, else the spec's first). */
  readonly homeSource: string;
  readonly ledgers: readonly KnownLedger[];
  /** An event id of some ledger, so that a made-up lookup reaches the lookup rules. */
  readonly someEventId: string;
}

/**
 * The absent handles the run may use, each declared (and checked) or made up (and verified);
 * currency names apart (`absentCurrencyNames`): they need no request, but the org's own names.
 * `taught` receives the request that verified each made-up value.
 */
export async function absentHandles(
  plan: AbsentPlan,
  taught: Map<string, string>,
): Promise<Omit<Profile['absent'], 'alternateCurrencyNames'>> {
  const random = createRandom(plan.seed ^ 0x5eed);
  const { spec, declared } = plan;
  const customerType = String(spec.parameter('type').defaultValue);
  const groupType = spec.knobs.userGroups.groupType;
  const lookupsOf = async (kind: 'customers' | 'groups', type: string, extra: QueryPair[]): Promise<IdentifierHandle[]> => {
    const given = declared.absent[kind];
    if (given && given.length > 0) return checkDeclaredLookups(plan, given, kind, extra);
    const names = spec.knobs.identifiers.byType[type] ?? [];
    const made = await Promise.all(
      names.map((name) =>
        firstAbsent(
          plan,
          taught,
          `a made-up ${kind === 'customers' ? 'customer' : 'group'} ${name}`,
          () => ({ identifierName: name, identifierValue: madeUpValue(spec, name, random), source: plan.homeSource }),
          (l) => [...lookupPairs(l), ...extra, ['eventIds', plan.someEventId]],
        ),
      ),
    );
    return made.flatMap((m) => (m ? [m] : []));
  };
  const [customers, groups, eventIds, eventReferenceIds] = await Promise.all([
    lookupsOf('customers', customerType, []),
    lookupsOf('groups', groupType, [['type', groupType]]),
    absentAcrossLedgers(
      plan,
      taught,
      'eventIds',
      declared.absent.eventIds,
      () => madeUpEventId(random),
      (l, id) => [...l.query, ['eventIds', id]],
    ),
    absentAcrossLedgers(
      plan,
      taught,
      'eventReferenceIds',
      declared.absent.eventReferenceIds,
      () => `lc-absent-ref-${random.token(10)}`,
      (l, ref) => [...l.query, ['eventName', l.eventNames[0] ?? spec.eventNames[0]!], ['eventReferenceIds', ref]],
    ),
  ]);
  return { customers, groups, eventIds, eventReferenceIds };
}

/** Alternate currency names the org does not have: the declared ones, else one made up that none of `taken` is. */
export function absentCurrencyNames(plan: AbsentPlan, taken: readonly string[]): string[] {
  const declared = plan.declared.absent.alternateCurrencyNames;
  if (declared && declared.length > 0) return [...declared];
  const random = createRandom(plan.seed ^ 0xc017);
  const parameter = plan.spec.parameter(plan.spec.knobs.alternateCurrencies.namesParameter);
  for (;;) {
    const name = `NoSuchCoin${random.token(6)}`;
    if (!taken.includes(name) && parameter.check(name).valid) return [name];
  }
}

/** Declared absent lookups: each one the target finds is a mismatch. */
async function checkDeclaredLookups(
  plan: AbsentPlan,
  given: readonly IdentifierHandle[],
  kind: string,
  extra: readonly QueryPair[],
): Promise<IdentifierHandle[]> {
  await Promise.all(
    given.map(async (lookup, i) => {
      const answer = await plan.probe.ask([...lookupPairs(lookup), ...extra, ['eventIds', plan.someEventId]]);
      if (!notFound(plan.probe, answer))
        plan.record.mismatch(`/absent/${kind}/${i} ${lookupText(lookup)}`, 'finds nothing', describeAnswer(answer));
    }),
  );
  return [...given];
}

/** The first made-up value the target does not find, within `TRIES`; undefined (and a note) when it finds them all. */
async function firstAbsent<T>(
  plan: AbsentPlan,
  taught: Map<string, string>,
  what: string,
  make: () => T,
  query: (value: T) => QueryPair[],
): Promise<T | undefined> {
  const found: string[] = [];
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const value = make();
    const answer = await plan.probe.ask(query(value));
    if (notFound(plan.probe, answer)) {
      taught.set(JSON.stringify(value), answer.asked);
      return value;
    }
    found.push(answer.asked);
  }
  plan.record.note(`the target found ${what} every time it was tried, so none is used: ${found.join('; ')}`);
  return undefined;
}

/** Event ids or reference ids that no ledger of the profile holds: declared ones checked, else made up and verified. */
async function absentAcrossLedgers(
  plan: AbsentPlan,
  taught: Map<string, string>,
  kind: 'eventIds' | 'eventReferenceIds',
  declared: readonly string[] | undefined,
  make: () => string,
  query: (ledger: KnownLedger, value: string) => QueryPair[],
): Promise<string[]> {
  const page = largestPage(plan.probe).pair;
  // The answer of the first ledger that holds the value, if one does; and what was asked.
  const tryLedgers = async (value: string): Promise<{ holder?: ProbeAnswer; asked: string }> => {
    const answers = await Promise.all(plan.ledgers.map((l) => plan.probe.ask([...query(l, value), ...page])));
    const holder = answers.find((a) => !notFound(plan.probe, a));
    const asked =
      answers.length > 1
        ? `${answers[0]!.asked} (and ${answers.length - 1} other ledger${answers.length === 2 ? '' : 's'})`
        : (answers[0]?.asked ?? '');
    return { ...(holder ? { holder } : {}), asked };
  };
  if (declared && declared.length > 0) {
    await Promise.all(
      declared.map(async (value, i) => {
        const { holder } = await tryLedgers(value);
        if (holder) plan.record.mismatch(`/absent/${kind}/${i} ${value}`, 'in no ledger of the profile', describeAnswer(holder));
      }),
    );
    return [...declared];
  }
  const made: string[] = [];
  for (let attempt = 0; attempt < TRIES + 1 && made.length < 2; attempt++) {
    const value = make();
    const { holder, asked } = await tryLedgers(value);
    if (holder) {
      plan.record.note(`the target found the made-up ${kind} value ${value}, so it is not used: ${holder.asked}`);
      continue;
    }
    made.push(value);
    if (asked !== '') taught.set(JSON.stringify(value), asked);
  }
  return made;
}

/**
 * For a customer without declared notFoundLookups: its first lookup in a source that scopes
 * lookups by account, with an account no one has. Used only when the target does not find it.
 */
export async function madeUpNotFoundLookup(
  plan: AbsentPlan,
  taught: Map<string, string>,
  lookup: IdentifierHandle,
  extra: readonly QueryPair[],
): Promise<IdentifierHandle | undefined> {
  const ids = plan.spec.knobs.identifiers;
  const source = (plan.spec.parameter('source').enumValues ?? [])
    .map(String)
    .find((s) => s !== ids.anySource && !ids.accountIdIgnoredFor.includes(s));
  if (source === undefined) return undefined;
  const random = createRandom((plan.seed ^ 0xacc) + lookup.identifierValue.length);
  return firstAbsent(
    plan,
    taught,
    `${lookupText(lookup)} in a made-up account of ${source}`,
    () => ({
      identifierName: lookup.identifierName,
      identifierValue: lookup.identifierValue,
      source,
      accountId: `lc-absent-account-${random.token(8)}`,
    }),
    (l) => [...lookupPairs(l), ...extra, ['eventIds', plan.someEventId]],
  );
}
