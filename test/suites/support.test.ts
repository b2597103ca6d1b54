/**
 * The helpers the checks share (suites/support.ts), on contexts, profiles and answers built by
 * hand: the requests they build from the profile's handles, when they skip (with the reason and
 * the profile field that would unlock the check), when they fail a check (with the title, what
 * was received, what is documented and the answer as evidence), and how they compare bodies.
 * The suites' tests run them inside whole certifications; these pin each decision alone.
 */
import { describe, expect, it } from 'vitest';
import { CheckFailure, CheckSkip, type Answer, type CheckContext } from '../../src/check/check.js';
import type { Exchange } from '../../src/http/types.js';
import type { LoadedSpec } from '../../src/contract/load.js';
import type { EventHandle, IdentifierHandle, Profile, ProfileCustomer, ProfileGroup } from '../../src/profile/model.js';
import { loadSpec } from '../../src/contract/load.js';
import {
  asSelected,
  baselineQuery,
  canonicalJson,
  comparableBody,
  customersWithEvents,
  describe as describeAnswer,
  errorCodeOf,
  eventIdCap,
  eventIdsOf,
  eventIdsQuery,
  eventsOf,
  expectEvents,
  expectRule,
  firstDifference,
  groupQuery,
  ruleOfKind,
  sameBody,
  someCustomer,
  valueAt,
} from '../../suites/support.js';
import { handBuiltProfile } from '../support/hand-built-profile.js';

const spec = loadSpec();

const lookup = (value: string, accountId?: string): IdentifierHandle => ({
  identifierName: 'mobile',
  identifierValue: value,
  source: 'INSTORE',
  ...(accountId !== undefined ? { accountId } : {}),
});
const events = (key: string, n: number): EventHandle[] =>
  Array.from({ length: n }, (_, i) => ({ eventLogId: `${key.length}${i}`, eventName: 'TransactionAdd' }));
const customer = (key: string, n: number, lookups = [lookup(key)]): ProfileCustomer => ({
  key,
  lookups,
  notFoundLookups: [],
  events: events(key, n),
  eventIdsWithoutDetail: [],
});

/** A check's context as the engine makes it (fail and skip throw), recording nothing else. */
function contextOf(profile: Profile, specOf: LoadedSpec = spec): CheckContext {
  return {
    spec: specOf,
    profile,
    seed: 1,
    fuzzRuns: 1,
    concurrency: 1,
    send: () => Promise.reject(new Error('these helpers send nothing')),
    canUse: () => true,
    fail(title, detail): never {
      throw new CheckFailure(title, detail);
    },
    softFail: () => {
      throw new Error('these helpers never soft-fail');
    },
    skip(reason, detail): never {
      throw new CheckSkip(reason, detail);
    },
    reportProperty: () => undefined,
  };
}

function answer(status: number, json: unknown, bodyText = json === undefined ? '' : JSON.stringify(json)): Answer {
  return { exchange: {} as Exchange, status, headers: {}, bodyText, json };
}
const eventsAnswer = (status: number, ids: unknown[]) => answer(status, { events: ids.map((eventLogId) => ({ eventLogId })) });
const errorAnswer = (status: number, code: unknown) => answer(status, { errors: [{ code, message: 'm' }] });

/** What a helper threw: a check failure or skip with its words, or the error. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof CheckFailure) return { failed: error.title, detail: error.detail };
    if (error instanceof CheckSkip) return { skipped: error.reason, detail: error.detail };
    return error;
  }
  return 'nothing thrown';
}

describe('requests from the profile', () => {
  const group: ProfileGroup = { key: 'g', lookups: [lookup('g1', '9'), lookup('g2')], events: [] };

  it("groupQuery sends the group's first lookup with the group type", () => {
    expect(groupQuery(contextOf(handBuiltProfile([])), group)).toEqual([
      ['identifierName', 'mobile'],
      ['identifierValue', 'g1'],
      ['source', 'INSTORE'],
      ['accountId', '9'],
      ['type', 'USERGROUP2'],
    ]);
  });

  it('groupQuery sends another lookup of the group when given one', () => {
    expect(groupQuery(contextOf(handBuiltProfile([])), group, group.lookups[1])).toEqual([
      ['identifierName', 'mobile'],
      ['identifierValue', 'g2'],
      ['source', 'INSTORE'],
      ['type', 'USERGROUP2'],
    ]);
  });

  it("eventIdCap is the eventIds schema's maxItems, and unbounded without one", () => {
    expect(eventIdCap(spec)).toBe(10);
    const eventIds = spec.parameter('eventIds');
    const unbounded: LoadedSpec = {
      ...spec,
      parameter: (name) =>
        name === 'eventIds' ? { ...eventIds, schema: { ...eventIds.schema, maxItems: undefined } } : spec.parameter(name),
    };
    expect(eventIdCap(unbounded)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('eventIdsQuery joins handles and ids with commas, in order', () => {
    expect(eventIdsQuery([{ eventLogId: '5', eventName: 'X' }, '3', { eventLogId: '8', eventName: 'Y' }])).toEqual([
      ['eventIds', '5,3,8'],
    ]);
    expect(eventIdsQuery(['1'])).toEqual([['eventIds', '1']]);
  });

  it('asSelected lists a repeated id once where duplicates collapse, and as often as named where they repeat', () => {
    expect(spec.knobs.pagination.duplicates).toBe('collapse');
    expect(asSelected(spec, ['1', '2', '1', '3', '2'])).toEqual(['1', '2', '3']);
    const repeating: LoadedSpec = {
      ...spec,
      knobs: { ...spec.knobs, pagination: { ...spec.knobs.pagination, duplicates: 'repeat' } },
    };
    expect(asSelected(repeating, ['1', '2', '1'])).toEqual(['1', '2', '1']);
  });

  it('customersWithEvents lists customers with at least min events (1 unless told), most first, the profile left as it was', () => {
    const profile = handBuiltProfile([customer('none', 0), customer('two', 2), customer('five', 5), customer('one', 1)]);
    const ctx = contextOf(profile);
    expect(customersWithEvents(ctx).map((c) => c.key)).toEqual(['five', 'two', 'one']);
    expect(customersWithEvents(ctx, 2).map((c) => c.key)).toEqual(['five', 'two']);
    expect(customersWithEvents(ctx, 6)).toEqual([]);
    expect(profile.customers.map((c) => c.key)).toEqual(['none', 'two', 'five', 'one']);
  });

  it('someCustomer is the customer with the most events', () => {
    const ctx = contextOf(handBuiltProfile([customer('two', 2), customer('three', 3)]));
    expect(someCustomer(ctx).key).toBe('three');
    expect(someCustomer(ctx, 3).key).toBe('three');
  });

  it('someCustomer skips the check, naming the profile field, when no customer has enough events', () => {
    expect(thrown(() => someCustomer(contextOf(handBuiltProfile([customer('none', 0)]))))).toEqual({
      skipped: 'the profile lists no customer with 1 or more events',
      detail: { profileField: '/customers/*/events' },
    });
    expect(thrown(() => someCustomer(contextOf(handBuiltProfile([customer('two', 2)])), 3))).toEqual({
      skipped: 'the profile lists no customer with 3 or more events',
      detail: { profileField: '/customers/*/events' },
    });
  });

  it('baselineQuery asks for the first event of the customer with the most events, by its first lookup', () => {
    const profile = handBuiltProfile([customer('a', 1), customer('bb', 2, [lookup('bb', '4'), lookup('other')])]);
    expect(baselineQuery(contextOf(profile))).toEqual([
      ['identifierName', 'mobile'],
      ['identifierValue', 'bb'],
      ['source', 'INSTORE'],
      ['accountId', '4'],
      ['eventIds', '20'],
    ]);
    expect(thrown(() => baselineQuery(contextOf(handBuiltProfile([]))))).toMatchObject({ skipped: expect.any(String) });
  });
});

describe('reading answers', () => {
  it('errorCodeOf is errors[0].code when it is a number, and undefined otherwise', () => {
    expect(errorCodeOf(answer(400, { errors: [{ code: 8015 }, { code: 1 }] }))).toBe(8015);
    expect(errorCodeOf(errorAnswer(400, '8015'))).toBeUndefined();
    expect(errorCodeOf(answer(400, { errors: { code: 8015 } }))).toBeUndefined();
    expect(errorCodeOf(answer(400, { errors: [] }))).toBeUndefined();
    expect(errorCodeOf(eventsAnswer(200, [1]))).toBeUndefined();
    expect(errorCodeOf(answer(502, undefined, 'bad gateway'))).toBeUndefined();
  });

  it('eventsOf is the events list of a body, whatever the status, or undefined', () => {
    expect(eventsOf(eventsAnswer(200, [1, 2]))).toEqual([{ eventLogId: 1 }, { eventLogId: 2 }]);
    expect(eventsOf(eventsAnswer(400, [1]))).toEqual([{ eventLogId: 1 }]);
    expect(eventsOf(answer(200, { events: {} }))).toBeUndefined();
    expect(eventsOf(answer(200, undefined, 'text'))).toBeUndefined();
  });

  it('eventIdsOf is the event log ids as strings, in order', () => {
    expect(eventIdsOf(eventsAnswer(200, [7, '3']))).toEqual(['7', '3']);
    expect(eventIdsOf(answer(200, { warnings: [] }))).toBeUndefined();
  });

  it('describe gives the status and the error code, the number of events, the start of the body, or that it is empty', () => {
    expect(describeAnswer(errorAnswer(400, 8015))).toBe('400, error 8015');
    expect(describeAnswer(eventsAnswer(200, [1, 2, 3]))).toBe('200, 3 event(s)');
    expect(describeAnswer(answer(502, undefined, 'bad "gateway"'))).toBe('502, body "bad \\"gateway\\""');
    expect(describeAnswer(answer(200, { ok: true }))).toBe('200, body "{\\"ok\\":true}"');
    expect(describeAnswer(answer(204, undefined, ''))).toBe('204, empty body');
    const long = 'x'.repeat(130);
    expect(describeAnswer(answer(500, undefined, long))).toBe(`500, body "${'x'.repeat(120)}"`);
  });
});

describe('failing a check with evidence', () => {
  const ctx = contextOf(handBuiltProfile([]));

  it('expectEvents returns the events of a 200 answer with events', () => {
    expect(expectEvents(ctx, eventsAnswer(200, [4]), 'the request')).toEqual([{ eventLogId: 4 }]);
    expect(expectEvents(ctx, eventsAnswer(200, []), 'the request')).toEqual([]);
  });

  it('expectEvents fails the check for another status, or a 200 without events, with the answer as evidence', () => {
    const refused = errorAnswer(400, 8015);
    expect(thrown(() => expectEvents(ctx, refused, 'a known customer'))).toEqual({
      failed: 'a known customer is not answered 200 with events',
      detail: { received: '400, error 8015', documented: '200 with an events list', answer: refused },
    });
    const listless = answer(200, { events: null });
    expect(thrown(() => expectEvents(ctx, listless, 'x'))).toMatchObject({ failed: 'x is not answered 200 with events' });
    const wrongStatus = eventsAnswer(201, [1]);
    expect(thrown(() => expectEvents(ctx, wrongStatus, 'x'))).toMatchObject({ detail: { received: '201, 1 event(s)' } });
  });

  const missing = spec.knobs.errors.find((r) => r.trigger.kind === 'missing')!;
  const notFound = spec.knobs.errors.find((r) => r.trigger.kind === 'customer-not-found')!;

  it("expectRule passes an answer with the rule's status and code, or another code the rule accepts", () => {
    expect(thrown(() => expectRule(ctx, errorAnswer(missing.status, missing.code), missing, 'x'))).toBe('nothing thrown');
    const other = notFound.acceptedCodes!.find((c) => c !== notFound.code)!;
    expect(thrown(() => expectRule(ctx, errorAnswer(notFound.status, other), notFound, 'x'))).toBe('nothing thrown');
  });

  it('expectRule fails the check for another code or another status, naming the rule and its pointer', () => {
    const wrongCode = errorAnswer(400, 9999);
    expect(thrown(() => expectRule(ctx, wrongCode, missing, 'a request without identifierName'))).toEqual({
      failed: `a request without identifierName is not answered with error ${missing.code}`,
      detail: { received: '400, error 9999', documented: `400, error ${missing.code} (${missing.pointer})`, answer: wrongCode },
    });
    expect(thrown(() => expectRule(ctx, errorAnswer(500, missing.code), missing, 'x'))).toMatchObject({
      failed: `x is not answered with error ${missing.code}`,
    });
    expect(thrown(() => expectRule(ctx, errorAnswer(400, 9999), notFound, 'x'))).toMatchObject({
      detail: { documented: `400, error 8015 (or 11012, 8011, 8045) (${notFound.pointer})` },
    });
  });

  it("ruleOfKind is the spec's first rule with the trigger kind, and an error for a kind no rule has", () => {
    const ctx = contextOf(handBuiltProfile([]));
    expect(ruleOfKind(ctx, 'invalid')).toBe(spec.knobs.errors.find((r) => r.trigger.kind === 'invalid'));
    expect(ruleOfKind(ctx, 'invalid').code).toBe(8003);
    expect(ruleOfKind(ctx, 'event-without-detail').code).toBe(11024);
    const none: LoadedSpec = { ...spec, knobs: { ...spec.knobs, errors: [] } };
    expect(() => ruleOfKind(contextOf(handBuiltProfile([]), none), 'missing')).toThrow(
      new Error('x-ledger-errors has no rule with trigger kind missing'),
    );
  });
});

describe('comparing bodies', () => {
  it('comparableBody is the canonical JSON of a JSON body, and the text of any other', () => {
    expect(comparableBody({ json: { b: 1, a: [2, { d: 1, c: 0 }] }, bodyText: '{"b":1,"a":[2,{"d":1,"c":0}]}' })).toBe(
      '{"a":[2,{"c":0,"d":1}],"b":1}',
    );
    expect(comparableBody({ json: undefined, bodyText: '<html>' })).toBe('<html>');
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('comparableBody gives every body its own form, many bodies over', () => {
    for (let i = 0; i < 5_010; i++) {
      const json = { n: i, k: 'v' };
      expect(comparableBody({ json, bodyText: JSON.stringify(json) })).toBe(`{"k":"v","n":${i}}`);
    }
    expect(comparableBody({ json: { n: 0, k: 'v' }, bodyText: '{"n":0,"k":"v"}' })).toBe('{"k":"v","n":0}');
  });

  it('sameBody: the same bytes, or the same JSON in another key order', () => {
    expect(sameBody({ json: undefined, bodyText: 'x' }, { json: undefined, bodyText: 'x' })).toBe(true);
    expect(
      sameBody({ json: { a: 1, b: 2 }, bodyText: '{"a":1,"b":2}' }, { json: { b: 2, a: 1 }, bodyText: '{"b":2,"a":1}' }),
    ).toBe(true);
  });

  it('sameBody: other JSON, or other text, is another body', () => {
    expect(sameBody({ json: { a: 1 }, bodyText: '{"a":1}' }, { json: { a: 2 }, bodyText: '{"a":2}' })).toBe(false);
    expect(sameBody({ json: undefined, bodyText: 'x' }, { json: undefined, bodyText: 'y' })).toBe(false);
    // A body that is not JSON is compared as written: spacing counts.
    expect(sameBody({ json: { a: 1 }, bodyText: '{ "a":1}' }, { json: undefined, bodyText: '{"a": 1}' })).toBe(false);
  });
});

describe('firstDifference', () => {
  it('is undefined for equal values, however built', () => {
    expect(firstDifference(1, 1)).toBeUndefined();
    expect(firstDifference({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] })).toBeUndefined();
    expect(firstDifference([], [])).toBeUndefined();
  });

  it('is / for values that differ at the root', () => {
    expect(firstDifference(1, 2)).toBe('/');
    expect(firstDifference('a', 'b')).toBe('/');
    expect(firstDifference({}, [])).toBe('/');
    expect(firstDifference(null, {})).toBe('/');
    expect(firstDifference({}, null)).toBe('/');
  });

  it('points at the first differing member, keys in sorted order', () => {
    expect(firstDifference({ a: { b: 1 } }, { a: { b: 2 } })).toBe('/a/b');
    expect(firstDifference({ z: 1, b: 1, a: 1 }, { z: 2, b: 2, a: 1 })).toBe('/b');
    expect(firstDifference({ a: 1 }, { a: '1' })).toBe('/a');
    expect(firstDifference({ a: null }, { a: {} })).toBe('/a');
    expect(firstDifference({ a: {} }, { a: null })).toBe('/a');
    expect(firstDifference({ a: [] }, { a: {} })).toBe('/a');
    expect(firstDifference({ a: {} }, { a: [] })).toBe('/a');
  });

  it('is the path itself where an object or a list meets a value of another kind', () => {
    expect(firstDifference({ a: 1 }, 1)).toBe('/');
    expect(firstDifference({}, 'x')).toBe('/');
    expect(firstDifference({ a: { b: 1 } }, { a: true })).toBe('/a');
    expect(firstDifference({ a: [1] }, { a: '1' })).toBe('/a');
  });

  it('points at a member only one side has', () => {
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 })).toBe('/b');
    expect(firstDifference({ a: 1, b: 2 }, { a: 1 })).toBe('/b');
  });

  it('points at the first differing item of a list, or the first item only one side has', () => {
    expect(firstDifference({ l: [1, 2, 3] }, { l: [1, 5, 4] })).toBe('/l/1');
    expect(firstDifference([1], [1, 2])).toBe('/1');
    expect(firstDifference([1, 2], [1])).toBe('/1');
    expect(firstDifference([{ a: 1 }], [{ a: 2 }])).toBe('/0/a');
    // Items in the order of the list, not of their indexes as text ("10" before "2").
    const twelve = Array.from({ length: 12 }, (_, i) => i);
    expect(
      firstDifference(
        twelve,
        twelve.map((n) => (n === 2 || n === 10 ? -n : n)),
      ),
    ).toBe('/2');
  });

  it('escapes ~ and / in keys as a JSON pointer does, every one of them', () => {
    expect(firstDifference({ 'a/b~c/~': 1 }, { 'a/b~c/~': 2 })).toBe('/a~1b~0c~1~0');
  });

  it('continues from the path it is given', () => {
    expect(firstDifference({ a: 1 }, { a: 2 }, '/events/0')).toBe('/events/0/a');
    expect(firstDifference(1, 2, '/x')).toBe('/x');
  });
});

describe('valueAt', () => {
  const root = { a: { 'b/c': [10, 20] }, '': 'empty key' };

  it('is the value at a pointer as firstDifference reports it', () => {
    expect(valueAt(root, '/a/b~1c/1')).toBe(20);
    expect(valueAt(root, '/a')).toEqual({ 'b/c': [10, 20] });
    expect(valueAt(root, '/missing')).toBeUndefined();
  });

  it('is the root for / and for the empty pointer', () => {
    expect(valueAt(root, '/')).toBe(root);
    expect(valueAt(root, '')).toBe(root);
  });

  it('finds the value where firstDifference points', () => {
    const a = { events: [{ id: 1, 'x/y': { z: 1 } }] };
    const b = { events: [{ id: 1, 'x/y': { z: 2 } }] };
    const pointer = firstDifference(a, b)!;
    expect([valueAt(a, pointer), valueAt(b, pointer)]).toEqual([1, 2]);
  });
});
