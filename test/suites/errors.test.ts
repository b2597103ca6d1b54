import { describe, expect, it } from 'vitest';
import { runSession } from '../../src/engine/session.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { faults as errorFaults } from '../../src/faults/catalog/errors.js';
import { errorRuleChecks } from '../../suites/errors/rules.js';
import { builtInProfile } from '../../src/profile/load.js';
import { catalog, certify, expectClean, expectKilled, referenceFor, spec } from '../support/harness.js';

const faults = errorFaults(spec);

describe('errors suite', () => {
  it('is clean against the reference', async () => {
    expectClean(await certify({ suites: ['errors', 'schema'] }));
  });

  it('has one check per rule of x-ledger-errors, proving the rule’s requirement', () => {
    const checks = errorRuleChecks(spec);
    // A second rule with the same code and trigger kind gets its position appended.
    const ids = spec.knobs.errors.map(
      (r) =>
        `errors/${r.code}-${r.trigger.kind}${spec.knobs.errors.some((e) => e.index < r.index && e.code === r.code && e.trigger.kind === r.trigger.kind) ? `-${r.index}` : ''}`,
    );
    expect(checks.slice(0, ids.length).map((c) => [c.id, c.requirement])).toEqual(
      spec.knobs.errors.map((r, i) => [ids[i], r.requirement]),
    );
    const suite = catalog.checks.filter((c) => c.id.startsWith('errors/'));
    for (const requirement of spec.requirements.filter((r) => r.suite === 'errors'))
      expect(suite.map((c) => c.requirement)).toContain(requirement.id);
  });

  it('skips, with the reason, the rules whose handles the profile lacks', async () => {
    const profile = referenceFor().profile;
    const report = await certify({
      suites: ['errors'],
      profile: {
        ...profile,
        groups: [],
        customers: profile.customers.map((c) => ({ ...c, eventIdsWithoutDetail: [] })),
        absent: { ...profile.absent, groups: [] },
      },
    });
    const byRule = (kind: string) =>
      report.requirements.find((r) => r.id === spec.knobs.errors.find((e) => e.trigger.kind === kind)!.requirement)!;
    for (const kind of ['group-not-found', 'event-without-detail']) {
      expect(byRule(kind).status).toBe('skip');
      expect(byRule(kind).reasons.join(' ')).toMatch(/the profile lists no/);
    }
    expect(report.requirements.filter((r) => r.status === 'fail' || r.status === 'error')).toEqual([]);
  });

  it('stops at the first missing handle: a profile without customers skips every rule', async () => {
    const profile = referenceFor().profile;
    const report = await certify({ suites: ['errors'], profile: { ...profile, customers: [], groups: [] } });
    for (const r of report.requirements) expect([r.id, r.status]).toEqual([r.id, 'skip']);
  });

  it('reports a trigger that breaks another rule than the one meant as an error of the check, not as a finding', async () => {
    const profile = referenceFor().profile;
    const customerRule = spec.knobs.errors.find((r) => r.trigger.kind === 'customer-not-found')!;
    // An "absent customer" whose id is not a user id breaks a rule decided from the request alone.
    const report = await certify({
      suites: ['errors'],
      requirements: [customerRule.requirement],
      profile: {
        ...profile,
        absent: { ...profile.absent, customers: [{ identifierName: 'id', identifierValue: 'not-a-number', source: 'INSTORE' }] },
      },
    });
    const requirement = report.requirements.find((r) => r.id === customerRule.requirement)!;
    expect(requirement.status).toBe('error');
    expect(requirement.reasons.join(' ')).toMatch(/misbuilt trigger/);
  });

  it('skips the org-setting rule, with the reason, when no identity of such an org is configured', async () => {
    const reference = referenceFor();
    const { breakupDisabled: _, ...secrets } = referenceSecrets(reference.identities);
    const rule = spec.knobs.errors.find((r) => r.trigger.kind === 'org-setting-disabled')!;
    const { report } = await runSession({
      catalog,
      spec,
      profile: builtInProfile(reference.profile),
      destination: { kind: 'in-process', handler: reference.handler },
      secrets,
      seed: 1,
      fuzzRuns: 1,
      gatingLevel: 'MAY',
      requirements: [rule.requirement],
    });
    const requirement = report.requirements.find((r) => r.id === rule.requirement)!;
    expect(requirement.status).toBe('skip');
    expect(requirement.reasons.join(' ')).toMatch(/no identity of an org with/);
  });

  for (const fault of faults) it(`kills ${fault.id}`, () => expectKilled(fault));
});
