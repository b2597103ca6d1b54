import { describe, expect, it } from 'vitest';
import { faults as flagFaults } from '../../src/faults/catalog/flags.js';
import { certify, expectClean, expectKilled, referenceFor, spec } from '../support/harness.js';

// A fault the spec makes not applicable (an ignored flag whose paths are all optional) is not in the catalog.
const faults = flagFaults(spec).filter((fault) => fault.notApplicable?.(spec) === undefined);

const flagRequirements = [...new Set(Object.values(spec.knobs.flags).map((k) => k.requirement)), 'FLAG-INDEPENDENT'];

describe('flags suite', () => {
  it('is clean against the reference', async () => {
    expectClean(await certify({ suites: ['flags', 'schema'] }));
  });

  it('is clean against the reference with another run seed', async () => {
    expectClean(await certify({ suites: ['flags'], seed: 77 }));
  });

  it('is clean against a reference built from another dataset seed', async () => {
    expectClean(await certify({ suites: ['flags'], datasetSeed: 42 }));
  });

  it('has a check for every entry of x-ledger-flags, and one that combines them', async () => {
    const report = await certify({ suites: ['flags'] });
    expect(report.requirements.map((r) => r.id).sort()).toEqual([...flagRequirements].sort());
    expect(report.requirements.every((r) => r.status === 'pass')).toBe(true);
  });

  it('skips, with a reason, when the profile lists no ledger with events', async () => {
    const profile = { ...referenceFor().profile, customers: [], groups: [] };
    const report = await certify({ suites: ['flags'], profile });
    for (const id of flagRequirements) {
      const requirement = report.requirements.find((r) => r.id === id)!;
      expect(requirement.status, id).toBe('skip');
      expect(requirement.reasons.join(' '), id).toMatch(/the profile lists no event/);
    }
  });

  it('skips a flag whose event types the profile does not list', async () => {
    const reference = referenceFor().profile;
    const listed = new Set(spec.knobs.flags['getPaymentModes']!.reveals.flatMap((r) => r.eventNames));
    const profile = {
      ...reference,
      customers: reference.customers.map((c) => ({ ...c, events: c.events.filter((e) => !listed.has(e.eventName)) })),
      groups: reference.groups.map((g) => ({ ...g, events: g.events.filter((e) => !listed.has(e.eventName)) })),
    };
    const report = await certify({ suites: ['flags'], profile, requirements: ['FLAG-PAYMENT-MODES'] });
    const requirement = report.requirements.find((r) => r.id === 'FLAG-PAYMENT-MODES')!;
    expect(requirement.status).toBe('skip');
    expect(requirement.reasons.join(' ')).toMatch(/no event of TransactionAdd/);
  });

  describe('every fault of the flags catalog is killed', () => {
    for (const fault of faults) it(fault.id, () => expectKilled(fault));
  });
});
