import { describe, expect, it } from 'vitest';
import { faults as currencyFaults } from '../../src/faults/catalog/alternate-currencies.js';
import type { Profile } from '../../src/profile/model.js';
import { certify, expectClean, expectKilled, referenceFor, spec } from '../support/harness.js';

const faults = currencyFaults(spec);

const requirements = ['AC-INCLUDE', 'AC-FILTER', 'AC-INCLUDE-OVERRIDES', 'AC-UNKNOWN-WARNING', 'AC-NONE'];
const statusOf = (report: Awaited<ReturnType<typeof certify>>, id: string) => report.requirements.find((r) => r.id === id)!;

describe('alternate-currencies suite', () => {
  it('is clean against the reference', async () => {
    expectClean(await certify({ suites: ['alternate-currencies', 'schema'] }));
  });

  it('is clean against the reference with another run seed', async () => {
    expectClean(await certify({ suites: ['alternate-currencies'], seed: 77 }));
  });

  it('is clean against a reference built from another dataset seed', async () => {
    expectClean(await certify({ suites: ['alternate-currencies'], datasetSeed: 42 }));
  });

  it('skips, with a reason, when no customer earns alternate currencies', async () => {
    const reference = referenceFor().profile;
    const profile: Profile = { ...reference, customers: reference.customers.filter((c) => c.alternateCurrencies?.length === 0) };
    const report = await certify({ suites: ['alternate-currencies'], profile });
    for (const id of ['AC-INCLUDE', 'AC-FILTER', 'AC-INCLUDE-OVERRIDES', 'AC-UNKNOWN-WARNING']) {
      expect(statusOf(report, id).status, id).toBe('skip');
      expect(statusOf(report, id).reasons.join(' '), id).toMatch(/no customer with alternate currencies/);
    }
    expect(statusOf(report, 'AC-NONE').status).toBe('pass');
  });

  it('skips the no-currency check when every customer earns some, and the warning check without an absent name', async () => {
    const reference = referenceFor().profile;
    const profile: Profile = {
      ...reference,
      customers: reference.customers.filter((c) => (c.alternateCurrencies?.length ?? 0) > 0),
      absent: { ...reference.absent, alternateCurrencyNames: [] },
    };
    const report = await certify({ suites: ['alternate-currencies'], profile });
    expect(statusOf(report, 'AC-NONE').status).toBe('skip');
    expect(statusOf(report, 'AC-NONE').reasons.join(' ')).toMatch(/no customer without alternate currencies/);
    expect(statusOf(report, 'AC-UNKNOWN-WARNING').status).toBe('skip');
    expect(statusOf(report, 'AC-UNKNOWN-WARNING').reasons.join(' ')).toMatch(/absent\.alternateCurrencyNames/);
    for (const id of ['AC-INCLUDE', 'AC-FILTER', 'AC-INCLUDE-OVERRIDES']) expect(statusOf(report, id).status, id).toBe('pass');
  });

  it('proves every requirement of the suite', async () => {
    const report = await certify({ suites: ['alternate-currencies'] });
    expect(report.requirements.map((r) => r.id).sort()).toEqual([...requirements].sort());
  });

  describe('every fault of the alternate-currencies catalog is killed', () => {
    for (const fault of faults) it(fault.id, () => expectKilled(fault));
  });
});
