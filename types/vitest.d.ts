/**
 * Types of `ledger-explode-conformance/vitest` (the package ships compiled JavaScript; this file
 * is its public surface). test/vitest/types.test.ts fails the build when it drifts from
 * src/vitest/options.ts.
 */

/** A list option takes an array, or a comma-separated string as on the command line. */
type List<T extends string = string> = readonly T[] | string;

/** The flags of `ledger-conformance run`, camel-cased: `--fuzz-runs 50` is `fuzzRuns: 50`. */
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
  readonly level?: 'MUST' | 'SHOULD' | 'MAY';
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
  readonly format?: List<'json' | 'junit' | 'html' | 'markdown' | 'ctrf'>;
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

/**
 * Registers the catalog in the calling test file (or `describe`): one `describe` per suite, one
 * test per requirement named by its id and title. The engine runs once, in a `beforeAll`, for
 * the tests vitest will run; each test then reports its requirement's outcome.
 */
export declare function describeConformance(options?: ConformanceOptions): void;
