import { describe, expect, it } from 'vitest';
import { faults } from '../../src/faults/catalog/user-groups.js';
import type { ReferenceHandler } from '../../src/core/handler.js';
import { certify, expectClean, expectKilled, referenceFor } from '../support/harness.js';

const profile = referenceFor().profile;
const requirements = ['UG-GROUP-LEDGER', 'UG-IDENTIFIERS', 'UG-PRIMARY-USER'];

describe('user-groups suite', () => {
  it('is clean against the reference', async () => {
    const report = await certify({ suites: ['user-groups', 'schema'] });
    expectClean(report);
    for (const id of requirements) expect(report.requirements.find((r) => r.id === id)!.status).toBe('pass');
  });

  it('is clean against references built from other dataset seeds, judged with other run seeds', async () => {
    for (const [datasetSeed, seed] of [
      [1, 2],
      [42, 99],
      [777, 5],
    ] as const)
      expectClean(await certify({ suites: ['user-groups'], datasetSeed, seed }));
  });

  it('sends the same requests for the same seed (each query string, as a sorted list)', async () => {
    const requests = async (seed: number) => {
      const sent: string[] = [];
      const handler: ReferenceHandler = (request) => {
        sent.push(`${request.method} ${request.path}?${request.rawQuery}`);
        return referenceFor().handler(request);
      };
      await certify({ suites: ['user-groups'], seed, handler });
      return sent.sort();
    };
    const first = await requests(7);
    expect(first.length).toBeGreaterThan(0);
    expect(await requests(7)).toEqual(first);
  });

  it('skips every check, with a reason, when the profile lists no group', async () => {
    const report = await certify({ suites: ['user-groups'], profile: { ...profile, groups: [] } });
    for (const id of requirements) {
      const result = report.requirements.find((r) => r.id === id)!;
      expect(result.status).toBe('skip');
      expect(result.reasons.join(' ')).toMatch(/user group/);
    }
  });

  it('skips the primary-user check, and still judges the group ledger, when the profile lacks the primary members', async () => {
    const members = new Set(profile.groups.map((g) => g.primaryMember));
    const report = await certify({
      suites: ['user-groups'],
      profile: { ...profile, customers: profile.customers.filter((c) => !members.has(c.key)) },
    });
    expect(report.requirements.find((r) => r.id === 'UG-PRIMARY-USER')!.status).toBe('skip');
    expect(report.requirements.find((r) => r.id === 'UG-GROUP-LEDGER')!.status).toBe('pass');
  });

  it('skips the identifiers check when each group has a single lookup', async () => {
    const report = await certify({
      suites: ['user-groups'],
      profile: { ...profile, groups: profile.groups.map((g) => ({ ...g, lookups: g.lookups.slice(0, 1) })) },
    });
    const result = report.requirements.find((r) => r.id === 'UG-IDENTIFIERS')!;
    expect(result.status).toBe('skip');
    expect(result.reasons.join(' ')).toMatch(/two or more lookups/);
  });

  describe('kills every fault of its catalog', () => {
    for (const fault of faults) it(fault.id, () => expectKilled(fault));
  });
});
