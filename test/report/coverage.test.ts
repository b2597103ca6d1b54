/**
 * Coverage in the verdict: how much of the gating level a run proved, the bar of
 * `--require-coverage`, and the skipped requirements grouped by what would unlock them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverageOf, verdictOf } from '../../src/engine/verdict.js';
import { notProvenGroups } from '../../src/report/coverage-text.js';
import { coverageSentence, verdictHeadline } from '../../src/report/renderers/verdict-text.js';
import type { CheckResult, ConformanceReport, Level, Outcome, RequirementResult } from '../../src/core/report-model.js';
import { renderJson } from '../../src/report/renderers/json.js';
import { createSpecAjv } from '../../src/core/ajv.js';
import { conformantReport } from './fixtures.js';
import { requirementResult } from '../support/requirement-result.js';

function requirement(id: string, status: Outcome, level: Level = 'MUST', check: Partial<CheckResult> = {}): RequirementResult {
  const checks: CheckResult[] = [
    {
      id: `suite/${id.toLowerCase()}`,
      title: id,
      status: status === 'waived' ? 'fail' : status,
      requests: 1,
      durationMs: 1,
      ...check,
    },
  ];
  return requirementResult(id, status, level, {
    checks,
    failureCount: status === 'fail' ? 1 : 0,
    reasons: status === 'skip' ? [`suite/${id.toLowerCase()}: ${check.reason ?? 'not applicable'}`] : [],
  });
}

const run = [
  requirement('A', 'pass'),
  requirement('B', 'pass'),
  requirement('C', 'skip', 'MUST', {
    reason: 'the profile lists no customer with two lookups',
    profileField: '/customers/*/lookups',
  }),
  requirement('D', 'skip', 'MUST', {
    reason: 'the profile lists no customer with two lookups',
    profileField: '/customers/*/lookups',
  }),
  requirement('E', 'skip', 'MUST', {
    reason: 'no identity without Points access',
    environment: 'LEDGER_CONFORMANCE_FORBIDDEN_*',
  }),
  requirement('F', 'skip', 'SHOULD', { reason: 'not at the gating level' }),
];

describe('coverageOf', () => {
  it('counts what the gating level proved, rounded down, with what unlocks each of the others', () => {
    const coverage = coverageOf(run, 'MUST');
    expect(coverage).toMatchObject({ level: 'MUST', judged: 5, proven: 2, percent: 40 });
    expect(coverage.notProven.map((n) => [n.id, n.profileField ?? n.environment])).toEqual([
      ['C', '/customers/*/lookups'],
      ['D', '/customers/*/lookups'],
      ['E', 'LEDGER_CONFORMANCE_FORBIDDEN_*'],
    ]);
    // 2 of 3 is 66.6 %, never shown as the 66.7 % a bar of 66.7 would accept.
    expect(coverageOf(run.slice(0, 3), 'MUST').percent).toBe(66.6);
  });

  it('meets a bar only when proven / judged reaches it', () => {
    expect(coverageOf(run, 'MUST', 40).required).toEqual({ percent: 40, met: true });
    expect(coverageOf(run, 'MUST', 40.1).required).toEqual({ percent: 40.1, met: false });
  });
});

describe('verdictOf with a coverage bar', () => {
  it('keeps the verdict and exits 1 when a conformant run misses the bar', () => {
    expect(verdictOf(run, 'MUST', coverageOf(run, 'MUST', 90))).toEqual({ verdict: 'conformant', exitCode: 1 });
    expect(verdictOf(run, 'MUST', coverageOf(run, 'MUST', 10))).toEqual({ verdict: 'conformant', exitCode: 0 });
  });

  it('leaves non-conformant and inconclusive runs as they are', () => {
    const failed = [...run, requirement('G', 'fail')];
    expect(verdictOf(failed, 'MUST', coverageOf(failed, 'MUST', 90))).toEqual({ verdict: 'non-conformant', exitCode: 1 });
    const broken = [...run, requirement('G', 'error')];
    expect(verdictOf(broken, 'MUST', coverageOf(broken, 'MUST', 90))).toEqual({ verdict: 'inconclusive', exitCode: 3 });
  });
});

describe('the coverage in words', () => {
  it('groups what is not proven by the profile field or the identity that would unlock it', () => {
    const groups = notProvenGroups(coverageOf(run, 'MUST'));
    expect(groups.map((g) => [g.label, g.requirements.map((r) => r.id)])).toEqual([
      ['the profile lacks /customers/*/lookups', ['C', 'D']],
      ['no credentials in LEDGER_CONFORMANCE_FORBIDDEN_*', ['E']],
    ]);
  });

  it('says how many were proven and why the others were not', () => {
    const report = { ...conformantReport(), coverage: coverageOf(run, 'MUST', 90) };
    expect(coverageSentence(report)).toBe(
      '2 of 5 MUST requirements proven (40 %); 3 not proven (the profile lacks 1 field; 1 identity is not configured); below --require-coverage 90',
    );
    expect(verdictHeadline(report)).toMatch(/^Conformant: 2 of 5 MUST/);
  });
});

describe('conformance.json with a coverage bar missed', () => {
  const validate = createSpecAjv().compile(
    JSON.parse(readFileSync(new URL('../../schemas/conformance-report.schema.json', import.meta.url), 'utf8')) as object,
  );
  const base = conformantReport();

  it('is valid with exit code 1 and a verdict of conformant, and only then', () => {
    const missed: ConformanceReport = {
      ...base,
      exitCode: 1,
      coverage: { ...base.coverage, required: { percent: 100, met: false } },
    };
    expect(validate(JSON.parse(renderJson(missed)))).toBe(true);
    const met: ConformanceReport = { ...base, exitCode: 1, coverage: { ...base.coverage, required: { percent: 10, met: true } } };
    expect(validate(JSON.parse(JSON.stringify(met)))).toBe(false);
    expect(() => renderJson(met)).toThrow(/\/exitCode: must be equal to constant/);
  });
});
