/**
 * Parsers for option values. Each refuses a bad value with a `UsageError` that names the
 * option and the rule, which the command line turns into exit code 2.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { parseHttpUrl } from '../http/endpoint-url.js';
import type { SpecSource } from '../contract/load.js';
import type { Level } from '../core/report-model.js';
import { LEVELS } from '../core/report-model.js';

export function integerOption(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^[0-9]+$/.test(value)) throw new UsageError(option, `must be a whole number from ${min} to ${max}, not "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new UsageError(option, `must be from ${min} to ${max}, not ${n}`);
    return n;
  };
}

export function numberOption(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      throw new UsageError(option, `must be a number from ${min} to ${max}, not "${value}"`);
    return n;
  };
}

export function levelOption(value: string): Level {
  const upper = value.toUpperCase();
  if (!(LEVELS as readonly string[]).includes(upper))
    throw new UsageError('--level', `must be one of ${LEVELS.join(', ')}, not "${value}"`);
  return upper as Level;
}

/**
 * A comma-separated list that may also be given several times; every item must be allowed
 * (when `allowed` is undefined, the command checks the items itself once it knows them).
 */
export function listOption(
  option: string,
  allowed: readonly string[] | undefined,
): (value: string, previous: string[] | undefined) => string[] {
  return (value, previous) => {
    const items = value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (items.length === 0) throw new UsageError(option, 'needs at least one value');
    for (const item of items) {
      if (allowed && !allowed.includes(item)) throw new UsageError(option, `"${item}" is not one of: ${allowed.join(', ')}`);
    }
    return [...new Set([...(previous ?? []), ...items])];
  };
}

export function choiceOption<T extends string>(option: string, allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(allowed as readonly string[]).includes(value))
      throw new UsageError(option, `must be one of ${allowed.join(', ')}, not "${value}"`);
    return value as T;
  };
}

/** An http(s) URL without credentials, query or fragment (the rules of `parseHttpUrl`), given as `option`. */
export function httpUrlOption(option: string, value: string): string {
  parseHttpUrl(value, option);
  return value.replace(/\/+$/, '');
}

/** `--spec FILE` and `--overlay FILE` (repeatable): where a command's spec comes from. */
export interface SpecFlags {
  spec?: string;
  overlay?: string[];
}

/** Adds `--spec` and `--overlay` to a command; `specSourceOf` reads them back. */
export function withSpecOptions(command: Command): Command {
  return command
    .option('--spec <file>', 'the OpenAPI spec to judge against (default: the packaged openapi/ledger-explode.yaml)')
    .option(
      '--overlay <file>',
      'an OpenAPI Overlay 1.0 document applied to the spec (repeatable, applied in order), e.g. a dialect written by discover',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    );
}

export function specSourceOf(flags: SpecFlags): SpecSource {
  return { ...(flags.spec !== undefined ? { spec: flags.spec } : {}), overlays: flags.overlay ?? [] };
}

/** The target's base URL: an http(s) URL without credentials, query or fragment. */
export function baseUrlOption(value: string): string {
  return httpUrlOption('--base-url', value);
}

/** `--base-url`, described as `what` is (the target, the cluster) with the variable that may give it instead. */
export function baseUrlOptionOf(what: string): Option {
  return new Option('--base-url <url>', `${what} (env LEDGER_CONFORMANCE_BASE_URL)`).argParser(baseUrlOption);
}

/**
 * `--profile`, what the data of `holder` (the target, the cluster) holds: required, or defaulting
 * to the reference profile's name (handed in, so that a command without a profile loads nothing).
 */
export function profileOptionOf(holder: string, presence: { readonly required: true } | { readonly default: string }): Option {
  const option = new Option('--profile <file>', `what the ${holder}'s data holds: a JSON/YAML profile file, or "reference"`);
  return 'required' in presence ? option.makeOptionMandatory() : option.default(presence.default);
}

/** `--seed` and `--fuzz-runs` of a run that is recorded (`dataset transcript`, `record`), with their defaults. */
export function withRecordedRunOptions(
  command: Command,
  defaults: { readonly seed: number; readonly fuzzRuns: number },
): Command {
  return command
    .option(
      '--seed <n>',
      'seed of the recorded run: it draws the fuzz cases and sampled handles',
      integerOption('--seed', 0, 2147483647),
      defaults.seed,
    )
    .option(
      '--fuzz-runs <n>',
      'runs per fuzz property of the recorded run',
      integerOption('--fuzz-runs', 1, 1000000),
      defaults.fuzzRuns,
    );
}

/** How a command reaches a target, as `run`, `discover` and `profile init` all take it. */
export interface ConnectionFlags {
  concurrency: number;
  rate?: number;
  timeout: number;
  insecure?: boolean;
  readonly auth?: 'basic' | 'oauth-token' | 'none';
  readonly user?: string;
}

/** How `openTarget` (and what wraps it) is to reach the target, as `ConnectionFlags` say. */
export function connectionSettings(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
): {
  insecure: boolean;
  requestTimeoutMs: number;
  concurrency: number;
  ratePerSecond?: number;
  env: Readonly<Record<string, string | undefined>>;
} {
  return {
    insecure: flags.insecure === true,
    requestTimeoutMs: flags.timeout * 1000,
    concurrency: flags.concurrency,
    ...(flags.rate !== undefined ? { ratePerSecond: flags.rate } : {}),
    env,
  };
}

/** Adds the options of `ConnectionFlags`. */
export function withConnectionOptions(command: Command): Command {
  return command
    .option('--concurrency <n>', 'requests in flight at once', integerOption('--concurrency', 1, 256), 4)
    .option('--rate <n>', 'at most this many requests per second', numberOption('--rate', 0.01, 100000))
    .option('--timeout <seconds>', 'per-request timeout', numberOption('--timeout', 0.1, 3600), 10)
    .option('--insecure', "do not verify the target's TLS certificate")
    .option(
      '--auth <style>',
      'credential style of the main identity: basic, oauth-token, or none',
      choiceOption('--auth', ['basic', 'oauth-token', 'none'] as const),
    )
    .option(
      '--user <name>',
      'Basic user name (env LEDGER_CONFORMANCE_USER); the password comes from LEDGER_CONFORMANCE_PASSWORD',
    );
}
