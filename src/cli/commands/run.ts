import { Command, Option } from 'commander';
import { REFERENCE_PROFILE } from '../../profile/load.js';
import { withTokenEndpoint } from '../../reference/token-endpoint.js';
import type { ConformanceReport, Level } from '../../core/report-model.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/formats.js';
import { SUITE_NAMES } from '../../../suites/names.js';
import { parseShard } from '../../engine/shard.js';
import { defaultedDatasetSeedOption, defaultedDatasetSizeOption, refuseIgnoredDatasetOptions } from '../dataset-options.js';
import { whileServing } from '../embedded.js';
import type { CliIo } from '../io.js';
import {
  baseUrlOptionOf,
  profileOptionOf,
  choiceOption,
  httpUrlOption,
  integerOption,
  levelOption,
  listOption,
  numberOption,
  withSpecOptions,
} from '../options.js';
import type { RunFlags } from '../run/flags.js';
import { judgeTarget } from '../run/judge.js';
import { MAX_RUN_SEED, prepareRun, type PreparedRun } from '../run/prepare.js';
import { runSeeds } from '../run/seeds.js';

/** The fuzz budget when none is given: enough to find shallow bugs, small enough for `npm start`. */
export const DEFAULT_FUZZ_RUNS = 100;

/** `ledger-conformance run`: judge a target, write the reports, exit with the verdict's code. */
export function registerRun(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = withRunOptions(program.command('run')).description(
    'certify a target: run the conformance catalog against it and write the reports',
  );
  command.addHelpText('after', RUN_HELP).action(async (flags: RunFlags, self: Command) => {
    refuseIgnoredDatasetOptions(self, flags);
    setExitCode(await executeRun(flags, io));
  });
}

/**
 * Every option of `run`, with its parser and default. The vitest integration reads its options
 * through the same definitions, so that both take the same values and refuse the same mistakes.
 */
export function withRunOptions(command: Command): Command {
  for (const addOptions of [
    withSpecOptions,
    withTargetOptions,
    withSelectionOptions,
    withConnectionOptions,
    withReportOptions,
    withCredentialOptions,
    withRunModeOptions,
  ]) {
    addOptions(command);
  }
  return command;
}

/** `run` options: the target and what its data holds. */
function withTargetOptions(command: Command): Command {
  return command
    .addOption(baseUrlOptionOf('the target: scheme, host and optional path prefix'))
    .option('--embedded', 'start the embedded reference on a free loopback port and certify it')
    .addOption(profileOptionOf('target', { default: REFERENCE_PROFILE }))
    .addOption(defaultedDatasetSeedOption('for --embedded and the reference profile'))
    .addOption(defaultedDatasetSizeOption());
}

/** `run` options: what is judged, and how strictly. */
function withSelectionOptions(command: Command): Command {
  return command
    .option(
      '--seed <n>',
      'seed of the run (fuzzing, sampling); random and printed when absent',
      integerOption('--seed', 0, MAX_RUN_SEED),
    )
    .option(
      '--seeds <n>',
      'certify under n run seeds in a row (--seed, or a random one, and the n-1 after it): reports per seed in <report-dir>/seed-<s>/, the seeds side by side in seeds.md and seeds.html, the exit code of the worst seed',
      integerOption('--seeds', 1, 1000),
    )
    .option('--fuzz-runs <n>', 'runs per fuzz property', integerOption('--fuzz-runs', 1, 1000000), DEFAULT_FUZZ_RUNS)
    .option('--suite <names>', `suites to run, comma-separated (${SUITE_NAMES.join(', ')})`, listOption('--suite', SUITE_NAMES))
    .option(
      '--requirement <ids>',
      'requirement ids to judge, comma-separated (checked against the spec)',
      listOption('--requirement', undefined),
    )
    .option(
      '--level <level>',
      'gating level: a failure at or above it fails the run (MUST, SHOULD, MAY)',
      levelOption,
      'MUST' as Level,
    );
}

/** `run` options: how the target is spoken to. */
function withConnectionOptions(command: Command): Command {
  return command
    .option('--concurrency <n>', 'requests in flight at once', integerOption('--concurrency', 1, 256), 4)
    .option('--rate <n>', 'at most this many requests per second', numberOption('--rate', 0.01, 100000))
    .option('--timeout <seconds>', 'per-request timeout', numberOption('--timeout', 0.1, 3600), 10)
    .option('--run-timeout <seconds>', 'whole-run timeout', numberOption('--run-timeout', 1, 86400), 1800)
    .option(
      '--max-response-bytes <n>',
      'response bodies are cut beyond this size',
      integerOption('--max-response-bytes', 1024, 1073741824),
      5 * 1024 * 1024,
    )
    .option('--insecure', "do not verify the target's TLS certificate");
}

/** `run` options: waivers and the reports. */
function withReportOptions(command: Command): Command {
  return command
    .option('--waivers <file>', 'known deviations (requirement, reason, expires) in JSON or YAML')
    .option('--report-dir <dir>', 'where the reports are written', 'reports')
    .option(
      '--format <formats>',
      `report formats, comma-separated (${REPORT_FORMATS.join(', ')})`,
      listOption('--format', REPORT_FORMATS) as (v: string, p: ReportFormat[] | undefined) => ReportFormat[],
    );
}

/** `run` options: which credentials are used (their values come from the environment). */
function withCredentialOptions(command: Command): Command {
  return command
    .option(
      '--auth <style>',
      'credential style of the main identity: basic, oauth-token, or none',
      choiceOption('--auth', ['basic', 'oauth-token', 'none'] as const),
    )
    .option('--user <name>', 'Basic user name (env LEDGER_CONFORMANCE_USER); the password comes from LEDGER_CONFORMANCE_PASSWORD')
    .addOption(
      new Option(
        '--oauth-token-url <url>',
        'where OAuth client credentials get a token (default {base}/v3/oauth/token/generate)',
      ).argParser((value: string) => httpUrlOption('--oauth-token-url', value)),
    );
}

/** `run` options: progress, the preflight, transcripts, coverage, shards and baselines. */
function withRunModeOptions(command: Command): Command {
  return command
    .option('--quiet', 'no progress output')
    .option(
      '--transcript <file>',
      "also replay a golden transcript (dataset transcript): every answer must equal its line's (GOLDEN-MATCH)",
    )
    .option(
      '--no-preflight',
      'skip the preflight (reachability, credentials, the profile checked and completed against the target); the profile must then name every event in full',
    )
    .option(
      '--require-coverage <percent>',
      'exit 1 unless at least this share of the requirements at the gating level is proven (passed)',
      numberOption('--require-coverage', 0, 100),
    )
    .option('--shard <i/n>', 'run shard i of n (a CI matrix job); `ledger-conformance merge` joins the shards', (value: string) =>
      parseShard(value),
    )
    .option('--baseline <file>', "an earlier conformance.json (the last release's): exit 1 only for a regression against it");
}

const RUN_HELP = `
Credentials come from the environment, never from reports or logs:
  LEDGER_CONFORMANCE_USER, LEDGER_CONFORMANCE_PASSWORD   Capillary Basic (the password is MD5-hashed before Base64)
  LEDGER_CONFORMANCE_TOKEN                               X-CAP-API-OAUTH-TOKEN
  LEDGER_CONFORMANCE_OAUTH_KEY, _OAUTH_SECRET            OAuth client credentials: the token is fetched (POST to
                                                         --oauth-token-url) and renewed before it expires
  LEDGER_CONFORMANCE_FORBIDDEN_{USER,PASSWORD,TOKEN,OAUTH_KEY,OAUTH_SECRET}  an identity without Points access (403 checks)
  LEDGER_CONFORMANCE_BREAKUP_DISABLED_{…same…}          an identity of an org without source-value capturing (11019)
With --embedded, or with --profile reference and no credentials, the reference's demo identities are used.

Exit codes: 0 conformant, 1 non-conformant (with --baseline: a regression), 2 bad usage/configuration/profile,
3 the target could not be judged.`;

/** Settle the inputs, serve the embedded reference if it is the target, judge (under each seed of --seeds), publish. */
async function executeRun(flags: RunFlags, io: CliIo): Promise<number> {
  const prepared = await prepareRun(flags, io);
  const { reference, baseUrl } = prepared.setup;
  const embedded = flags.embedded ? withTokenEndpoint(reference!.handler, { identities: reference!.identities }) : undefined;
  return whileServing(embedded, async (embeddedUrl) => {
    if (embeddedUrl) io.err(`ledger-conformance: embedded reference listening on ${embeddedUrl}`);
    const certifyOne = async (one: PreparedRun): Promise<{ report: ConformanceReport; exitCode: number }> => {
      const { report, target } = await judgeTarget(flags, one, embeddedUrl ?? baseUrl!, io);
      // The renderers load once there is a report to write, not before the first request.
      const { publishReports } = await import('../run/publish.js');
      const exitCode = await publishReports(report, flags, one, (text) => target.redactor.redact(text), io);
      return { report, exitCode };
    };
    if (flags.seeds !== undefined && flags.seeds > 1) return runSeeds(prepared, flags.seeds, io, certifyOne);
    return (await certifyOne(prepared)).exitCode;
  });
}
