/**
 * The one run of a test file: the embedded reference served when it is the target, the
 * session (preflight and checks, one scheduled run) against it, and the reports written when
 * asked, every text redacted as the command line redacts it.
 */
import type { Catalog } from '../check/check.js';
import type { ConformanceReport } from '../core/report-model.js';
import { runSession } from '../engine/session.js';
import { withTokenEndpoint } from '../reference/token-endpoint.js';
import { REPORT_FORMATS } from '../report/renderers/index.js';
import { writeReports } from '../report/write.js';
import { whileServing } from '../cli/embedded.js';
import type { CliIo } from '../cli/io.js';
import type { RunFlags } from '../cli/run/flags.js';
import { sessionOptions } from '../cli/run/judge.js';
import type { PreparedRun } from '../cli/run/prepare.js';
import { writableFolder } from '../cli/writable.js';

/** Tests are declared when the file is collected: the catalog is built at once. */
export type PreparedInputs = Omit<PreparedRun<Catalog>, 'baseline' | 'reportDir'>;

export interface Judged {
  readonly report: ConformanceReport;
  /** Replaces every secret the target knows with its placeholder. */
  readonly redact: (text: string) => string;
  /** The reports written, absolute paths; empty without `reportDir`. */
  readonly files: readonly string[];
}

/**
 * `requirements`, when given, narrows the run to the tests vitest will run (`-t`, `.only`):
 * a filtered file sends only what those requirements need, the preflight included.
 */
export async function judgeOnce(
  flags: RunFlags,
  inputs: PreparedInputs,
  io: CliIo,
  options: { readonly reportDir?: string; readonly requirements?: readonly string[] },
): Promise<Judged> {
  // Checked before anything is sent: a run is never lost to a folder it cannot write.
  const reportDir = options.reportDir !== undefined ? await writableFolder('reportDir', options.reportDir) : undefined;
  const { reference, baseUrl } = inputs.setup;
  const embedded = flags.embedded ? withTokenEndpoint(reference!.handler, { identities: reference!.identities }) : undefined;
  const narrowed: RunFlags = options.requirements ? { ...flags, requirement: [...options.requirements] } : flags;
  const { report, target } = await whileServing(embedded, (embeddedUrl) =>
    runSession({
      ...sessionOptions(narrowed, inputs, embeddedUrl ?? baseUrl!, io),
      onChecksStart: () => io.err(`ledger-conformance: seed ${inputs.seed} (replay with seed: ${inputs.seed})`),
    }),
  );
  const redact = (text: string): string => target.redactor.redact(text);
  const files = reportDir ? await writeReports(report, reportDir, flags.format ?? REPORT_FORMATS, redact) : [];
  if (files.length > 0) io.err(`ledger-conformance: reports: ${files.join(', ')}`);
  return { report, redact, files };
}
