/**
 * Sorting waivers against a run's results: a waiver applies to a failed requirement up to and
 * including its expiry day, once per requirement; one of a requirement that did not fail is
 * unused, one past its day expired, one of an unknown requirement unknown, and one of a known
 * requirement the run did not judge is left out of every list.
 */
import { describe, expect, it } from 'vitest';
import type { Waiver } from '../../src/core/report-model.js';
import { isExpired, sortWaivers, waiverMatches } from '../../src/engine/waivers.js';

const waiver = (requirement: string, expires = '2026-06-30', reason = 'known'): Waiver => ({ requirement, expires, reason });
const results = {
  // Failures counted but not grouped: only a whole-requirement waiver covers them (issue 24's groups).
  failed: new Map(['A', 'B'].map((id) => [id, { groups: [], ungrouped: true }])),
  known: new Set(['A', 'B', 'C', 'D']),
  selected: new Set(['A', 'B', 'C']),
};

describe('sortWaivers', () => {
  it('applies a waiver to a failed requirement, and names it for that requirement', () => {
    const sorted = sortWaivers([waiver('A')], results, '2026-06-01');
    expect(sorted.applied).toEqual([waiver('A')]);
    expect([...sorted.waivedRequirements]).toEqual([['A', waiver('A')]]);
    expect([sorted.expired, sorted.unused, sorted.unknown]).toEqual([[], [], []]);
  });

  it('applies one waiver per requirement: a second one is unused', () => {
    const second = waiver('A', '2026-12-31', 'another');
    const sorted = sortWaivers([waiver('A'), second], results, '2026-06-01');
    expect(sorted.applied).toEqual([waiver('A')]);
    expect(sorted.unused).toEqual([second]);
    expect(sorted.waivedRequirements.get('A')).toEqual(waiver('A'));
  });

  it('holds on its expiry day, and is expired the day after', () => {
    expect(sortWaivers([waiver('A', '2026-06-30')], results, '2026-06-30').applied).toHaveLength(1);
    const after = sortWaivers([waiver('A', '2026-06-30')], results, '2026-07-01');
    expect(after.applied).toEqual([]);
    expect(after.expired).toEqual([waiver('A', '2026-06-30')]);
    expect(after.waivedRequirements.size).toBe(0);
    expect([isExpired(waiver('A', '2026-06-30'), '2026-06-30'), isExpired(waiver('A', '2026-06-30'), '2026-07-01')]).toEqual([
      false,
      true,
    ]);
  });

  it('lists a waiver of a requirement that passed as unused, and one of an unknown requirement as unknown', () => {
    const sorted = sortWaivers([waiver('C'), waiver('Z')], results, '2026-06-01');
    expect(sorted.unused).toEqual([waiver('C')]);
    expect(sorted.unknown).toEqual([waiver('Z')]);
    expect(sorted.applied).toEqual([]);
  });

  it('leaves out a waiver of a known requirement the run did not judge, even an expired one', () => {
    const sorted = sortWaivers([waiver('D'), waiver('D', '2020-01-01')], results, '2026-06-01');
    expect([sorted.applied, sorted.expired, sorted.unused, sorted.unknown]).toEqual([[], [], [], []]);
  });

  it('reports an unknown requirement as unknown even when it is expired', () => {
    expect(sortWaivers([waiver('Z', '2020-01-01')], results, '2026-06-01').unknown).toEqual([waiver('Z', '2020-01-01')]);
  });
});

describe('waivers narrowed to a cause (issue 24)', () => {
  const signature = {
    requirement: 'A',
    check: 'errors/9022',
    status: 400,
    codes: [9022, 9004],
    pointer: '#/components/schemas/Warning/properties/code',
  };
  const group = (requests = ['http://t/x?eventIds=1', 'http://t/x?eventIds=2']) => ({ signature, requests });
  const narrowed = (extra: Partial<Waiver>): Waiver => ({ ...waiver('A'), ...extra });

  it('match a group only when every field they name agrees with it', () => {
    expect(waiverMatches(waiver('A'), group())).toBe(true);
    expect(waiverMatches(waiver('B'), group())).toBe(false);
    expect(waiverMatches(narrowed({ check: 'errors/9022' }), group())).toBe(true);
    expect(waiverMatches(narrowed({ check: 'errors/other' }), group())).toBe(false);
    expect(waiverMatches(narrowed({ status: 400 }), group())).toBe(true);
    expect(waiverMatches(narrowed({ status: 500 }), group())).toBe(false);
    expect(waiverMatches(narrowed({ code: 9004 }), group())).toBe(true);
    expect(waiverMatches(narrowed({ code: 9005 }), group())).toBe(false);
    expect(waiverMatches(narrowed({ code: 9004 }), { ...group(), signature: { ...signature, codes: undefined } })).toBe(false);
  });

  it('match a pointer at or below the one they name, with or without the leading #', () => {
    expect(waiverMatches(narrowed({ pointer: '#/components/schemas/Warning/properties/code' }), group())).toBe(true);
    expect(waiverMatches(narrowed({ pointer: '/components/schemas/Warning' }), group())).toBe(true);
    expect(waiverMatches(narrowed({ pointer: '#/components/schemas/Warning/' }), group())).toBe(true);
    expect(waiverMatches(narrowed({ pointer: '#/components/schemas/Warn' }), group())).toBe(false);
    expect(waiverMatches(narrowed({ pointer: '#/components/schemas/Error' }), group())).toBe(false);
    expect(
      waiverMatches(narrowed({ pointer: '#/components' }), { ...group(), signature: { ...signature, pointer: undefined } }),
    ).toBe(false);
  });

  it('match a request pattern only when every kept request of the group matches it, and never a group without requests', () => {
    expect(waiverMatches(narrowed({ request: 'eventIds=\\d' }), group())).toBe(true);
    expect(waiverMatches(narrowed({ request: 'eventIds=1' }), group())).toBe(false);
    expect(waiverMatches(narrowed({ request: '.*' }), group([]))).toBe(false);
  });

  it('waive a requirement only when every group is covered, and failures past the groups only by a whole waiver', () => {
    const twoGroups = { groups: [group(), { signature: { ...signature, codes: [9005] }, requests: [] }], ungrouped: false };
    const failed = (f: typeof twoGroups) => ({ ...results, failed: new Map([['A', f]]) });
    const one = sortWaivers([narrowed({ code: 9004 })], failed(twoGroups), '2026-06-01');
    expect(one.groupWaivers.get('A')).toEqual([narrowed({ code: 9004 }), undefined]);
    expect(one.waivedRequirements.has('A')).toBe(false);
    expect(one.applied).toEqual([narrowed({ code: 9004 })]);
    const both = sortWaivers([narrowed({ code: 9004 }), narrowed({ code: 9005 })], failed(twoGroups), '2026-06-01');
    expect(both.waivedRequirements.get('A')).toEqual(narrowed({ code: 9004 }));
    const past = { ...twoGroups, ungrouped: true };
    expect(
      sortWaivers([narrowed({ code: 9004 }), narrowed({ code: 9005 })], failed(past), '2026-06-01').waivedRequirements.has('A'),
    ).toBe(false);
    const whole = sortWaivers([narrowed({ code: 9004 }), waiver('A')], failed(past), '2026-06-01');
    expect(whole.waivedRequirements.get('A')).toEqual(narrowed({ code: 9004 }));
    expect(whole.groupWaivers.get('A')).toEqual([narrowed({ code: 9004 }), waiver('A')]);
  });

  it('list a narrowed waiver that matches no group as unused, even when the requirement failed', () => {
    const failed = { ...results, failed: new Map([['A', { groups: [group()], ungrouped: false }]]) };
    const sorted = sortWaivers([narrowed({ code: 1234 })], failed, '2026-06-01');
    expect(sorted.unused).toEqual([narrowed({ code: 1234 })]);
    expect(sorted.applied).toEqual([]);
    expect(sorted.waivedRequirements.has('A')).toBe(false);
  });
});
