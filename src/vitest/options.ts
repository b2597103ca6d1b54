/**
 * The options of `describeConformance`: the flags of `ledger-conformance run`, camel-cased
 * (`--fuzz-runs 50` is `fuzzRuns: 50`), read through the very definitions `run` parses its
 * command line with, so that both take the same values, apply the same defaults and refuse the
 * same mistakes with the same words.
 */
import { Command, CommanderError, type Option } from 'commander';
import { UsageError } from '../core/errors.js';
import type { Level } from '../core/report-model.js';
import type { ReportFormat } from '../report/renderers/index.js';
import { withRunOptions } from '../cli/commands/run.js';
import type { RunFlags } from '../cli/run/flags.js';

/** A list option takes an array, or a comma-separated string as on the command line. */
type List<T extends string = string> = readonly T[] | string;

export interface ConformanceOptions {
  /** The target (`--base-url`); else `LEDGER_CONFORMANCE_BASE_URL`; or `embedded`. */
  readonly baseUrl?: string;
  /** Serve the embedded reference on a free loopback port for this file and certify it (`--embedded`). */
  readonly embedded?: boolean;
  /** A profile file, or `reference` (the default). */
  readonly profile?: string;
  readonly datasetSeed?: number;
  readonly datasetSize?: number;
  /** Another spec file than the packaged one. */
  readonly spec?: string;
  /** OpenAPI Overlay files applied in order (`--overlay`, repeatable). */
  readonly overlay?: List;
  /** Suites to register and run (`--suite`); all when absent. */
  readonly suite?: List;
  /** Requirement ids to register and judge (`--requirement`); all when absent. */
  readonly requirement?: List;
  /** Gating level: a failure at or above it fails its test; a failure below it is shown as skipped. */
  readonly level?: Level;
  readonly seed?: number;
  readonly fuzzRuns?: number;
  readonly concurrency?: number;
  readonly rate?: number;
  /** Per-request timeout, seconds. */
  readonly timeout?: number;
  /** Whole-run timeout, seconds; the engine's hook gets this much time (and a minute more). */
  readonly runTimeout?: number;
  readonly maxResponseBytes?: number;
  readonly insecure?: boolean;
  /** A waivers file: a waived requirement is shown as skipped with the waiver's reason. */
  readonly waivers?: string;
  /** Write the kit's reports of the run there; no report is written without it. */
  readonly reportDir?: string;
  /** Which reports (`json`, `junit`, `html`, `markdown`, `ctrf`); all when absent. */
  readonly format?: List<ReportFormat>;
  readonly auth?: 'basic' | 'oauth-token' | 'none';
  readonly user?: string;
  readonly oauthTokenUrl?: string;
  /** A golden transcript to replay (GOLDEN-MATCH). */
  readonly transcript?: string;
  /** `false` is `--no-preflight`. */
  readonly preflight?: boolean;
  /** Where credentials and `LEDGER_CONFORMANCE_BASE_URL` are read from; `process.env` when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The name of the outer `describe`; `getLedgerExplodeInfo conformance` when absent. */
  readonly name?: string;
}

/** Options that belong to this integration, not to `run`. */
const OWN_OPTIONS: ReadonlySet<string> = new Set(['env', 'name']);

/** Flags of `run` that mean nothing inside a test runner, and why. */
const NOT_HERE: Readonly<Record<string, string>> = {
  quiet: 'vitest shows the progress; there is nothing to silence',
  shard: "use vitest's own --shard, or the command line's run --shard",
  baseline: 'a baseline gates the exit code of the command line (run --baseline); each test here reports its own requirement',
  requireCoverage:
    'coverage gates the exit code of the command line (run --require-coverage); each test here reports its own requirement',
};

/** `run`'s flags as the command line would hand them to the command, with its defaults applied. */
export function runFlagsOf(options: ConformanceOptions): RunFlags {
  const command = withRunOptions(new Command('run'))
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  const byName = new Map(command.options.map((option) => [option.attributeName(), option]));
  const argv: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || OWN_OPTIONS.has(key)) continue;
    if (NOT_HERE[key]) throw new UsageError(key, `is not an option of describeConformance: ${NOT_HERE[key]}`);
    const option = byName.get(key);
    if (!option) {
      const known = [...byName.keys()].filter((name) => !NOT_HERE[name]).concat([...OWN_OPTIONS]);
      throw new UsageError(key, `is not an option of describeConformance (options: ${known.sort().join(', ')})`);
    }
    argv.push(...argumentsOf(key, option, value));
  }
  try {
    command.parse(argv, { from: 'user' });
  } catch (error) {
    throw inOptionTerms(error);
  }
  return command.opts<RunFlags>();
}

/** One option's command-line words: a switch, a negated switch, a value, or a value per list item. */
function argumentsOf(key: string, option: Option, value: unknown): string[] {
  const flag = option.long!;
  if (option.negate) {
    if (typeof value !== 'boolean') throw new UsageError(key, `must be true or false, not ${JSON.stringify(value)}`);
    return value ? [] : [flag];
  }
  if (!option.required && !option.optional) {
    if (typeof value !== 'boolean') throw new UsageError(key, `must be true or false, not ${JSON.stringify(value)}`);
    return value ? [flag] : [];
  }
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.flatMap((item) => {
    if (typeof item !== 'string' && typeof item !== 'number')
      throw new UsageError(
        key,
        `must be ${Array.isArray(value) ? 'a list of strings' : 'a string or a number'}, not ${JSON.stringify(item)}`,
      );
    return [flag, String(item)];
  });
}

/**
 * The kit's messages name the flag (`--seed`), the reader wrote `seed`: both are named. Used for
 * the parsers' errors and for those of the inputs they name (`--profile`, `--waivers`, …).
 */
export function inOptionTerms(error: unknown): unknown {
  if (error instanceof UsageError && error.option.startsWith('--')) {
    const key = error.option.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    return new UsageError(`${key} (${error.option})`, error.rule);
  }
  if (error instanceof CommanderError) return new UsageError('options', error.message.replace(/^error: /, ''));
  return error;
}
