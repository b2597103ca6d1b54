import { describe, expect, it } from 'vitest';
import { faults } from '../../src/faults/catalog/parameters.js';
import { certify, expectClean, expectKilled, referenceFor } from '../support/harness.js';

describe('parameters suite', () => {
  it('is clean against the reference', async () => {
    expectClean(await certify({ suites: ['parameters', 'schema'] }));
  });

  it('skips the reference checks, with the reason, when the profile knows no reference id', async () => {
    const profile = referenceFor().profile;
    const strip = <T extends { events: readonly { eventLogId: string; eventName: string }[] }>(owner: T): T => ({
      ...owner,
      events: owner.events.map(({ eventLogId, eventName }) => ({ eventLogId, eventName })),
    });
    const report = await certify({
      suites: ['parameters'],
      profile: { ...profile, customers: profile.customers.map(strip), groups: profile.groups.map(strip) },
    });
    for (const id of ['PARAM-REFERENCE-COUNT', 'PARAM-SELECTOR-STYLES']) {
      const requirement = report.requirements.find((r) => r.id === id)!;
      expect(requirement.status).toBe('skip');
      expect(requirement.reasons.join(' ')).toMatch(/no event with a reference id/);
    }
    expect(report.requirements.filter((r) => r.status === 'fail' || r.status === 'error')).toEqual([]);
  });

  for (const fault of faults) it(`kills ${fault.id}`, () => expectKilled(fault));
});
