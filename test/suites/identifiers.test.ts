import { describe, expect, it } from 'vitest';
import { faults } from '../../src/faults/catalog/identifiers.js';
import type { Profile } from '../../src/profile/model.js';
import type { ReferenceHandler } from '../../src/core/handler.js';
import { certify, expectClean, expectKilled, referenceFor } from '../support/harness.js';

const profile = referenceFor().profile;
const requirements = ['ID-EQUIVALENCE', 'ID-SOURCE-ACCOUNT', 'ID-EMAIL-CASE', 'ID-EVENT-IDS', 'ID-EVENT-REFERENCES'];

const statusOf = async (changed: Profile, id: string) =>
  (await certify({ suites: ['identifiers'], profile: changed, requirements: [id] })).requirements.find((r) => r.id === id)!;

describe('identifiers suite', () => {
  it('is clean against the reference', async () => {
    const report = await certify({ suites: ['identifiers', 'schema'] });
    expectClean(report);
    for (const id of requirements) expect(report.requirements.find((r) => r.id === id)!.status).toBe('pass');
  });

  it('is clean against references built from other dataset seeds, judged with other run seeds', async () => {
    for (const [datasetSeed, seed] of [
      [1, 2],
      [42, 99],
      [777, 5],
    ] as const) {
      // certify judges each dataset with the reference profile read off that dataset.
      const report = await certify({ suites: ['identifiers'], datasetSeed, seed });
      expectClean(report);
    }
  });

  it('sends the same requests for the same seed (each query string, as a sorted list)', async () => {
    const requests = async (seed: number) => {
      const sent: string[] = [];
      const handler: ReferenceHandler = (request) => {
        sent.push(`${request.method} ${request.path}?${request.rawQuery}`);
        return referenceFor().handler(request);
      };
      await certify({ suites: ['identifiers'], seed, handler });
      return sent.sort();
    };
    const first = await requests(7);
    expect(first.length).toBeGreaterThan(0);
    expect(await requests(7)).toEqual(first);
  });

  it('skips every check, with a reason, when the profile lists no customer', async () => {
    const report = await certify({ suites: ['identifiers'], profile: { ...profile, customers: [] } });
    for (const id of requirements) {
      const result = report.requirements.find((r) => r.id === id)!;
      expect(result.status).toBe('skip');
      expect(result.reasons.join(' ')).toMatch(/profile lists no/);
    }
  });

  it('skips the email-case check when no customer has an email lookup', async () => {
    const result = await statusOf(
      {
        ...profile,
        customers: profile.customers.map((c) => ({ ...c, lookups: c.lookups.filter((l) => l.identifierName !== 'email') })),
      },
      'ID-EMAIL-CASE',
    );
    expect(result.status).toBe('skip');
    expect(result.reasons.join(' ')).toMatch(/email/);
  });

  it('skips the source-account check when customers have no lookup outside their first scope and nothing that must not find them', async () => {
    const home = (c: Profile['customers'][number]) =>
      c.lookups.filter((l) => l.source === c.lookups[0]!.source && l.accountId === c.lookups[0]!.accountId);
    const result = await statusOf(
      { ...profile, customers: profile.customers.map((c) => ({ ...c, lookups: home(c), notFoundLookups: [] })) },
      'ID-SOURCE-ACCOUNT',
    );
    expect(result.status).toBe('skip');
  });

  it('skips the event-references check when no event carries a reference id', async () => {
    const bare = profile.customers.map((c) => ({
      ...c,
      events: c.events.map(({ eventLogId, eventName }) => ({ eventLogId, eventName })),
    }));
    const result = await statusOf({ ...profile, customers: bare }, 'ID-EVENT-REFERENCES');
    expect(result.status).toBe('skip');
    expect(result.reasons.join(' ')).toMatch(/eventReferenceId/);
  });

  describe('kills every fault of its catalog', () => {
    for (const fault of faults) it(fault.id, () => expectKilled(fault));
  });
});
