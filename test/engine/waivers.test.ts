/**
 * Sorting waivers against a run's results: a waiver applies to a failed requirement up to and
 * including its expiry day, once per requirement; one of a requirement that did not fail is
 * unused, one past its day expired, one of an unknown requirement unknown, and one of a known
 * requirement the run did not judge is left out of every list.
 */
import { describe, expect, it } from 'vitest';
import type { Waiver } from '../../src/core/report-model.js';
import { isExpired, sortWaivers } from '../../src/engine/waivers.js';

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
