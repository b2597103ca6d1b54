/**
 * How a requirement's result shows as a vitest test (src/vitest/outcome.ts): every outcome,
 * at and below the gating level. The fixture runs in integration.test.ts show the same
 * through vitest itself.
 */
import { describe, expect, it } from 'vitest';
import type { Level, Outcome, RequirementResult } from '../../src/core/report-model.js';
import { testOutcome } from '../../src/vitest/outcome.js';

const SEED = 4242;

function result(status: Outcome, level: Level, extra: Partial<RequirementResult> = {}): RequirementResult {
  return {
    id: 'ERR-8015',
    level,
    title: 'A customer identifier that matches no customer is answered with error 8015.',
    suite: 'errors',
    basis: 'documented',
    sources: [],
    specRefs: [],
    specRefLabels: [],
    status,
    durationMs: 12,
    checks: [],
    failures: [],
    failureCount: 0,
    reasons: [],
    ...extra,
  };
}

const failure = {
  check: 'errors/8015',
  title: 'unknown customer mobile=910000000000: not answered with error 8015',
  message: 'Received: 200, 0 event(s)\nDocumented: 400, error 8015',
  exchange: {
    id: 'x1',
    request: {
      method: 'GET' as const,
      url: 'http://127.0.0.1:1/v2/pointsLedger/getLedgerExplodeInfo?identifierValue=910000000000',
      headers: {},
    },
    response: { status: 200, headers: {}, bodyExcerpt: '{"events":[]}', bodyTruncated: false },
  },
  curl: "curl -sS -i 'http://127.0.0.1:1/v2/pointsLedger/getLedgerExplodeInfo?identifierValue=910000000000'",
};

describe('a requirement result as a vitest test', () => {
  it('passes when the requirement passed', () => {
    expect(testOutcome(result('pass', 'MUST'), 'MUST', SEED)).toEqual({ kind: 'pass' });
  });

  it('fails a gated failure with the Received/Documented evidence, the request, the curl line and the seed', () => {
    const outcome = testOutcome(result('fail', 'MUST', { failures: [failure], failureCount: 3 }), 'MUST', SEED);
    expect(outcome.kind).toBe('fail');
    const message = (outcome as { message: string }).message;
    expect(message).toMatch(/^ERR-8015 \(MUST\) failed: 3 failures/);
    for (const piece of [
      failure.title,
      'Received: 200, 0 event(s)',
      'Documented: 400, error 8015',
      failure.curl,
      'Response status: 200',
    ])
      expect(message).toContain(piece);
    expect(message).toContain('… and 2 more failures not kept in the report.');
    expect(message).toContain(`seed: ${SEED}`);
  });

  it('shows a failure below the gating level as skipped, saying it failed and which level makes it fail', () => {
    const should = result('fail', 'SHOULD', { failures: [failure], failureCount: 1 });
    const outcome = testOutcome(should, 'MUST', SEED);
    expect(outcome).toEqual({ kind: 'skip', note: expect.stringContaining(`failed (1 failure: ${failure.title})`) as string });
    expect((outcome as { note: string }).note).toContain("set level: 'SHOULD' to make it fail");
    expect(testOutcome(should, 'SHOULD', SEED).kind).toBe('fail');
    expect(testOutcome(should, 'MAY', SEED).kind).toBe('fail');
  });

  it('skips a skipped requirement with its reason and what would unlock it', () => {
    const byEnvironment = result('skip', 'MUST', {
      reasons: ['auth/forbidden: no forbidden identity is configured'],
      checks: [
        {
          id: 'auth/forbidden',
          title: 't',
          status: 'skip',
          requests: 0,
          durationMs: 0,
          environment: 'LEDGER_CONFORMANCE_FORBIDDEN_*',
        },
      ],
    });
    expect(testOutcome(byEnvironment, 'MUST', SEED)).toEqual({
      kind: 'skip',
      note: 'auth/forbidden: no forbidden identity is configured (unlocked by credentials in LEDGER_CONFORMANCE_FORBIDDEN_*)',
    });
    const byProfile = result('skip', 'MUST', {
      reasons: ['errors/1632: the profile names no absent group'],
      checks: [{ id: 'errors/1632', title: 't', status: 'skip', requests: 0, durationMs: 0, profileField: '/absent/groups' }],
    });
    expect(testOutcome(byProfile, 'MUST', SEED)).toEqual({
      kind: 'skip',
      note: 'errors/1632: the profile names no absent group (unlocked by the profile field /absent/groups)',
    });
    expect(testOutcome(result('skip', 'MUST', { reasons: ['only this'] }), 'MUST', SEED)).toEqual({
      kind: 'skip',
      note: 'only this',
    });
  });

  it('fails a gated error saying it is not the target’s fault; skips one below the gating level', () => {
    const broke = result('error', 'MUST', { reasons: ['errors/8015: TypeError: x is undefined'] });
    const outcome = testOutcome(broke, 'MUST', SEED);
    expect(outcome.kind).toBe('fail');
    expect((outcome as { message: string }).message).toContain(
      'could not be judged: the kit or the transport broke, not the target (errors/8015: TypeError: x is undefined)',
    );
    expect(testOutcome({ ...broke, level: 'SHOULD' }, 'MUST', SEED)).toEqual({
      kind: 'skip',
      note: expect.stringContaining('not the target') as string,
    });
  });

  it("skips a waived requirement with the waiver's reason and date", () => {
    const waived = result('waived', 'MUST', {
      failures: [failure],
      failureCount: 1,
      waiver: { requirement: 'ERR-8015', reason: 'CAP-4821 until release 25.1', expires: '2099-01-31' },
    });
    expect(testOutcome(waived, 'MUST', SEED)).toEqual({
      kind: 'skip',
      note: `waived until 2099-01-31: CAP-4821 until release 25.1 (it failed: ${failure.title})`,
    });
  });

  it('fails a requirement the run did not judge', () => {
    expect(testOutcome(undefined, 'MUST', SEED)).toEqual({
      kind: 'fail',
      message: expect.stringContaining('did not judge') as string,
    });
  });
});
