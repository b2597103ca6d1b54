import { randomInt } from 'node:crypto';
import { Command, Option } from 'commander';
import { runSession } from '../../engine/session.js';
import { loadWaivers } from '../../engine/waivers.js';
import { UsageError } from '../../errors.js';
import { REFERENCE_PROFILE } from '../../profile/load.js';
import { DEFAULT_DATASET_SIZE } from '../../reference/dataset.js';
import { DEFAULT_REFERENCE_SEED } from '../../reference/index.js';
import { serveHandler, type RunningServer } from '../../reference/server.js';
import { withTokenEndpoint } from '../../reference/token-endpoint.js';
import type { Level, PreflightSummary } from '../../report/model.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/renderers/index.js';
import { writeReports } from '../../report/write.js';
import { loadEffectiveSpec } from '../../spec/load.js';
import { buildCatalog, SUITE_NAMES } from '../../../suites/index.js';
import { parseShard, type Shard } from '../../engine/shard.js';
import { readBaseline, withBaseline } from '../../report/baseline.js';
import { writableFolder } from '../writable.js';
import type { CliIo } from '../io.js';
import { baseUrlOption, choiceOption, httpUrlOption, integerOption, levelOption, listOption, numberOption, specSourceOf, withSpecOptions, type SpecFlags } from '../options.js';
import { createProgress } from '../progress.js';
import { transcriptChecks, withChecks } from '../transcript-option.js';
import { summaryLines } from '../summary.js';
import { resolveTargetSetup, type TargetFlags } from '../target-setup.js';

/** The fuzz budget when none is given: enough to find shallow bugs, small enough for `npm start`. */
export const DEFAULT_FUZZ_RUNS = 100;

interface RunFlags extends SpecFlags, TargetFlags {
  seed?: number;
  fuzzRuns: number;
  suite?: string[];
  requirement?: string[];
  level: Level;
  concurrency: number;
  rate?: number;
  timeout: number;
  runTimeout: number;
  maxResponseBytes: number;
  insecure?: boolean;
  waivers?: string;
  reportDir: string;
  format: ReportFormat[];
  auth?: 'basic' | 'oauth-token' | 'none';
  user?: string;
  quiet?: boolean;
  transcript?: string;
  preflight: boolean;
  requireCoverage?: number;
  shard?: Shard;
  baseline?: string;
  oauthTokenUrl?: string;
}

/** `ledger-conformance run`: judge a target, write the reports, exit with the verdict's code. */
export function registerRun(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  withSpecOptions(program.command('run'))
    .description('certify a target: run the conformance catalog against it and write the reports')
    .addOption(new Option('--base-url <url>', 'the target: scheme, host and optional path prefix (env LEDGER_CONFORMANCE_BASE_URL)').argParser(baseUrlOption))
    .option('--embedded', 'start the embedded reference on a free loopback port and certify it')
    .option('--profile <file>', 'what the target\'s data holds: a JSON/YAML profile file, or "reference"', REFERENCE_PROFILE)
    .option('--dataset-seed <n>', 'seed of the reference dataset (for --embedded and the reference profile)', integerOption('--dataset-seed', 0, 4294967295), DEFAULT_REFERENCE_SEED)
    .option('--dataset-size <n>', 'customers in the reference dataset', integerOption('--dataset-size', 4, 10000), DEFAULT_DATASET_SIZE)
    .option('--seed <n>', 'seed of the run (fuzzing, sampling); random and printed when absent', integerOption('--seed', 0, 2147483647))
    .option('--fuzz-runs <n>', 'runs per fuzz property', integerOption('--fuzz-runs', 1, 1000000), DEFAULT_FUZZ_RUNS)
    .option('--suite <names>', `suites to run, comma-separated (${SUITE_NAMES.join(', ')})`, listOption('--suite', SUITE_NAMES))
    .option('--requirement <ids>', 'requirement ids to judge, comma-separated (checked against the spec)', listOption('--requirement', undefined))
    .option('--level <level>', 'gating level: a failure at or above it fails the run (MUST, SHOULD, MAY)', levelOption, 'MUST' as Level)
    .option('--concurrency <n>', 'requests in flight at once', integerOption('--concurrency', 1, 256), 4)
    .option('--rate <n>', 'at most this many requests per second', numberOption('--rate', 0.01, 100000))
    .option('--timeout <seconds>', 'per-request timeout', numberOption('--timeout', 0.1, 3600), 10)
    .option('--run-timeout <seconds>', 'whole-run timeout', numberOption('--run-timeout', 1, 86400), 1800)
    .option('--max-response-bytes <n>', 'response bodies are cut beyond this size', integerOption('--max-response-bytes', 1024, 1073741824), 5 * 1024 * 1024)
    .option('--insecure', 'do not verify the target\'s TLS certificate')
    .option('--waivers <file>', 'known deviations (requirement, reason, expires) in JSON or YAML')
    .option('--report-dir <dir>', 'where the reports are written', 'reports')
    .option('--format <formats>', `report formats, comma-separated (${REPORT_FORMATS.join(', ')})`, listOption('--format', REPORT_FORMATS) as (v: string, p: ReportFormat[] | undefined) => ReportFormat[])
    .option('--auth <style>', 'credential style of the main identity: basic, oauth-token, or none', choiceOption('--auth', ['basic', 'oauth-token', 'none'] as const))
    .option('--user <name>', 'Basic user name (env LEDGER_CONFORMANCE_USER); the password comes from LEDGER_CONFORMANCE_PASSWORD')
    .addOption(new Option('--oauth-token-url <url>', 'where OAuth client credentials get a token (default {base}/v3/oauth/token/generate)').argParser((value: string) => httpUrlOption('--oauth-token-url', value)))
    .option('--quiet', 'no progress output')
    .option('--transcript <file>', 'also replay a golden transcript (dataset transcript): every answer must equal its line\'s (GOLDEN-MATCH)')
    .option('--no-preflight', 'skip the preflight (reachability, credentials, the profile checked and completed against the target); the profile must then name every event in full')
    .option('--require-coverage <percent>', 'exit 1 unless at least this share of the requirements at the gating level is proven (passed)', numberOption('--require-coverage', 0, 100))
    .option('--shard <i/n>', 'run shard i of n (a CI matrix job); `ledger-conformance merge` joins the shards', (value: string) => parseShard(value))
    .option('--baseline <file>', 'an earlier conformance.json (the last release\'s): exit 1 only for a regression against it')
    .addHelpText(
      'after',
      `
Credentials come from the environment, never from reports or logs:
  LEDGER_CONFORMANCE_USER, LEDGER_CONFORMANCE_PASSWORD   Capillary Basic (the password is MD5-hashed before Base64)
  LEDGER_CONFORMANCE_TOKEN                               X-CAP-API-OAUTH-TOKEN
  LEDGER_CONFORMANCE_OAUTH_KEY, _OAUTH_SECRET            OAuth client credentials: the token is fetched (POST to
                                                         --oauth-token-url) and renewed before it expires
  LEDGER_CONFORMANCE_FORBIDDEN_{USER,PASSWORD,TOKEN,OAUTH_KEY,OAUTH_SECRET}  an identity without Points access (403 checks)
  LEDGER_CONFORMANCE_BREAKUP_DISABLED_{…same…}          an identity of an org without source-value capturing (11019)
With --embedded, or with --profile reference and no credentials, the reference's demo identities are used.

Exit codes: 0 conformant, 1 non-conformant (with --baseline: a regression), 2 bad usage/configuration/profile,
3 the target could not be judged.`,
    )
    .action(async (flags: RunFlags) => {
      setExitCode(await executeRun(flags, io));
    });
}

async function executeRun(flags: RunFlags, io: CliIo): Promise<number> {
  const spec = loadEffectiveSpec(specSourceOf(flags));
  // Requirement ids depend on the spec (an overlay may add or remove some): checked once it is loaded.
  const unknownRequirements = (flags.requirement ?? []).filter((id) => !spec.requirement(id));
  if (unknownRequirements.length > 0) throw new UsageError('--requirement', `${unknownRequirements.map((id) => `"${id}"`).join(', ')} is not a requirement of the spec (ledger-conformance list shows them)`);
  const { baseUrl, reference, profile, secrets, credentialSource } = resolveTargetSetup(flags, io, spec);
  const waivers = flags.waivers ? loadWaivers(flags.waivers) : [];
  const transcript = transcriptChecks(flags.transcript, spec, flags);
  const baseline = flags.baseline ? readBaseline(flags.baseline) : undefined;

  // Checked before the run, so that a run is never lost to a report folder it cannot write.
  const reportDir = await writableFolder('--report-dir', flags.reportDir);

  const seed = flags.seed ?? randomInt(0, 2147483647);
  // Said once the target is known to answer: a run that cannot start ends with one line.
  const announce = (preflight: PreflightSummary | undefined): void => {
    if (preflight) io.err(`ledger-conformance: preflight: ${preflight.requests} requests, ${preflight.learned.length} value${preflight.learned.length === 1 ? '' : 's'} learned`);
    for (const note of preflight?.notes ?? []) io.err(`ledger-conformance: preflight: ${note}`);
    io.err(`ledger-conformance: seed ${seed} (replay with --seed ${seed})`);
  };

  let server: RunningServer | undefined;
  try {
    if (flags.embedded) {
      server = await serveHandler(withTokenEndpoint(reference!.handler, { identities: reference!.identities }), { host: '127.0.0.1', port: 0 });
      io.err(`ledger-conformance: embedded reference listening on ${server.url}`);
    }
    const progress = flags.quiet ? undefined : createProgress(io);
    // The first Ctrl-C ends the run early and still writes the reports; a second one kills.
    const interrupt = new AbortController();
    const onInterrupt = (): void => {
      io.err('ledger-conformance: interrupted; finishing the reports (Ctrl-C again to quit at once)');
      interrupt.abort();
      process.off('SIGINT', onInterrupt);
    };
    process.on('SIGINT', onInterrupt);
    const { report, target } = await runSession({
      spec,
      profile,
      catalog: withChecks(buildCatalog(spec), transcript),
      destination: { kind: 'http', baseUrl: server?.url ?? baseUrl! },
      secrets,
      embeddedReference: flags.embedded === true,
      seed,
      fuzzRuns: flags.fuzzRuns,
      gatingLevel: flags.level,
      ...(flags.suite ? { suites: flags.suite } : {}),
      ...(flags.requirement ? { requirements: flags.requirement } : {}),
      ...(flags.shard ? { shard: flags.shard } : {}),
      ...(flags.oauthTokenUrl ? { oauthTokenUrl: flags.oauthTokenUrl } : {}),
      waivers,
      insecure: flags.insecure === true,
      requestTimeoutMs: flags.timeout * 1000,
      maxResponseBytes: flags.maxResponseBytes,
      concurrency: flags.concurrency,
      ...(flags.rate !== undefined ? { ratePerSecond: flags.rate } : {}),
      runDeadline: Date.now() + flags.runTimeout * 1000,
      env: io.env,
      signal: interrupt.signal,
      ...(progress ? { onProgress: progress.update, onPreflightProgress: progress.preflight } : {}),
      preflight: flags.preflight,
      onChecksStart: announce,
      credentialSource,
      ...(flags.requireCoverage !== undefined ? { requiredCoverage: flags.requireCoverage } : {}),
    }).finally(() => process.off('SIGINT', onInterrupt));
    progress?.done();
    const judged = baseline ? withBaseline(report, baseline) : report;
    const files = await writeReports(judged, reportDir, flags.format ?? REPORT_FORMATS, (text) => target.redactor.redact(text));
    for (const line of summaryLines(judged, files, { color: io.color })) io.out(line);
    return judged.exitCode;
  } finally {
    await server?.close();
  }
}
