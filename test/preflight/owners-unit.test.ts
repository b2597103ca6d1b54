/**
 * `verifyOwner` (src/preflight/owners.ts) one answer at a time: a hand-built probe in front of a
 * small in-memory ledger (or any answer a test wants), and a record that keeps what it is told.
 * `owners.test.ts` and `mismatches.test.ts` drive the whole preflight against the reference; these
 * pin what that reference never answers: short and refused pages, the owner lost mid-way, other
 * lookups with nothing to sample, selections that are paged, loose or refused.
 */
import { describe, expect, it } from 'vitest';
import type { LookupTrigger } from '../../src/contract/knobs.js';
import type { LoadedSpec } from '../../src/contract/load.js';
import { encodeQuery, type QueryPair } from '../../src/core/query.js';
import type { Exchange } from '../../src/http/types.js';
import { verifyOwner, type OwnerInput } from '../../src/preflight/owners.js';
import type { Meaning, Probe, ProbeAnswer } from '../../src/preflight/probe.js';
import { PreflightRecord } from '../../src/preflight/record.js';
import type { IdentifierHandle } from '../../src/profile/model.js';

type Rule = LookupTrigger['kind'];
type Query = Readonly<Record<string, string>>;
interface Reply {
  readonly status: number;
  readonly json: unknown;
}
type Target = (query: Query) => Reply;
interface LedgerEvent {
  readonly eventLogId: string | number;
  readonly eventName: string;
  readonly eventReferenceId?: string | number;
  readonly [field: string]: unknown;
}

// Codes of this fake spec's lookup rules; the probe's meaning maps them back.
const CODES: Record<Rule, number> = {
  'customer-not-found': 8015,
  'group-not-found': 8016,
  'org-setting-disabled': 8017,
  'event-id-not-found': 8018,
  'event-without-detail': 8019,
  'event-reference-not-found': 8020,
};
const ruleOfCode = new Map(Object.entries(CODES).map(([rule, code]) => [code, rule as Rule]));

const ok = (events: readonly unknown[]): Reply => ({ status: 200, json: { events } });
const refused = (rule: Rule): Reply => ({ status: 400, json: { errors: [{ code: CODES[rule] }] } });
const undocumented: Reply = { status: 500, json: undefined };

interface SpecKnobs {
  /** The default `limit`: the preflight's page. */
  readonly pageSize: number;
  /** `maxItems` of `eventReferenceIds`. */
  readonly referencesPerRequest?: number;
  readonly offsetMeaning?: 'page-number' | 'item-offset';
}

function fakeSpec({ pageSize, referencesPerRequest, offsetMeaning = 'item-offset' }: SpecKnobs): LoadedSpec {
  const parameters: Record<string, unknown> = {
    limit: { defaultValue: pageSize, schema: { maximum: 100 } },
    eventReferenceIds: {
      schema: referencesPerRequest !== undefined ? { maxItems: referencesPerRequest } : {},
      check: () => ({ valid: true }),
    },
  };
  return { parameter: (name: string) => parameters[name], knobs: { pagination: { offsetMeaning } } } as unknown as LoadedSpec;
}

/** A probe that sends every query to `target` and remembers it. */
function probeOf(spec: LoadedSpec, target: Target): { probe: Probe; asked: Query[] } {
  const asked: Query[] = [];
  const probe: Probe = {
    spec,
    ask: (pairs: readonly QueryPair[]) => {
      const query = Object.fromEntries(pairs);
      asked.push(query);
      const { status, json } = target(query);
      const answer: ProbeAnswer = {
        status,
        json,
        bodyText: JSON.stringify(json),
        exchange: {} as Exchange,
        asked: `GET ?${encodeQuery(pairs)} → ${status}`,
      };
      return Promise.resolve(answer);
    },
    meaning: (answer: ProbeAnswer): Meaning => {
      const events = (answer.json as { events?: unknown } | undefined)?.events;
      if (answer.status === 200 && Array.isArray(events)) return { kind: 'events', events: events as Record<string, unknown>[] };
      const code = (answer.json as { errors?: { code: number }[] } | undefined)?.errors?.[0]?.code;
      const rule = code !== undefined ? ruleOfCode.get(code) : undefined;
      return rule !== undefined ? { kind: 'rule', rule, code: code! } : { kind: 'other' };
    },
    rule: () => undefined,
    requests: () => asked.length,
  };
  return { probe, asked };
}

interface Ledger {
  readonly events: readonly LedgerEvent[];
  readonly withoutDetail?: readonly string[];
}

/**
 * A target that keeps one ledger per lookup value: ids asked together come back together, or
 * the whole request is refused (an id of no ledger, an id without detail); a selection by
 * name and reference ids is paged by `limit` and `offset`.
 */
function ledgers(byLookup: Readonly<Record<string, Ledger>>, { pageSize, offsetMeaning = 'item-offset' }: SpecKnobs): Target {
  return (query) => {
    const ledger = byLookup[query['identifierValue']!];
    if (ledger === undefined) return refused('customer-not-found');
    const ids = query['eventIds'];
    if (ids !== undefined) {
      const list = ids.split(',');
      if (list.some((id) => ledger.withoutDetail?.includes(id))) return refused('event-without-detail');
      const events = list.map((id) => ledger.events.find((e) => String(e.eventLogId) === id));
      return events.every((e) => e !== undefined) ? ok(events) : refused('event-id-not-found');
    }
    const references = (query['eventReferenceIds'] ?? '').split(',');
    const selected = ledger.events.filter(
      (e) =>
        e.eventName === query['eventName'] && e.eventReferenceId !== undefined && references.includes(String(e.eventReferenceId)),
    );
    if (selected.length === 0) return refused('event-reference-not-found');
    const size = Number(query['limit'] ?? pageSize);
    const offset = Number(query['offset'] ?? 0);
    const start = offsetMeaning === 'page-number' ? offset * size : offset;
    return ok(selected.slice(start, start + size));
  };
}

const lookup = (identifierValue: string): IdentifierHandle => ({ identifierName: 'mobile', identifierValue, source: 'INSTORE' });
const CUSTOMER = '9190000001';
const ABSENT_ID = '999999999';

function ownerOf(more: Partial<OwnerInput> = {}): OwnerInput {
  return {
    label: 'customer qa',
    pointer: '/customers/0',
    notFoundRule: 'customer-not-found',
    lookups: [lookup(CUSTOMER)],
    extra: [],
    events: [],
    withoutDetail: [],
    notFoundLookups: [],
    ...more,
  };
}

async function verify(owner: OwnerInput, target: Target, knobs: SpecKnobs = { pageSize: 10 }) {
  const { probe, asked } = probeOf(fakeSpec(knobs), target);
  const record = new PreflightRecord();
  const facts = await verifyOwner(probe, owner, record, ABSENT_ID);
  return { facts, record, asked };
}

/** A target that answers `reply` where `when` holds, and as `target` elsewhere. */
const answering =
  (when: (query: Query) => boolean, reply: Reply | ((query: Query) => Reply), target: Target): Target =>
  (query) =>
    when(query) ? (typeof reply === 'function' ? reply(query) : reply) : target(query);

const byIds = (query: Query): boolean => query['eventIds'] !== undefined;
const bySelection = (query: Query): boolean => query['eventReferenceIds'] !== undefined;
const idsAsked = (asked: readonly Query[]): string[] => asked.filter(byIds).map((q) => q['eventIds']!);

const earn = (id: number, reference: string, eventName = 'EARN'): LedgerEvent => ({
  eventLogId: String(id),
  eventName,
  eventReferenceId: reference,
});

describe('declared ids are asked a page at a time', () => {
  const events = [1, 2, 3, 4, 5].map((id) => earn(id, `r${id}`));
  const target = ledgers({ [CUSTOMER]: { events } }, { pageSize: 2 });

  it('splits the declared ids into pages of the page size, in the order declared, each id once', async () => {
    const { facts, asked } = await verify(
      ownerOf({ events: events.map((e) => ({ eventLogId: String(e.eventLogId) })) }),
      target,
      {
        pageSize: 2,
      },
    );
    expect(idsAsked(asked)).toEqual(['1,2', '3,4', '5']);
    expect(facts!.events.map((e) => e.value.eventLogId)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('asks a page served in full once, and none of its ids alone', async () => {
    const { asked } = await verify(ownerOf({ events: [{ eventLogId: '1' }, { eventLogId: '2' }] }), target, { pageSize: 2 });
    expect(idsAsked(asked)).toEqual(['1,2']);
  });

  it('asks each id of a page that came back short alone, and learns from those answers', async () => {
    const short = answering((q) => q['eventIds'] === '1,2', ok([events[0]]), target);
    const { facts, asked, record } = await verify(ownerOf({ events: [{ eventLogId: '1' }, { eventLogId: '2' }] }), short, {
      pageSize: 2,
    });
    expect(idsAsked(asked)).toEqual(['1,2', '1', '2']);
    expect(record.mismatches).toEqual([]);
    expect(facts!.events.map((e) => e.value)).toEqual([events[0], events[1]]);
  });

  it('asks no id alone when the page says the owner is not found', async () => {
    const { facts, asked, record } = await verify(
      ownerOf({ events: [{ eventLogId: '1' }, { eventLogId: '2' }] }),
      answering(byIds, refused('customer-not-found'), target),
      { pageSize: 2 },
    );
    expect(facts).toBeUndefined();
    expect(idsAsked(asked)).toEqual(['1,2']);
    expect(record.mismatches).toHaveLength(1);
  });

  it('reads an id asked alone from its own event, whatever else the answer carries first', async () => {
    // A loose target: asked for ids alone, it serves the whole ledger (2 first); the page of both came back short.
    const loose = answering(byIds, (q) => (q['eventIds'] === '1,2' ? ok([events[0]]) : ok([events[1], events[0]])), target);
    const { facts, asked } = await verify(ownerOf({ events: [{ eventLogId: '1' }, { eventLogId: '2' }] }), loose, {
      pageSize: 2,
    });
    expect(idsAsked(asked)).toEqual(['1,2', '1', '2']);
    expect(facts!.events.map((e) => e.value)).toEqual([events[0], events[1]]);
  });

  it('reads an id asked alone that has no detail as an id without detail, and one served as an event', async () => {
    // The page is refused as a whole (one of its ids has no detail): each id is asked alone.
    const target = ledgers({ [CUSTOMER]: { events: [earn(1, 'r1')], withoutDetail: ['7'] } }, { pageSize: 10 });
    const { facts, asked, record } = await verify(ownerOf({ events: [{ eventLogId: '1' }, { eventLogId: '7' }] }), target);
    expect(idsAsked(asked)).toEqual(['1,7', '1', '7']);
    expect(record.mismatches).toEqual([]);
    expect(facts!.events.map((e) => e.value.eventLogId)).toEqual(['1']);
    expect(facts!.withoutDetail).toEqual([{ value: '7', taughtBy: expect.stringMatching(/eventIds=7 → 400$/) as string }]);
  });
});

describe('an owner that is not found', () => {
  const nobody = ledgers({}, { pageSize: 10 });

  it('is one mismatch, on its first lookup, when an event declared by reference id finds no owner; nothing else is asked or noted', async () => {
    const { facts, record, asked } = await verify(
      ownerOf({
        lookups: [lookup(CUSTOMER), lookup('9190000002')],
        events: [
          { eventName: 'EARN', eventReferenceId: 'r1' },
          { eventName: 'EARN', eventReferenceId: 'r2' },
        ],
      }),
      nobody,
    );
    expect(facts).toBeUndefined();
    expect(record.mismatches).toEqual([
      {
        handle: `/customers/0/lookups/0 mobile=${CUSTOMER} in INSTORE`,
        expected: 'finds customer qa',
        answered: '400, error 8015 (customer-not-found)',
      },
    ]);
    expect(record.notes).toEqual([]);
    // The two selections went out at once; the other lookup is never asked.
    expect(asked).toHaveLength(2);
  });

  it('judges none of its declared ids once a selection by reference id found no owner', async () => {
    // A target that contradicts itself: the selection finds no customer, the page of ids no event.
    const target = answering(bySelection, refused('customer-not-found'), () => refused('event-id-not-found'));
    const { facts, record } = await verify(
      ownerOf({ events: [{ eventName: 'EARN', eventReferenceId: 'r1' }, { eventLogId: '5' }] }),
      target,
    );
    expect(facts).toBeUndefined();
    expect(record.mismatches.map((m) => m.expected)).toEqual(['finds customer qa']);
  });

  it('is one mismatch when the page of declared ids finds no owner; no id is noted and no other lookup asked', async () => {
    const { facts, record, asked } = await verify(
      ownerOf({ lookups: [lookup(CUSTOMER), lookup('9190000002')], events: [{ eventLogId: '5' }, { eventLogId: '6' }] }),
      nobody,
    );
    expect(facts).toBeUndefined();
    expect(record.mismatches.map((m) => m.handle)).toEqual([`/customers/0/lookups/0 mobile=${CUSTOMER} in INSTORE`]);
    expect(record.notes).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it('is found out by asking an id of no ledger when the profile declares no event at all', async () => {
    const { facts, record, asked } = await verify(ownerOf(), nobody);
    expect(facts).toBeUndefined();
    expect(asked).toEqual([{ identifierName: 'mobile', identifierValue: CUSTOMER, source: 'INSTORE', eventIds: ABSENT_ID }]);
    expect(record.mismatches).toHaveLength(1);
  });

  it('an owner with no event declared, found, is verified by that same request (answered "event not found")', async () => {
    const { facts, record, asked } = await verify(ownerOf(), ledgers({ [CUSTOMER]: { events: [] } }, { pageSize: 10 }));
    expect(record.mismatches).toEqual([]);
    expect(facts).toEqual({ events: [], withoutDetail: [] });
    expect(idsAsked(asked)).toEqual([ABSENT_ID]);
  });

  it('asks no id of no ledger when events declared by reference id are there to be learned', async () => {
    const target = ledgers({ [CUSTOMER]: { events: [earn(1, 'r1')] } }, { pageSize: 10 });
    const { record, asked } = await verify(ownerOf({ events: [{ eventName: 'EARN', eventReferenceId: 'r1' }] }), target);
    expect(record.mismatches).toEqual([]);
    expect(idsAsked(asked)).toEqual([]);
  });
});

describe('events declared by name and reference id', () => {
  const ledger = { events: [earn(1, 'r1'), earn(2, 'r2'), earn(3, 'r1', 'BURN')] };

  it('an empty page teaches nothing: the event is noted as not learned, and no mismatch', async () => {
    const target = answering(bySelection, ok([]), ledgers({ [CUSTOMER]: ledger }, { pageSize: 10 }));
    const { facts, record } = await verify(ownerOf({ events: [{ eventName: 'EARN', eventReferenceId: 'r1' }] }), target);
    expect(record.mismatches).toEqual([]);
    expect(record.notes).toEqual([expect.stringMatching(/^customer qa: EARN r1 was not learned: GET \?.* → 200$/) as string]);
    expect(facts!.events).toEqual([]);
  });

  it('a lookup rule other than "reference not found" is noted, not a mismatch', async () => {
    const target = answering(bySelection, refused('event-id-not-found'), ledgers({ [CUSTOMER]: ledger }, { pageSize: 10 }));
    const { record } = await verify(ownerOf({ events: [{ eventName: 'EARN', eventReferenceId: 'r1' }] }), target);
    expect(record.mismatches).toEqual([]);
    expect(record.notes).toEqual([expect.stringMatching(/^customer qa: EARN r1 was not learned: .* → 400$/) as string]);
  });

  it('"reference not found" is a mismatch naming the declaration', async () => {
    const { record } = await verify(
      ownerOf({ events: [{ eventName: 'EARN', eventReferenceId: 'r9' }] }),
      ledgers({ [CUSTOMER]: ledger }, { pageSize: 10 }),
    );
    expect(record.mismatches).toEqual([
      {
        handle: '/customers/0/events/0 EARN r9',
        expected: 'an event of customer qa',
        answered: '400, error 8020 (event-reference-not-found)',
      },
    ]);
  });

  it('an event served to two selections is credited to the first in the profile', async () => {
    // A loose target: every selection serves the whole ledger.
    const target = answering(bySelection, ok(ledger.events), ledgers({ [CUSTOMER]: ledger }, { pageSize: 10 }));
    const { facts } = await verify(
      ownerOf({
        events: [
          { eventName: 'EARN', eventReferenceId: 'r1' },
          { eventName: 'EARN', eventReferenceId: 'r2' },
        ],
      }),
      target,
    );
    const two = facts!.events.find((e) => e.value.eventLogId === '2')!;
    expect(two.taughtBy).toMatch(/eventName=EARN&eventReferenceIds=r1 → 200$/);
  });
});

describe('what an id served as an event teaches', () => {
  const target = (events: readonly LedgerEvent[]): Target => ledgers({ [CUSTOMER]: { events } }, { pageSize: 10 });
  const only = async (declared: OwnerInput['events'][number], served: LedgerEvent) =>
    (await verify(ownerOf({ events: [declared] }), target([served]))).facts!.events;

  it('an event declared by id, served without a reference id: its name, learned, and no reference id', async () => {
    const events = await only({ eventLogId: '1' }, { eventLogId: '1', eventName: 'EARN' });
    expect(events).toStrictEqual([
      { value: { eventLogId: '1', eventName: 'EARN' }, taughtBy: expect.stringMatching(/eventIds=1 → 200$/) },
    ]);
  });

  it('a numeric reference id is read as text', async () => {
    const events = await only({ eventLogId: '1' }, { eventLogId: 1, eventName: 'EARN', eventReferenceId: 42 });
    expect(events.map((e) => e.value)).toStrictEqual([{ eventLogId: '1', eventName: 'EARN', eventReferenceId: '42' }]);
  });

  it('an event declared by id and name: the reference id served is learned, with its request', async () => {
    const events = await only({ eventLogId: '1', eventName: 'EARN' }, earn(1, 'r1'));
    expect(events).toStrictEqual([
      {
        value: { eventLogId: '1', eventName: 'EARN', eventReferenceId: 'r1' },
        taughtBy: expect.stringMatching(/eventIds=1 → 200$/),
      },
    ]);
  });

  it('an event declared by id and name, served as declared without a reference id, was taught nothing', async () => {
    const events = await only({ eventLogId: '1', eventName: 'EARN' }, { eventLogId: '1', eventName: 'EARN' });
    expect(events).toStrictEqual([{ value: { eventLogId: '1', eventName: 'EARN' } }]);
  });

  it('a declared reference id the answer does not carry is kept, and is no contradiction', async () => {
    const { facts, record } = await verify(
      ownerOf({ events: [{ eventLogId: '1', eventName: 'EARN', eventReferenceId: 'r1' }] }),
      // Its selection comes back empty (the target keeps no reference id): known in full, nothing to drop.
      answering(bySelection, ok([]), target([{ eventLogId: '1', eventName: 'EARN' }])),
    );
    expect(record.mismatches).toEqual([]);
    expect(facts!.events[0]!.value).toEqual({ eventLogId: '1', eventName: 'EARN', eventReferenceId: 'r1' });
  });

  it('an id declared without detail but served with it is a mismatch naming that declaration', async () => {
    const { record } = await verify(ownerOf({ events: [], withoutDetail: ['1'] }), target([earn(1, 'r1')]));
    expect(record.mismatches).toEqual([
      {
        handle: '/customers/0/eventIdsWithoutDetail/0 1',
        expected: 'an event without explode detail',
        answered: '200 with 1 event: a EARN with detail',
      },
    ]);
  });
});

describe('an id the target does not serve', () => {
  it('answered with a lookup rule the profile does not contradict (another owner kind) keeps a full declaration as it is', async () => {
    const { facts, record } = await verify(
      ownerOf({ events: [{ eventLogId: '1', eventName: 'EARN' }] }),
      answering(byIds, refused('group-not-found'), ledgers({ [CUSTOMER]: { events: [] } }, { pageSize: 10 })),
    );
    expect(record.mismatches).toEqual([]);
    expect(facts!.events).toStrictEqual([{ value: { eventLogId: '1', eventName: 'EARN' } }]);
  });

  it('answered with a status the spec does not document keeps a full declaration, with no reference id where none was declared', async () => {
    const { facts } = await verify(
      ownerOf({ events: [{ eventLogId: '1', eventName: 'EARN' }] }),
      answering(byIds, undocumented, ledgers({ [CUSTOMER]: { events: [] } }, { pageSize: 10 })),
    );
    expect(facts!.events).toStrictEqual([{ value: { eventLogId: '1', eventName: 'EARN' } }]);
  });
});

describe('the other lookups', () => {
  const second = lookup('9190000002');
  const events = [1, 2, 3, 4].map((id) => earn(id, `r${id}`));

  it('are asked for a sample of the events found, at most a page of them', async () => {
    const target = ledgers({ [CUSTOMER]: { events }, [second.identifierValue]: { events } }, { pageSize: 2 });
    const { asked, record } = await verify(
      ownerOf({ lookups: [lookup(CUSTOMER), second], events: events.map((e) => ({ eventLogId: String(e.eventLogId) })) }),
      target,
      { pageSize: 2 },
    );
    expect(record.mismatches).toEqual([]);
    expect(asked.filter((q) => q['identifierValue'] === second.identifierValue).map((q) => q['eventIds'])).toEqual(['1,2']);
  });

  it('with no event known, are asked for an id of no ledger, and its "event not found" is no contradiction', async () => {
    const target = ledgers(
      { [CUSTOMER]: { events: [], withoutDetail: ['7'] }, [second.identifierValue]: { events: [] } },
      { pageSize: 10 },
    );
    const { facts, asked, record } = await verify(ownerOf({ lookups: [lookup(CUSTOMER), second], withoutDetail: ['7'] }), target);
    expect(record.mismatches).toEqual([]);
    expect(facts!.withoutDetail).toEqual([{ value: '7' }]);
    expect(asked.filter((q) => q['identifierValue'] === second.identifierValue).map((q) => q['eventIds'])).toEqual([ABSENT_ID]);
  });

  it('answering "event not found" for events the first lookup found is another ledger, naming three of them', async () => {
    const target = ledgers({ [CUSTOMER]: { events }, [second.identifierValue]: { events: [] } }, { pageSize: 10 });
    const { facts, record } = await verify(
      ownerOf({ lookups: [lookup(CUSTOMER), second], events: events.map((e) => ({ eventLogId: String(e.eventLogId) })) }),
      target,
    );
    expect(facts).toBeDefined();
    expect(record.mismatches).toEqual([
      {
        handle: '/customers/0/lookups/1 mobile=9190000002 in INSTORE',
        expected: 'finds customer qa (events 1, 2, 3…)',
        answered: '400, error 8018: another ledger',
      },
    ]);
  });

  it('answering another lookup rule (no detail) contradicts nothing', async () => {
    const target = answering(
      (q) => q['identifierValue'] === second.identifierValue,
      refused('event-without-detail'),
      ledgers({ [CUSTOMER]: { events } }, { pageSize: 10 }),
    );
    const { record } = await verify(ownerOf({ lookups: [lookup(CUSTOMER), second], events: [{ eventLogId: '1' }] }), target);
    expect(record.mismatches).toEqual([]);
  });
});

describe('lookups declared to find no customer', () => {
  const stranger = lookup('9190000009');
  const run = (reply: Reply) =>
    verify(
      ownerOf({ events: [{ eventLogId: '1' }], notFoundLookups: [stranger] }),
      answering(
        (q) => q['identifierValue'] === stranger.identifierValue,
        reply,
        ledgers({ [CUSTOMER]: { events: [earn(1, 'r1')] } }, { pageSize: 10 }),
      ),
    );

  it('answered 200 with no event contradict nothing', async () => {
    expect((await run(ok([]))).record.mismatches).toEqual([]);
  });

  it('answered 200 with events are a mismatch', async () => {
    expect((await run(ok([earn(1, 'r1')]))).record.mismatches).toEqual([
      {
        handle: '/customers/0/notFoundLookups/0 mobile=9190000009 in INSTORE',
        expected: 'finds no customer',
        answered: '200 with 1 event',
      },
    ]);
  });
});

describe("each reference id's selection is completed", () => {
  const selections = (asked: readonly Query[]) =>
    asked.filter(bySelection).map(({ eventName, eventReferenceIds, offset }) => ({ eventName, eventReferenceIds, offset }));

  it('asks later pages at item offsets (the first page names none), and learns every event the selection names', async () => {
    const knobs: SpecKnobs = { pageSize: 2, offsetMeaning: 'item-offset' };
    const events = [1, 2, 3, 4, 5].map((id) => earn(id, 'r1'));
    const { facts, asked } = await verify(
      ownerOf({ events: [{ eventLogId: '1' }] }),
      ledgers({ [CUSTOMER]: { events } }, knobs),
      knobs,
    );
    expect(selections(asked)).toEqual([
      { eventName: 'EARN', eventReferenceIds: 'r1', offset: undefined },
      { eventName: 'EARN', eventReferenceIds: 'r1', offset: '2' },
      { eventName: 'EARN', eventReferenceIds: 'r1', offset: '4' },
    ]);
    expect(facts!.events.map((e) => e.value.eventLogId)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('asks later pages by page number where the spec says offset counts pages', async () => {
    const knobs: SpecKnobs = { pageSize: 2, offsetMeaning: 'page-number' };
    const events = [1, 2, 3, 4, 5].map((id) => earn(id, 'r1'));
    const { facts, asked } = await verify(
      ownerOf({ events: [{ eventLogId: '1' }] }),
      ledgers({ [CUSTOMER]: { events } }, knobs),
      knobs,
    );
    expect(selections(asked).map((s) => s.offset)).toEqual([undefined, '1', '2']);
    expect(facts!.events.map((e) => e.value.eventLogId)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('asks the reference ids of one event name together, as many a request as the spec allows, comma-separated', async () => {
    const events = [earn(1, 'r1'), earn(2, 'r2'), earn(3, 'r3')];
    const owner = ownerOf({ events: events.map((e) => ({ eventLogId: String(e.eventLogId) })) });
    const two = await verify(owner, ledgers({ [CUSTOMER]: { events } }, { pageSize: 10 }), {
      pageSize: 10,
      referencesPerRequest: 2,
    });
    expect(selections(two.asked).map((s) => s.eventReferenceIds)).toEqual(['r1,r2', 'r3']);
    const one = await verify(owner, ledgers({ [CUSTOMER]: { events } }, { pageSize: 10 }), { pageSize: 10 });
    expect(selections(one.asked).map((s) => s.eventReferenceIds)).toEqual(['r1', 'r2', 'r3']);
  });

  it('learns only what the selection names: not an event of another name or reference id that a loose target adds', async () => {
    const stray = [earn(8, 'r1', 'BURN'), earn(9, 'r9'), { eventLogId: '10', eventName: 'EARN' }];
    const target = answering(
      bySelection,
      ok([earn(1, 'r1'), earn(2, 'r1'), ...stray]),
      ledgers({ [CUSTOMER]: { events: [earn(1, 'r1')] } }, { pageSize: 10 }),
    );
    const { facts } = await verify(ownerOf({ events: [{ eventLogId: '1' }] }), target);
    expect(facts!.events.map((e) => e.value.eventLogId)).toEqual(['1', '2']);
  });

  it('keeps of a learned event its handle only (id, name, reference id as text)', async () => {
    const target = answering(
      bySelection,
      ok([earn(1, 'r1'), { eventLogId: 2, eventName: 'EARN', eventReferenceId: 'r1', points: 30 }]),
      ledgers({ [CUSTOMER]: { events: [earn(1, 'r1')] } }, { pageSize: 10 }),
    );
    const { facts } = await verify(ownerOf({ events: [{ eventLogId: '1' }] }), target);
    expect(facts!.events[1]).toStrictEqual({
      value: { eventLogId: '2', eventName: 'EARN', eventReferenceId: 'r1' },
      taughtBy: expect.stringMatching(/eventReferenceIds=r1 → 200$/) as string,
    });
  });

  it('gives up after four full pages, and the reference id is then dropped rather than trusted', async () => {
    const always = answering(
      bySelection,
      (q) => ok([earn(100 + Number(q['offset'] ?? 0), 'r1'), earn(101 + Number(q['offset'] ?? 0), 'r1')]),
      ledgers({ [CUSTOMER]: { events: [earn(1, 'r1')] } }, { pageSize: 2 }),
    );
    const { facts, asked } = await verify(ownerOf({ events: [{ eventLogId: '1' }] }), always, { pageSize: 2 });
    expect(selections(asked).map((s) => s.offset)).toEqual([undefined, '2', '4', '6']);
    expect(facts!.events).toStrictEqual([
      { value: { eventLogId: '1', eventName: 'EARN' }, taughtBy: expect.any(String) as string },
    ]);
  });

  it('a selection not known in full drops its reference ids from its own events only; what declared or taught each stays', async () => {
    const events = [earn(1, 'r1'), earn(2, 'r1'), earn(3, 'r1', 'BURN'), earn(4, 'r2'), { eventLogId: '5', eventName: 'EARN' }];
    const target = answering(
      (q) => q['eventName'] === 'EARN' && q['eventReferenceIds'] === 'r1',
      undocumented,
      ledgers({ [CUSTOMER]: { events } }, { pageSize: 10 }),
    );
    const { facts } = await verify(
      ownerOf({
        events: [
          { eventLogId: '1', eventName: 'EARN', eventReferenceId: 'r1' },
          { eventLogId: '2' },
          { eventLogId: '3' },
          { eventLogId: '4' },
          { eventLogId: '5' },
        ],
      }),
      target,
    );
    const taught = expect.stringMatching(/eventIds=1,2,3,4,5 → 200$/) as string;
    expect(facts!.events).toStrictEqual([
      { value: { eventLogId: '1', eventName: 'EARN' } },
      { value: { eventLogId: '2', eventName: 'EARN' }, taughtBy: taught },
      { value: { eventLogId: '3', eventName: 'BURN', eventReferenceId: 'r1' }, taughtBy: taught },
      { value: { eventLogId: '4', eventName: 'EARN', eventReferenceId: 'r2' }, taughtBy: taught },
      { value: { eventLogId: '5', eventName: 'EARN' }, taughtBy: taught },
    ]);
  });
});
