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
    for (const id of [
      'RESP-STATUS',
      'RESP-CONTENT-TYPE',
      'RESP-BODY',
      'RESP-NO-UNDOCUMENTED-FIELDS',
      'RESP-ISO-TWIN',
      'RESP-NO-SERVER-ERROR',
      'RESP-DETERMINISTIC',
      'AUTH-REQUIRED',
      'AUTH-FORBIDDEN',
      'GOLDEN-MATCH',
    ]) {
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

describe('golden mode', () => {
  it('shows a vendor the first field that differs from the reference', async () => {
    const fault = goldenFaults.find((f) => f.id === 'golden/program-names-upper-case')!;
    const report = await certify({ fault, suites: ['schema', 'golden'] });
    const golden = report.requirements.find((r) => r.id === 'GOLDEN-MATCH')!;
    expect(golden.status).toBe('fail');
    // Only the golden comparison sees it: the mock's answers are otherwise valid.
    expect(report.requirements.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(['GOLDEN-MATCH']);
    expect(golden.failures[0]!.title).toMatch(/^Body differs from the reference's at \/events\/0\/.*programName$/);
    expect(golden.failures[0]!.message).toMatch(
      /Received: \/events\/0\/.*programName = "[A-Z0-9 ]+"\nDocumented: .*programName = ".*[a-z].*" \(the reference, seed \d+, size \d+\)/,
    );
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
