import { describe, expect, it } from 'vitest';
import { skipCause, skipGroups } from '../../src/report/renderers/skip-groups.js';
import { nonConformantReport, skipsWaiversErrorsReport } from './fixtures.js';

describe('skipGroups', () => {
  const report = skipsWaiversErrorsReport();

  it('should group skipped requirements by their reason without the check that gave it, largest first', () => {
    expect(skipGroups(report.requirements).map((g) => [g.requirements.length, g.reason])).toEqual([
      [3, 'the profile lists no user group with events and a lookup'],
      [2, 'no OAuth token is configured (LEDGER_CONFORMANCE_TOKEN)'],
      [1, expect.stringMatching(/^no identity of an org with ENABLE_POINTS_AWARDED_SOURCE_VALUE_CAPTURING off/)],
    ]);
  });

  it('should keep catalog order inside a group and leave out everything that was not skipped', () => {
    const groups = skipGroups(report.requirements);
    expect(groups[0]?.requirements.map((r) => r.id)).toEqual(['UG-TYPE', 'UG-LOOKUPS', 'UG-PRIMARY']);
    expect(groups.flatMap((g) => g.requirements).every((r) => r.status === 'skip')).toBe(true);
    expect(groups.flatMap((g) => g.requirements)).toHaveLength(report.counts.byOutcome.skip);
  });

  it('should keep a reason that names no check of the requirement as it is', () => {
    const ugType = nonConformantReport().requirements.find((r) => r.id === 'UG-TYPE')!;
    expect(skipCause(ugType)).toBe('The profile lists no user group.');
    expect(skipCause({ ...ugType, reasons: [] })).toBe('no reason recorded');
  });
});
