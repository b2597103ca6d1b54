/**
 * The run itself: the session against the target with the options `run` was given, progress on
 * standard error, the seed announced once the target answers, and the first Ctrl-C ending it
 * early with its reports still written.
 */
import type { ConformanceReport, PreflightSummary } from '../../core/report-model.js';
import { runSession, type SessionOptions } from '../../engine/session.js';
import type { Target } from '../../engine/target.js';
import { interruptOnSigint } from '../interrupt.js';
import type { CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import type { RunFlags } from './flags.js';
import type { PreparedRun } from './prepare.js';

export async function judgeTarget(
  flags: RunFlags,
  prepared: PreparedRun,
  baseUrl: string,
  io: CliIo,
): Promise<{ report: ConformanceReport; target: Target }> {
  const progress = flags.quiet ? undefined : createProgress(io);
  const interrupt = interruptOnSigint(
    io,
    'ledger-conformance: interrupted; finishing the reports (Ctrl-C again to quit at once)',
  );
  let judged: { report: ConformanceReport; target: Target };
  try {
    judged = await runSession({
      ...sessionOptions(flags, prepared, baseUrl, io),
      signal: interrupt.signal,
      ...(progress ? { onProgress: progress.update, onPreflightProgress: progress.preflight } : {}),
      onChecksStart: announcer(io, prepared.seed),
      reportStops: true,
    });
  } finally {
    interrupt.release();
  }
  progress?.done();
  // What stopped the run, once, on standard error (the summary and the reports say it too).
  const aborted = judged.report.aborted;
  if (aborted) io.err(`ledger-conformance: ${judged.target.redactor.redact(aborted.message)}`);
  return judged;
}

/** The session's options, as the flags and the prepared inputs give them. */
export function sessionOptions(
  flags: RunFlags,
  prepared: Pick<PreparedRun, 'spec' | 'setup' | 'catalog' | 'seed' | 'waivers'>,
  baseUrl: string,
  io: CliIo,
): SessionOptions {
  const { setup } = prepared;
  return {
    spec: prepared.spec,
    profile: setup.profile,
    catalog: prepared.catalog,
    destination: { kind: 'http', baseUrl },
    secrets: setup.secrets,
    credentialSource: setup.credentialSource,
    embeddedReference: flags.embedded === true,
    seed: prepared.seed,
    fuzzRuns: flags.fuzzRuns,
    gatingLevel: flags.level,
    ...(flags.suite ? { suites: flags.suite } : {}),
    ...(flags.requirement ? { requirements: flags.requirement } : {}),
    ...(flags.shard ? { shard: flags.shard } : {}),
    ...(flags.oauthTokenUrl ? { oauthTokenUrl: flags.oauthTokenUrl } : {}),
    waivers: prepared.waivers,
    insecure: flags.insecure === true,
    requestTimeoutMs: flags.timeout * 1000,
    maxResponseBytes: flags.maxResponseBytes,
    concurrency: flags.concurrency,
    ...(flags.rate !== undefined ? { ratePerSecond: flags.rate } : {}),
    runDeadline: Date.now() + flags.runTimeout * 1000,
    env: io.env,
    preflight: flags.preflight,
    ...(flags.requireCoverage !== undefined ? { requiredCoverage: flags.requireCoverage } : {}),
  };
}

/** Said once the target is known to answer: a run that cannot start ends with one line, not three. */
function announcer(io: CliIo, seed: number): (preflight: PreflightSummary | undefined) => void {
  return (preflight) => {
    if (preflight)
      io.err(
        `ledger-conformance: preflight: ${preflight.requests} requests, ${preflight.learned.length} value${preflight.learned.length === 1 ? '' : 's'} learned`,
      );
    for (const note of preflight?.notes ?? []) io.err(`ledger-conformance: preflight: ${note}`);
    io.err(`ledger-conformance: seed ${seed} (replay with --seed ${seed})`);
  };
}
