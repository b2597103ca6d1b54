/**
 * `ctrf.json`: the Common Test Report Format (https://ctrf.io), a flat list of tests with the
 * grouping in fields. Only `extra` may hold fields the format does not define.
 */
import type { CTRFReport, Test, TestStatus } from 'ctrf';
import type { ConformanceReport, Outcome, RequirementResult } from '../../core/report-model.js';
import { baselineCtrf } from './baseline.js';
import { failuresText, headline, uniqueTestNames } from './plain-text.js';
import { coverageSentence, dialectHeadline } from './verdict-text.js';

/**
 * The CTRF specification version written; the schema shipped with the `ctrf` package
 * (`ctrf-schema-0.0.json`) is the one this output is tested against.
 */
export const CTRF_SPEC_VERSION = '0.0.0';

/**
 * How outcomes map onto CTRF statuses. `error` and `waived` are `other`, told apart by
 * `rawStatus`: an error is not a target failure, and a waived requirement did fail, so calling
 * it `passed` (as JUnit has to) would hide a known deviation from CTRF dashboards.
 */
export const CTRF_STATUS: Readonly<Record<Outcome, TestStatus>> = {
  pass: 'passed',
  fail: 'failed',
  skip: 'skipped',
  error: 'other',
  waived: 'other',
};

/** Renders the report as CTRF JSON, one test per requirement; `start`/`stop` come from the run. */
export function renderCtrf(report: ConformanceReport): string {
  const names = uniqueTestNames(report.requirements);
  const tests = report.requirements.map((requirement, index) => ctrfTest(requirement, names[index] ?? requirement.id));
  const start = Date.parse(report.run.startedAt);
  const countOf = (status: TestStatus): number => tests.filter((test) => test.status === status).length;

  const document: CTRFReport = {
    reportFormat: 'CTRF',
    specVersion: CTRF_SPEC_VERSION,
    generatedBy: `${report.tool.name} ${report.tool.version}`,
    results: {
      tool: { name: report.tool.name, version: report.tool.version },
      summary: {
        tests: tests.length,
        passed: countOf('passed'),
        failed: countOf('failed'),
        skipped: countOf('skipped'),
        pending: countOf('pending'),
        other: countOf('other'),
        suites: new Set(report.requirements.map((r) => r.suite)).size,
        start,
        stop: start + Math.round(report.run.durationMs),
        duration: Math.round(report.run.durationMs),
        extra: { byOutcome: report.counts.byOutcome, byLevel: report.counts.byLevel },
      },
      tests,
      environment: {
        reportName: `${report.spec.title} ${report.spec.version} conformance`,
        appName: report.spec.title,
        appVersion: report.spec.version,
        testEnvironment: report.target.baseUrl,
        extra: {
          target: report.target,
          profile: report.profile,
        },
      },
      extra: {
        verdict: report.verdict,
        ...(report.verdictReason !== undefined ? { verdictReason: report.verdictReason } : {}),
        ...(report.aborted ? { aborted: report.aborted } : {}),
        exitCode: report.exitCode,
        seed: report.run.seed,
        fuzzRuns: report.run.fuzzRuns,
        gatingLevel: report.run.gatingLevel,
        startedAt: report.run.startedAt,
        requests: report.run.requests,
        spec: report.spec,
        dialect: { summary: dialectHeadline(report), deviations: report.dialect.deviations },
        coverage: { summary: coverageSentence(report), ...report.coverage },
        waivers: report.waivers,
        ...(report.fuzz && { fuzz: report.fuzz }),
        ...baselineCtrf(report),
      },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function ctrfTest(requirement: RequirementResult, name: string): Test {
  const test: Test = {
    name,
    // The requirement id is the stable attribute CTRF asks a testId to be derived from.
    testId: requirement.id,
    status: CTRF_STATUS[requirement.status],
    rawStatus: requirement.status,
    // Wall time of the requirement's checks, summed; checks of a run overlap, so these add up
    // to more than the run's duration.
    duration: Math.round(requirement.durationMs),
    suite: [requirement.suite],
    tags: [requirement.level, requirement.suite],
    extra: {
      requirement: requirement.id,
      level: requirement.level,
      basis: requirement.basis,
      sources: requirement.sources,
      specRefs: requirement.specRefLabels,
      failureCount: requirement.failureCount,
      curl: requirement.failures.flatMap((failure) => (failure.curl ? [failure.curl] : [])),
      ...(requirement.reasons.length > 0 && { reasons: requirement.reasons }),
      ...(requirement.waiver && { waiver: requirement.waiver }),
      checks: requirement.checks,
    },
  };
  if (requirement.status !== 'pass') test.message = headline(requirement);
  const evidence = failuresText(requirement);
  if (evidence) test.trace = evidence;
  return test;
}
