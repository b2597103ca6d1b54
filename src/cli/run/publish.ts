/**
 * The end of a run: the report compared with the baseline (when given), written in every format
 * asked for with every secret the target knows redacted, and summarised on standard output.
 */
import { withBaseline } from '../../report/baseline.js';
import type { ConformanceReport } from '../../core/report-model.js';
import { REPORT_FORMATS } from '../../report/renderers/index.js';
import { writeReports } from '../../report/write.js';
import type { CliIo } from '../io.js';
import { summaryLines } from '../summary.js';
import type { RunFlags } from './flags.js';
import type { PreparedRun } from './prepare.js';

/** Resolves to the exit code: the verdict's, or the baseline gate's. */
export async function publishReports(
  report: ConformanceReport,
  flags: RunFlags,
  prepared: PreparedRun,
  redact: (text: string) => string,
  io: CliIo,
): Promise<number> {
  // A run stopped by a mistake of configuration judged nothing: there is no regression to speak of.
  const judged = prepared.baseline && report.exitCode !== 2 ? withBaseline(report, prepared.baseline) : report;
  const files = await writeReports(judged, prepared.reportDir, flags.format ?? REPORT_FORMATS, redact);
  for (const line of summaryLines(judged, files, { color: io.color })) io.out(line);
  return judged.exitCode;
}
