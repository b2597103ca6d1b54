/**
 * From requirement outcomes to the verdict, its reason, the counts and the coverage (architecture
 * §7), on hand-built requirements: what a user's CI reads in `verdict`, `exitCode` and
 * `verdictReason`, and what `coverage.notProven` tells them to do next.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult, Level, RequirementResult } from '../../src/core/report-model.js';
import { requirementResult } from '../support/requirement-result.js';
import { combine, countsOf, coverageOf, gates, verdictOf, verdictReasonOf } from '../../src/engine/verdict.js';

const requirement = requirementResult;

const check = (id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: id,
  status,
  requests: 1,
  durationMs: 1,
  ...extra,
});

describe('combine: a requirement from its checks', () => {
  it('fails if any check failed, else errs if any erred, else passes if any passed, else skips', () => {
    expect(combine(['pass', 'error', 'fail', 'skip'])).toBe('fail');
    expect(combine(['fail'])).toBe('fail');
    expect(combine(['pass', 'error', 'skip'])).toBe('error');
    expect(combine(['error'])).toBe('error');
    expect(combine(['skip', 'pass'])).toBe('pass');
    expect(combine(['skip'])).toBe('skip');
    expect(combine([])).toBe('skip');
  });
});

describe('gates: what counts toward a run gated at a level', () => {
  it('counts the level itself and those above it', () => {
    expect([gates('MUST', 'MUST'), gates('SHOULD', 'MUST'), gates('MAY', 'MUST')]).toEqual([true, false, false]);
    expect([gates('MUST', 'SHOULD'), gates('SHOULD', 'SHOULD'), gates('MAY', 'SHOULD')]).toEqual([true, true, false]);
    expect([gates('MUST', 'MAY'), gates('SHOULD', 'MAY'), gates('MAY', 'MAY')]).toEqual([true, true, true]);
  });
});

describe('verdictOf and verdictReasonOf', () => {
  const judge = (requirements: RequirementResult[], gating: Level = 'MUST') => ({
    ...verdictOf(requirements, gating, coverageOf(requirements, gating)),
    reason: verdictReasonOf(requirements, gating, coverageOf(requirements, gating)),
  });

  it('is non-conformant (1) when a requirement at or above the gating level failed, naming it', () => {
    expect(judge([requirement('A', 'pass'), requirement('B', 'fail')])).toEqual({
      verdict: 'non-conformant',
      exitCode: 1,
      reason: '1 requirement at or above MUST failed: B',
    });
  });

  it('ignores a failure below the gating level', () => {
    const run = [requirement('A', 'pass'), requirement('B', 'fail', 'SHOULD'), requirement('C', 'error', 'MAY')];
    expect(judge(run)).toEqual({
      verdict: 'conformant',
      exitCode: 0,
      reason: 'no requirement at or above MUST failed; 1 of 1 requirements at or above MUST proven',
    });
    expect(judge(run, 'SHOULD')).toMatchObject({
      verdict: 'non-conformant',
      exitCode: 1,
      reason: '1 requirement at or above SHOULD failed: B',
    });
  });

  it('names five failed requirements and counts the others', () => {
    const failed = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((id) => requirement(id, 'fail'));
    expect(judge(failed).reason).toBe('7 requirements at or above MUST failed: A, B, C, D, E and 2 more');
    expect(judge(failed.slice(0, 5)).reason).toBe('5 requirements at or above MUST failed: A, B, C, D, E');
  });

  it('is inconclusive (3) when none failed but one at or above the gating level erred, naming it', () => {
    expect(judge([requirement('A', 'pass'), requirement('B', 'error'), requirement('C', 'error')])).toEqual({
      verdict: 'inconclusive',
      exitCode: 3,
      reason: '2 requirements at or above MUST could not be judged (error): B, C',
    });
    expect(judge([requirement('A', 'pass'), requirement('B', 'error')]).reason).toBe(
      '1 requirement at or above MUST could not be judged (error): B',
    );
  });

  it('is non-conformant rather than inconclusive when one failed and another erred', () => {
    expect(judge([requirement('A', 'error'), requirement('B', 'fail')])).toMatchObject({
      verdict: 'non-conformant',
      exitCode: 1,
    });
  });

  it('is inconclusive (3) when nothing at all could be judged', () => {
    const run = [requirement('A', 'skip'), requirement('B', 'error', 'MAY')];
    expect(judge(run)).toEqual({ verdict: 'inconclusive', exitCode: 3, reason: 'no requirement could be judged' });
  });

  it('is conformant when what was judged is waived: a waived failure is a judgement', () => {
    const run = [requirement('A', 'waived'), requirement('B', 'skip')];
    expect(judge(run)).toEqual({
      verdict: 'conformant',
      exitCode: 0,
      reason: 'no requirement at or above MUST failed; 0 of 2 requirements at or above MUST proven',
    });
  });

  it('is conformant when only a requirement below the gating level passed', () => {
    expect(judge([requirement('A', 'skip'), requirement('B', 'pass', 'MAY')])).toMatchObject({
      verdict: 'conformant',
      exitCode: 0,
    });
  });

  it('says a conformant run missed the coverage bar, and only then', () => {
    const run = [requirement('A', 'pass'), requirement('B', 'skip')];
    expect(verdictReasonOf(run, 'MUST', coverageOf(run, 'MUST', 60))).toBe(
      'nothing failed, but 1 of 2 requirements at or above MUST proven: below --require-coverage 60',
    );
    expect(verdictReasonOf(run, 'MUST', coverageOf(run, 'MUST', 50))).toBe(
      'no requirement at or above MUST failed; 1 of 2 requirements at or above MUST proven',
    );
  });
});

describe('countsOf', () => {
  it('counts the requirements by outcome, and by level and outcome', () => {
    const counts = countsOf([
      requirement('A', 'pass'),
      requirement('B', 'pass'),
      requirement('C', 'fail', 'SHOULD'),
      requirement('D', 'waived', 'MAY'),
      requirement('E', 'skip', 'MAY'),
    ]);
    expect(counts.byOutcome).toEqual({ pass: 2, fail: 1, waived: 1, skip: 1, error: 0 });
    expect(counts.byLevel).toEqual({
      MUST: { pass: 2, fail: 0, waived: 0, skip: 0, error: 0 },
      SHOULD: { pass: 0, fail: 1, waived: 0, skip: 0, error: 0 },
      MAY: { pass: 0, fail: 0, waived: 1, skip: 1, error: 0 },
    });
  });
});

describe('coverageOf: why each requirement was not proven', () => {
  const notProven = (r: RequirementResult) => coverageOf([r], 'MUST').notProven[0];

  it('a failure by the title of its first failure, or a pointer to the failures', () => {
    const failure = { check: 'c', title: 'event 7 on two pages', message: 'm' };
    expect(notProven(requirement('A', 'fail', 'MUST', { failures: [failure] }))).toEqual({
      id: 'A',
      status: 'fail',
      reason: 'failed: event 7 on two pages',
    });
    expect(notProven(requirement('A', 'fail'))!.reason).toBe('failed: see the failures');
  });

  it('a waiver by its reason', () => {
    const waiver = { requirement: 'A', expires: '2027-01-01', reason: 'ticket LEDGER-12' };
    expect(notProven(requirement('A', 'waived', 'MUST', { waiver }))).toEqual({
      id: 'A',
      status: 'waived',
      reason: 'waived: ticket LEDGER-12',
    });
    expect(notProven(requirement('A', 'waived'))!.reason).toBe('waived: ');
  });

  it('a skip by the skipped check that names the profile field or credentials that would unlock it', () => {
    const skipped = requirement('A', 'skip', 'MUST', {
      checks: [
        check('s/plain', 'skip', { reason: 'nothing to see' }),
        check('s/passing', 'pass', { profileField: '/customers/*/lookups' }),
        check('s/field', 'skip', { reason: 'no customer with two lookups', profileField: '/customers/*/lookups' }),
      ],
      reasons: ['s/plain: nothing to see'],
    });
    expect(notProven(skipped)).toEqual({
      id: 'A',
      status: 'skip',
      reason: 's/field: no customer with two lookups',
      profileField: '/customers/*/lookups',
    });
    const credentials = requirement('A', 'skip', 'MUST', {
      checks: [
        check('s/forbidden', 'skip', { reason: 'no identity without access', environment: 'LEDGER_CONFORMANCE_FORBIDDEN_*' }),
      ],
    });
    expect(notProven(credentials)).toEqual({
      id: 'A',
      status: 'skip',
      reason: 's/forbidden: no identity without access',
      environment: 'LEDGER_CONFORMANCE_FORBIDDEN_*',
    });
    const unexplained = requirement('A', 'skip', 'MUST', {
      checks: [check('s/field', 'skip', { profileField: '/customers/*/lookups' })],
    });
    expect(notProven(unexplained)!.reason).toBe('s/field: ');
  });

  it("a skip no check can unlock, and an error, by the requirement's first reason, or its outcome", () => {
    const plain = requirement('A', 'skip', 'MUST', {
      checks: [check('s/plain', 'skip')],
      reasons: ['s/plain: not applicable', 'z'],
    });
    expect(notProven(plain)).toEqual({ id: 'A', status: 'skip', reason: 's/plain: not applicable' });
    expect(notProven(requirement('A', 'skip'))).toEqual({ id: 'A', status: 'skip', reason: 'skip' });
    // An erred requirement is not unlocked by a profile field, even if one of its checks skipped for want of one.
    const erred = requirement('A', 'error', 'MUST', {
      checks: [check('s/field', 'skip', { reason: 'no customer', profileField: '/customers/*/lookups' }), check('s/x', 'error')],
      reasons: ['s/x: the target reset the connection'],
    });
    expect(notProven(erred)).toEqual({ id: 'A', status: 'error', reason: 's/x: the target reset the connection' });
  });

  it('counts only the gating level and above, and a run with nothing gated as fully proven', () => {
    expect(coverageOf([requirement('A', 'pass'), requirement('B', 'skip', 'SHOULD')], 'MUST')).toEqual({
      level: 'MUST',
      judged: 1,
      proven: 1,
      percent: 100,
      notProven: [],
    });
    expect(coverageOf([requirement('B', 'skip', 'SHOULD')], 'MUST')).toMatchObject({ judged: 0, proven: 0, percent: 100 });
  });
});
