import { describe, expect, it } from 'vitest';
import { faults as schemaFaults } from '../../src/faults/catalog/schema.js';
import { faults as transportFaults } from '../../src/faults/catalog/transport.js';
import { faults as authFaults } from '../../src/faults/catalog/auth.js';
import { faults as goldenFaults } from '../../src/faults/catalog/golden.js';
import { certify, expectClean, expectKilled, referenceFor } from '../support/harness.js';

describe('schema, auth and golden checks against the reference', () => {
  it('are clean', async () => {
    const report = await certify({ suites: ['schema', 'auth', 'golden'] });
    expectClean(report);
    const ids = report.requirements.map((r) => r.id);
    for (const id of ['RESP-STATUS', 'RESP-CONTENT-TYPE', 'RESP-BODY', 'RESP-NO-UNDOCUMENTED-FIELDS', 'RESP-ISO-TWIN', 'RESP-NO-SERVER-ERROR', 'RESP-DETERMINISTIC', 'AUTH-REQUIRED', 'AUTH-FORBIDDEN', 'GOLDEN-MATCH']) {
      expect(report.requirements.find((r) => r.id === id)?.status, id).toBe('pass');
    }
    expect(ids).toContain('AUTH-CHALLENGE');
  });

  it('skip what the profile cannot support, with the reason', async () => {
    const profile = { ...referenceFor().profile, customers: [], groups: [] };
    const { canonicalDataset: _, ...withoutCanonical } = profile;
    const report = await certify({ suites: ['schema', 'auth', 'golden'], profile: withoutCanonical });
    const golden = report.requirements.find((r) => r.id === 'GOLDEN-MATCH')!;
    expect(golden.status).toBe('skip');
    expect(golden.reasons.join(' ')).toMatch(/canonical reference dataset/);
    const basic = report.requirements.find((r) => r.id === 'AUTH-BASIC')!;
    expect(basic.status).toBe('skip');
    expect(basic.reasons.join(' ')).toMatch(/no customer with 1 or more events/);
    expect(report.verdict).toBe('inconclusive');
  });
});

describe.each([
  ['schema', schemaFaults],
  ['transport', transportFaults],
  ['auth', authFaults],
  ['golden', goldenFaults],
])('%s faults are caught', (_, faults) => {
  it.each(faults.map((f) => [f.id, f] as const))('%s', async (__, fault) => {
    await expectKilled(fault, { suites: ['schema', 'auth', 'golden', 'parameters'] });
  });
});
