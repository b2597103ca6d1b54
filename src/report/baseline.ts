/**
 * Gating a release on regressions (`--baseline previous/conformance.json`): the run is compared
 * requirement by requirement with the last release's report, and only a requirement that passed
 * there and fails now (at or above the gating level) fails the run. A deviation the baseline
 * already had is listed as still failing; it does not block the release.
 */
import { FileInvalidError } from '../core/errors.js';
import { gates } from '../engine/verdict.js';
import type { BaselineComparison, BaselineEntry, ConformanceReport, Outcome } from '../core/report-model.js';
import { shardLabel } from '../engine/shard.js';
import { readReportFile, type ReportFile } from './read.js';

/** Reads a baseline (`--baseline FILE`): a valid report of a whole run, not one shard of it. */
export function readBaseline(file: string): ReportFile {
  const baseline = readReportFile(file, '--baseline');
  const shard = baseline.report.run.shard;
  if (shard)
    throw new FileInvalidError(file, {
      pointer: '/run/shard',
      rule: `is shard ${shardLabel(shard)} of a run: give the merged report of the whole run (ledger-conformance merge)`,
    });
  return baseline;
}

const failing = (outcome: Outcome | 'absent'): boolean => outcome === 'fail' || outcome === 'waived';

/** The comparison of `report` with `baseline`, in the report's requirement order. */
export function compareWithBaseline(report: ConformanceReport, baseline: ReportFile): BaselineComparison {
  const before = new Map(baseline.report.requirements.map((r) => [r.id, r.status]));
  const entries: BaselineEntry[] = report.requirements.map((r) => ({
    id: r.id,
    level: r.level,
    title: r.title,
    before: before.get(r.id) ?? 'absent',
    now: r.status,
  }));
  const newFailures = entries.filter((e) => failing(e.now) && !failing(e.before));
  return {
    file: baseline.file,
    startedAt: baseline.report.run.startedAt,
    specSha256: baseline.report.spec.sha256,
    verdict: baseline.report.verdict,
    newFailures,
    fixed: entries.filter((e) => failing(e.before) && e.now === 'pass'),
    stillFailing: entries.filter((e) => failing(e.before) && failing(e.now)),
    regressions: newFailures
      .filter((e) => e.before === 'pass' && e.now === 'fail' && gates(e.level, report.run.gatingLevel))
      .map((e) => e.id),
  };
}

/**
 * The report with its baseline comparison and the exit code that gates on regressions only:
 * 1 for a regression; else 3 when the run could not judge what the baseline had proven (an
 * error where the baseline passed, or an inconclusive run); else 0.
 */
export function withBaseline(report: ConformanceReport, baseline: ReportFile): ConformanceReport {
  const comparison = compareWithBaseline(report, baseline);
  const passedBefore = new Set(baseline.report.requirements.filter((r) => r.status === 'pass').map((r) => r.id));
  const unjudged = report.requirements.some(
    (r) => r.status === 'error' && passedBefore.has(r.id) && gates(r.level, report.run.gatingLevel),
  );
  const exitCode = comparison.regressions.length > 0 ? 1 : report.verdict === 'inconclusive' || unjudged ? 3 : 0;
  return { ...report, exitCode, baseline: comparison };
}
