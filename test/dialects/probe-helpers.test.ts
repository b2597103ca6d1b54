/**
 * The helpers every probe of `discover` decides with (src/discover/probe.ts), on answers and
 * profiles built by hand: which alternative an error answer or a value is (and none when none
 * is: a probe never widens the alternatives), what an answer's code and event ids are, which
 * customer a probe starts from, the page size it asks for, and when two answers are the same.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/check/check.js';
import type { Exchange } from '../../src/http/types.js';
import type { DialectKnob } from '../../src/contract/knobs.js';
import type { LoadedSpec } from '../../src/contract/load.js';
import type { EventHandle, IdentifierHandle, ProfileCustomer } from '../../src/profile/model.js';
import {
  alternativeOf,
  codeOf,
  customerWith,
  customerWithTypes,
  errorAlternative,
  forEvery,
  idsOf,
  limitFor,
  matched,
  sameAnswer,
  skipped,
  told,
  unmatched,
} from '../../src/discover/probe.js';
import { canonical } from './support.js';
import { handBuiltProfile } from '../support/hand-built-profile.js';

const knobNamed = (name: string): DialectKnob => canonical.knobs.dialects.find((k) => k.knob === name)!;

function answer(status: number, json: unknown, bodyText = json === undefined ? '' : JSON.stringify(json)): Answer {
  return { exchange: {} as Exchange, status, headers: {}, bodyText, json };
}
const errorAnswer = (status: number, code: unknown) => answer(status, { errors: [{ code, message: 'm' }] });
const eventsAnswer = (status: number, ids: unknown[]) => answer(status, { events: ids.map((eventLogId) => ({ eventLogId })) });

const lookup = (value: string): IdentifierHandle => ({ identifierName: 'mobile', identifierValue: value, source: 'INSTORE' });
const events = (n: number, name = 'TransactionAdd'): EventHandle[] =>
  Array.from({ length: n }, (_, i) => ({ eventLogId: String(100 + i), eventName: name }));
function customer(key: string, evs: EventHandle[], lookups = [lookup(key)]): ProfileCustomer {
  return { key, lookups, notFoundLookups: [], events: evs, eventIdsWithoutDetail: [] };
}

describe('observations', () => {
  it('matched, unmatched and skipped carry what they were given', () => {
    const a = answer(200, {});
    const alt = knobNamed('x-ledger-parsing.booleans').alternatives[1]!;
    expect(matched(alt, [a], 'n')).toEqual({ kind: 'matched', alternative: alt, shownBy: [a], note: 'n' });
    expect(unmatched([a], 'n')).toEqual({ kind: 'unmatched', shownBy: [a], note: 'n' });
    expect(skipped('why')).toEqual({ kind: 'skipped', reason: 'why' });
  });

  it('forEvery gives each knob, by pointer, what observe says of it', () => {
    const knobs = canonical.knobs.dialects.filter((k) => k.probe === 'flag-off');
    expect(knobs.length).toBeGreaterThan(1);
    const observations = forEvery(knobs, (k) => skipped(k.knob));
    expect([...observations]).toEqual(knobs.map((k) => [k.pointer, { kind: 'skipped', reason: k.knob }]));
  });
});

describe('codeOf', () => {
  it('is errors[0].code when it is a number', () => {
    expect(codeOf(errorAnswer(400, 11006))).toBe(11006);
    expect(codeOf(answer(400, { errors: [{ code: 9022 }, { code: 1 }] }))).toBe(9022);
  });

  it('is undefined for a body without errors, a code that is not a number, an errors value that is not a list, or no JSON', () => {
    expect(codeOf(eventsAnswer(200, [1]))).toBeUndefined();
    expect(codeOf(errorAnswer(400, '11006'))).toBeUndefined();
    expect(codeOf(answer(400, { errors: { code: 11006 } }))).toBeUndefined();
    expect(codeOf(answer(400, { errors: [] }))).toBeUndefined();
    expect(codeOf(answer(500, undefined, 'oops'))).toBeUndefined();
  });
});

describe('idsOf', () => {
  it('is the event log ids of a 200 answer, as strings, in order', () => {
    expect(idsOf(eventsAnswer(200, [7, '3', 12]))).toEqual(['7', '3', '12']);
    expect(idsOf(eventsAnswer(200, []))).toEqual([]);
  });

  it('is undefined for an answer other than 200, or one without an events list', () => {
    expect(idsOf(eventsAnswer(206, [1]))).toBeUndefined();
    expect(idsOf(answer(200, { events: { eventLogId: 1 } }))).toBeUndefined();
    expect(idsOf(answer(200, undefined, 'text'))).toBeUndefined();
  });
});

describe('told', () => {
  it('gives the status, and the error code or the number of events', () => {
    expect(told(errorAnswer(400, 11006))).toBe('400 error 11006');
    expect(told(eventsAnswer(200, [1, 2]))).toBe('200 with 2 event(s)');
    expect(told(answer(500, undefined, 'oops'))).toBe('500');
    expect(told(eventsAnswer(404, [1]))).toBe('404');
  });
});

describe('errorAlternative', () => {
  const limitCode = knobNamed('x-ledger-errors (limit above its maximum).code');
  const pastTheEnd = knobNamed('x-ledger-pagination.pastTheEnd');
  const errorValue = pastTheEnd.alternatives.find((a) => typeof a.value === 'object')!;

  it('a code alternative is an error answer (status 400 or above) with that code', () => {
    expect(errorAlternative(limitCode, errorAnswer(400, 11029))?.value).toBe(11029);
    expect(errorAlternative(limitCode, errorAnswer(400, 11006))?.value).toBe(11006);
    expect(errorAlternative(limitCode, errorAnswer(500, 11006))?.value).toBe(11006);
  });

  it('a code alternative is not an answer below 400 that carries the code, nor another code', () => {
    expect(errorAlternative(limitCode, errorAnswer(399, 11006))).toBeUndefined();
    expect(errorAlternative(limitCode, errorAnswer(200, 11006))).toBeUndefined();
    expect(errorAlternative(limitCode, errorAnswer(400, 11007))).toBeUndefined();
    expect(errorAlternative(limitCode, answer(400, undefined, 'no json'))).toBeUndefined();
  });

  it('a status-and-code alternative needs both the status and the code', () => {
    const { status, code } = errorValue.value as { status: number; code: number };
    expect(errorAlternative(pastTheEnd, errorAnswer(status, code))).toBe(errorValue);
    expect(errorAlternative(pastTheEnd, errorAnswer(status + 1, code))).toBeUndefined();
    expect(errorAlternative(pastTheEnd, errorAnswer(status, code + 1))).toBeUndefined();
  });

  it('a text alternative is never an error answer', () => {
    // pastTheEnd's "empty-page" is text: an answer whose code or status happened to spell it must not match.
    expect(errorAlternative(pastTheEnd, eventsAnswer(200, []))).toBeUndefined();
    const booleans = knobNamed('x-ledger-parsing.booleans');
    expect(errorAlternative(booleans, errorAnswer(400, 11006))).toBeUndefined();
  });

  it('an alternative whose value is null is no error alternative', () => {
    const withNull: DialectKnob = { ...limitCode, alternatives: [{ ...limitCode.current, value: null }] };
    expect(errorAlternative(withNull, errorAnswer(400, 11006))).toBeUndefined();
  });
});

describe('alternativeOf', () => {
  it('is the alternative of exactly this value, compared as JSON', () => {
    const pastTheEnd = knobNamed('x-ledger-pagination.pastTheEnd');
    const errorValue = pastTheEnd.alternatives.find((a) => typeof a.value === 'object')!;
    expect(alternativeOf(pastTheEnd, structuredClone(errorValue.value))).toBe(errorValue);
    expect(alternativeOf(pastTheEnd, 'empty-page')?.value).toBe('empty-page');
    expect(alternativeOf(knobNamed('limit maximum'), 100)?.value).toBe(100);
  });

  it('is undefined for a value no alternative has: a probe never widens the alternatives', () => {
    expect(alternativeOf(knobNamed('limit maximum'), 50)).toBeUndefined();
    expect(alternativeOf(knobNamed('limit maximum'), '10')).toBeUndefined();
  });
});

describe('customerWith', () => {
  it('is the customer with the most events, at least min, with its first lookup as query pairs', () => {
    const profile = handBuiltProfile([
      customer('few', events(2)),
      customer('most', events(5), [{ ...lookup('most'), accountId: '7' }, lookup('second')]),
      customer('some', events(3)),
    ]);
    expect(customerWith(profile, 2)).toEqual({
      lookup: [
        ['identifierName', 'mobile'],
        ['identifierValue', 'most'],
        ['source', 'INSTORE'],
        ['accountId', '7'],
      ],
      events: events(5),
    });
  });

  it('counts a customer with exactly min events, and none with fewer or without a lookup', () => {
    expect(customerWith(handBuiltProfile([customer('three', events(3))]), 3)?.events).toHaveLength(3);
    expect(customerWith(handBuiltProfile([customer('three', events(3))]), 4)).toBeUndefined();
    expect(
      customerWith(handBuiltProfile([customer('hidden', events(9), []), customer('seen', events(1))]), 1)?.lookup[1],
    ).toEqual(['identifierValue', 'seen']);
    expect(customerWith(handBuiltProfile([]), 0)).toBeUndefined();
  });

  it('does not reorder the profile', () => {
    const profile = handBuiltProfile([customer('a', events(1)), customer('b', events(2))]);
    customerWith(profile, 1);
    expect(profile.customers.map((c) => c.key)).toEqual(['a', 'b']);
  });
});

describe('customerWithTypes', () => {
  it('is the first customer with a lookup and an event of one of the types', () => {
    const profile = handBuiltProfile([
      customer('no-lookup', events(1, 'Redemption'), []),
      customer('other-type', events(4, 'TransactionAdd')),
      customer('first', [...events(1, 'TransactionAdd'), ...events(1, 'Redemption')]),
      customer('second', events(1, 'Redemption')),
    ]);
    const found = customerWithTypes(profile, new Set(['Redemption', 'Expiry']));
    expect(found?.lookup).toEqual([
      ['identifierName', 'mobile'],
      ['identifierValue', 'first'],
      ['source', 'INSTORE'],
    ]);
    expect(found?.events).toEqual([...events(1, 'TransactionAdd'), ...events(1, 'Redemption')]);
  });

  it('is undefined when no customer has an event of the types', () => {
    expect(customerWithTypes(handBuiltProfile([customer('a', events(3))]), new Set(['Redemption']))).toBeUndefined();
  });
});

describe('limitFor', () => {
  it("is the count within 1 and the spec's maximum of limit", () => {
    expect(limitFor(canonical, 4)).toEqual(['limit', '4']);
    expect(limitFor(canonical, 10)).toEqual(['limit', '10']);
    expect(limitFor(canonical, 25)).toEqual(['limit', '10']);
    expect(limitFor(canonical, 1)).toEqual(['limit', '1']);
    expect(limitFor(canonical, 0)).toEqual(['limit', '1']);
  });

  it('is the count itself when the spec gives limit no maximum', () => {
    const limit = canonical.parameter('limit');
    const unbounded: LoadedSpec = {
      ...canonical,
      parameter: (name) =>
        name === 'limit' ? { ...limit, schema: { ...limit.schema, maximum: undefined } } : canonical.parameter(name),
    };
    expect(limitFor(unbounded, 25)).toEqual(['limit', '25']);
  });
});

describe('sameAnswer', () => {
  it('compares status, then JSON bodies key order aside', () => {
    expect(sameAnswer(answer(200, { a: 1, b: [1, 2] }), answer(200, { b: [1, 2], a: 1 }))).toBe(true);
    expect(sameAnswer(answer(200, { a: 1 }), answer(200, { a: 2 }))).toBe(false);
    expect(sameAnswer(answer(200, { a: 1 }), answer(400, { a: 1 }))).toBe(false);
  });

  it('compares the text when either body is not JSON', () => {
    expect(sameAnswer(answer(500, undefined, 'down'), answer(500, undefined, 'down'))).toBe(true);
    expect(sameAnswer(answer(500, undefined, 'down'), answer(500, undefined, 'up'))).toBe(false);
    expect(sameAnswer(answer(200, { a: 1 }, '{"a":1}'), answer(200, undefined, '{"a":1}'))).toBe(true);
    expect(sameAnswer(answer(200, undefined, '{"a":1}'), answer(200, { a: 1 }, '{ "a": 1 }'))).toBe(false);
    expect(sameAnswer(answer(200, { a: 1 }, '{ "a": 1 }'), answer(200, undefined, '{"a":1}'))).toBe(false);
    // A body that is not JSON is not a JSON null, whatever it says.
    expect(sameAnswer(answer(200, undefined, 'not json'), answer(200, null, 'null'))).toBe(false);
    expect(sameAnswer(answer(200, null, 'null'), answer(200, undefined, 'not json'))).toBe(false);
  });
});
