/**
 * The drift watch's judgement (`checkDrift`, `driftLines`) on discoveries built by hand: what a
 * knob is expected to show (the committed overlay's value, or the spec's where the overlay has
 * no such knob), when a knob has changed, when the target cannot be judged, and the exit code
 * and lines that say so. drift.test.ts runs the same through the command line against servers.
 */
import { describe, expect, it } from 'vitest';
import type { Discovery, KnobFinding } from '../../src/discover/discover.js';
import { checkDrift, driftLines } from '../../src/discover/drift.js';
import type { Observation } from '../../src/discover/probe.js';
import type { DialectKnob } from '../../src/contract/knobs.js';
import type { LoadedSpec } from '../../src/contract/load.js';
import { canonical } from './support.js';

const knobNamed = (name: string): DialectKnob => canonical.knobs.dialects.find((k) => k.knob === name)!;
const booleans = knobNamed('x-ledger-parsing.booleans');
const duplicates = knobNamed('x-ledger-pagination.duplicates');
const limitMaximum = knobNamed('limit maximum');
const alternative = (knob: DialectKnob, value: unknown) =>
  knob.alternatives.find((a) => JSON.stringify(a.value) === JSON.stringify(value))!;

const matched = (knob: DialectKnob, value: unknown, note = 'seen'): KnobFinding => ({
  knob,
  observation: { kind: 'matched', alternative: alternative(knob, value), shownBy: [], note },
  curl: [],
});
const unmatched = (knob: DialectKnob, note: string): KnobFinding => ({
  knob,
  observation: { kind: 'unmatched', shownBy: [], note },
  curl: [],
});
const skipped = (knob: DialectKnob, reason: string): KnobFinding => ({
  knob,
  observation: { kind: 'skipped', reason } satisfies Observation,
  curl: [],
});
const discovery = (findings: KnobFinding[], transportErrors = 0): Discovery => ({
  baseUrl: 'http://target.test',
  findings,
  requests: 10,
  transportErrors,
});

/** The canonical spec with the committed overlay's values at some knobs (all checkDrift reads of it). */
function committedWith(values: ReadonlyMap<DialectKnob, unknown>): LoadedSpec {
  const dialects = canonical.knobs.dialects.map((k) => (values.has(k) ? { ...k, current: alternative(k, values.get(k)) } : k));
  return { ...canonical, knobs: { ...canonical.knobs, dialects } };
}

describe('checkDrift', () => {
  it('a knob that shows what the committed overlay says is unchanged, with the value and the note', () => {
    const check = checkDrift(discovery([matched(booleans, 'literal', 'getBillDetails=yes: 400')]), canonical);
    expect(check.knobs).toEqual([
      { knob: booleans, state: 'unchanged', expected: 'literal', observed: 'literal', note: 'getBillDetails=yes: 400' },
    ]);
    expect([check.changed, check.notJudged, check.exitCode]).toEqual([0, 0, 0]);
  });

  it('a knob that shows another evidenced alternative has changed: exit 1', () => {
    const check = checkDrift(
      discovery([matched(booleans, 'spring', 'yes read as true'), matched(duplicates, 'collapse')]),
      canonical,
    );
    expect(check.knobs.map((k) => [k.knob.knob, k.state, k.expected, k.observed, k.note])).toEqual([
      ['x-ledger-parsing.booleans', 'changed', 'literal', 'spring', 'yes read as true'],
      ['x-ledger-pagination.duplicates', 'unchanged', 'collapse', 'collapse', 'seen'],
    ]);
    expect([check.changed, check.notJudged, check.exitCode]).toEqual([1, 0, 1]);
  });

  it('expects the committed overlay value, not the spec value', () => {
    const committed = committedWith(new Map([[booleans, 'spring']]));
    const same = checkDrift(discovery([matched(booleans, 'spring')]), committed);
    expect(same.knobs[0]).toMatchObject({ state: 'unchanged', expected: 'spring' });
    expect(same.exitCode).toBe(0);
    const back = checkDrift(discovery([matched(booleans, 'literal')]), committed);
    expect(back.knobs[0]).toMatchObject({ state: 'changed', expected: 'spring', observed: 'literal' });
    expect(back.exitCode).toBe(1);
  });

  it('compares values as JSON: an object alternative equal in content is unchanged', () => {
    const pastTheEnd = knobNamed('x-ledger-pagination.pastTheEnd');
    const error = pastTheEnd.alternatives.find((a) => typeof a.value === 'object')!.value;
    const committed = committedWith(new Map([[pastTheEnd, error]]));
    const check = checkDrift(discovery([matched(pastTheEnd, structuredClone(error))]), committed);
    expect(check.knobs[0]!.state).toBe('unchanged');
  });

  it("a knob the committed spec does not list is expected at the discovered spec's value", () => {
    const elsewhere: DialectKnob = {
      ...booleans,
      pointer: '#/not/in/the/committed/spec',
      current: alternative(booleans, 'spring'),
    };
    const check = checkDrift(discovery([matched(elsewhere, 'spring')]), canonical);
    expect(check.knobs[0]).toMatchObject({ state: 'unchanged', expected: 'spring' });
  });

  it('a knob that shows no evidenced alternative has changed, observed nothing, and says what it saw', () => {
    const check = checkDrift(discovery([unmatched(limitMaximum, 'limit=11 answered 500')]), canonical);
    expect(check.knobs).toEqual([
      {
        knob: limitMaximum,
        state: 'changed',
        expected: 10,
        note: 'matches no evidenced alternative now: limit=11 answered 500',
      },
    ]);
    expect(check.knobs[0]).not.toHaveProperty('observed');
    expect([check.changed, check.exitCode]).toEqual([1, 1]);
  });

  it('a knob that could not be probed is not judged, with the reason', () => {
    const check = checkDrift(discovery([skipped(booleans, 'no customer'), matched(duplicates, 'collapse')]), canonical);
    expect(check.knobs[0]).toEqual({ knob: booleans, state: 'not-judged', expected: 'literal', note: 'no customer' });
    expect([check.changed, check.notJudged, check.exitCode]).toEqual([0, 1, 0]);
  });

  it('exits 3 when no knob could be probed, or a request got no answer, and nothing changed', () => {
    expect(checkDrift(discovery([skipped(booleans, 'a'), skipped(duplicates, 'b')]), canonical)).toMatchObject({
      changed: 0,
      notJudged: 2,
      exitCode: 3,
    });
    expect(checkDrift(discovery([]), canonical).exitCode).toBe(3);
    expect(checkDrift(discovery([matched(booleans, 'literal')], 1), canonical).exitCode).toBe(3);
  });

  it('exits 1 when a knob changed, even when requests got no answer or other knobs were not judged', () => {
    expect(checkDrift(discovery([matched(booleans, 'spring')], 2), canonical).exitCode).toBe(1);
    expect(checkDrift(discovery([skipped(duplicates, 'a'), unmatched(booleans, 'b')]), canonical)).toMatchObject({
      changed: 1,
      notJudged: 1,
      exitCode: 1,
    });
  });
});

describe('driftLines', () => {
  it('says one line per knob, changed first, then not judged, then unchanged, each in its words', () => {
    const check = checkDrift(
      discovery([
        matched(duplicates, 'collapse'),
        skipped(limitMaximum, 'no customer with 11 events'),
        matched(booleans, 'spring', 'yes read as true'),
        unmatched(knobNamed('x-ledger-parsing.emptyValues'), 'eventIds= answered 500'),
      ]),
      canonical,
    );
    expect(driftLines(check)).toEqual([
      'changed    x-ledger-parsing.booleans: committed "literal", observed "spring": yes read as true',
      'changed    x-ledger-parsing.emptyValues: committed "invalid", observed (no evidenced alternative): matches no evidenced alternative now: eventIds= answered 500',
      'not judged limit maximum: no customer with 11 events',
      'unchanged  x-ledger-pagination.duplicates: "collapse"',
    ]);
  });

  it('keeps the order of the findings within a state', () => {
    const check = checkDrift(discovery([matched(duplicates, 'collapse'), matched(booleans, 'literal')]), canonical);
    expect(driftLines(check)).toEqual([
      'unchanged  x-ledger-pagination.duplicates: "collapse"',
      'unchanged  x-ledger-parsing.booleans: "literal"',
    ]);
  });
});
