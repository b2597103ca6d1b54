/**
 * A run that stopped early still has a report. Before any check (OAuth tokens, the preflight):
 * every requirement it set out to judge ends `error`, naming what stopped it, and the verdict
 * is inconclusive (exit 2 when the cause is a mistake of configuration, 3 otherwise). During the
 * checks (the target stopped answering, Ctrl-C, the run timeout): the requirements keep what
 * their checks proved, and the report says what stopped the run.
 */
import { SuiteError, USAGE_ERROR_CODES } from '../core/errors.js';
import type { QueueStop } from '../http/scheduler.js';
import type { ConformanceReport, RunAborted } from '../core/report-model.js';
import { assembleReport, type RunFacts } from './assemble.js';
import { collectionFor } from './collect.js';
import { judgeRequirements } from './judge.js';
import type { RunOptions } from './run.js';
import { selectDefinitions } from './select.js';

export type RunStage = RunAborted['stage'];

/** The first line of a suite error: a profile mismatch carries its table below it. */
function firstLine(message: string): string {
  return message.split('\n')[0]!;
}

/** The report of a run a suite error stopped before its first check. */
export function reportOfStoppedRun(
  options: Omit<RunOptions, 'profile' | 'transport' | 'credentials' | 'redactor'> & { readonly profile: RunFacts['profile'] },
  facts: Pick<RunFacts, 'started' | 'requests'>,
  error: SuiteError,
  stage: RunStage,
): ConformanceReport {
  const selection = selectDefinitions(options);
  const aborted: RunAborted = { code: error.code, stage, message: error.message };
  const line = firstLine(error.message);
  const judged = judgeRequirements(options.spec, collectionFor(selection.requirementIds), options);
  const requirements = judged.requirements.map((r) => ({ ...r, status: 'error' as const, reasons: [`not judged: ${line}`] }));
  const report = assembleReport({ ...options, ...facts, fuzzProperties: [] }, selection, { ...judged, requirements });
  return {
    ...report,
    verdictReason: `the run stopped in the ${stage}, before any check: ${line}`,
    aborted,
    exitCode: USAGE_ERROR_CODES.has(error.code) ? 2 : 3,
  };
}

/** The report of a run whose queue stopped during the checks, saying so; as it is otherwise. */
export function withQueueStop(report: ConformanceReport, stop: QueueStop | undefined): ConformanceReport {
  if (stop === undefined) return report;
  const aborted: RunAborted = { code: stop.code, stage: 'checks', message: stop.message };
  return {
    ...report,
    verdictReason: `${report.verdictReason ?? report.verdict}; the run stopped early: ${stop.message}`,
    aborted,
  };
}
