import { describe, expect, it } from 'vitest';
import { faults } from '../../src/faults/catalog/pagination.js';
import { certify, expectClean, expectKilled, referenceFor } from '../support/harness.js';

describe('pagination suite', () => {
  it('is clean against the reference', async () => {
    expectClean(await certify({ suites: ['pagination', 'schema'] }));
  });

  it('is clean against the reference with another run seed', async () => {
    expectClean(await certify({ suites: ['pagination'], seed: 77 }));
  });

  it('is clean against a reference built from another dataset seed', async () => {
    expectClean(await certify({ suites: ['pagination'], datasetSeed: 42 }));
  });

  it('skips, with a reason, when the profile lists no customer with events', async () => {
    const profile = { ...referenceFor().profile, customers: [] };
    const report = await certify({ suites: ['pagination'], profile });
    for (const id of ['PAGE-PARTITION', 'PAGE-SIZE', 'PAGE-PAST-END', 'PAGE-DEFAULTS', 'PAGE-ORDER']) {
      const requirement = report.requirements.find((r) => r.id === id)!;
      expect(requirement.status, id).toBe('skip');
      expect(requirement.reasons.join(' '), id).toMatch(/no customer with \d+ or more events/);
    }
  });

  it('skips the defaults check when no customer has two events to page through', async () => {
    const reference = referenceFor().profile;
    const profile = { ...reference, customers: reference.customers.map((c) => ({ ...c, events: c.events.slice(0, 1) })) };
    const report = await certify({ suites: ['pagination'], profile });
    const defaults = report.requirements.find((r) => r.id === 'PAGE-DEFAULTS')!;
    expect(defaults.status).toBe('skip');
    expect(defaults.reasons.join(' ')).toMatch(/2 or more events/);
  });

  it("judges the defaults with a selection of at most S6's ten ids, whatever the ledger holds", async () => {
    const report = await certify({ suites: ['pagination'] });
    expect(report.requirements.find((r) => r.id === 'PAGE-DEFAULTS')!.status).toBe('pass');
    expect(report.requirements.find((r) => r.id === 'PAGE-PARTITION')!.status).toBe('pass');
  });

  describe('every fault of the pagination catalog is killed', () => {
    for (const fault of faults) it(fault.id, () => expectKilled(fault));
  });
});
