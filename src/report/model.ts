/**
 * The report model: the one structure a run produces and every renderer reads.
 * `schemas/conformance-report.schema.json` describes the same shape for users who
 * consume `conformance.json`; a test keeps the two in step.
 */

export type Level = 'MUST' | 'SHOULD' | 'MAY';

/**
 * - pass: every check of the requirement passed
 * - fail: the target broke the requirement
 * - skip: not applicable here (the reason says why); never a silent pass
 * - error: the suite or the transport broke; counts neither as pass nor as non-conformance
 * - waived: failed, but a current waiver covers it
 */
export type Outcome = 'pass' | 'fail' | 'skip' | 'error' | 'waived';

export type Verdict = 'conformant' | 'non-conformant' | 'inconclusive';

/**
 * What stands behind a requirement:
 * - documented: Capillary's documentation states it;
 * - observed: a published sample shows it, though no text states it;
 * - decided: public sources are silent or disagree, and the project decided (openapi/ERRATA.md).
 */
export type Basis = 'documented' | 'observed' | 'decided';

export const BASES: readonly Basis[] = ['documented', 'observed', 'decided'];

export const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'skip', 'error', 'waived'];
export const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];

export interface ConformanceReport {
  readonly reportVersion: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly spec: {
    readonly title: string;
    readonly version: string;
    /** sha256 of the spec file bytes, hex. */
    readonly sha256: string;
    /** Path relative to the package root, e.g. `openapi/ledger-explode.yaml`. */
    readonly path: string;
    /** OpenAPI Overlay documents applied to the spec, in order (`--overlay`); empty for the spec as written. */
    readonly overlays: readonly OverlayRef[];
    /** sha256 of the effective spec: the file bytes when no overlay applies, else its canonical JSON. */
    readonly effectiveSha256: string;
  };
  /** How the effective spec departs from the canonical one at its behaviour knobs. */
  readonly dialect: Dialect;
  readonly target: {
    readonly baseUrl: string;
    /** True when the target was the embedded reference started by this run. */
    readonly embeddedReference: boolean;
    /** `basic`, `oauth-token`, or `none` when no credentials were configured. Never the secret. */
    readonly authStyle: 'basic' | 'oauth-token' | 'none';
  };
  readonly profile: { readonly name: string; readonly sha256: string };
  readonly run: {
    readonly seed: number;
    readonly fuzzRuns: number;
    readonly gatingLevel: Level;
    /** Suites selected with --suite, or all. */
    readonly suites: readonly string[];
    /** Requirement ids selected with --requirement, or empty for all. */
    readonly requirementFilter: readonly string[];
    readonly startedAt: string; // ISO-8601
    readonly durationMs: number;
    readonly requests: {
      readonly total: number;
      readonly retried: number;
      readonly transportErrors: number;
    };
    /** Present on the report of one shard (`run --shard i/n`): it judged only its share of the run. */
    readonly shard?: Shard;
    /** Present on a report merged from shards (`merge`): how many shard reports it joins. */
    readonly mergedShards?: number;
  };
  readonly verdict: Verdict;
  /**
   * The process exit code: the verdict's (0 conformant, 1 non-conformant, 3 inconclusive), or,
   * when `baseline` is present, the baseline gate's (1 only for a regression).
   */
  readonly exitCode: 0 | 1 | 3;
  readonly counts: {
    readonly byOutcome: Readonly<Record<Outcome, number>>;
    readonly byLevel: Readonly<Record<Level, Readonly<Record<Outcome, number>>>>;
  };
  /** How much of what gates the run was proven, not only that nothing failed. */
  readonly coverage: Coverage;
  /** In catalog order (the order of `x-conformance` in the spec). */
  readonly requirements: readonly RequirementResult[];
  readonly waivers: WaiverReport;
  /** Present when the fuzz suite ran. */
  readonly fuzz?: FuzzSummary;
  /** Present when the preflight ran (the default; `--no-preflight` skips it). */
  readonly preflight?: PreflightSummary;
  /** Present when the run was compared with an earlier report (`--baseline`). */
  readonly baseline?: BaselineComparison;
}

/**
 * What the preflight did before the checks: its requests (counted in `run.requests` too), the
 * values it added to the declared profile, and what it could not verify or learn.
 */
export interface PreflightSummary {
  readonly requests: number;
  readonly durationMs: number;
  /** Each value the preflight learned or made, at its JSON pointer in the full profile. */
  readonly learned: readonly LearnedValue[];
  /** What it could not learn or use, in words (e.g. a made-up value the target found). */
  readonly notes: readonly string[];
}

export interface LearnedValue {
  /** JSON pointer into the full profile, e.g. `/customers/0/events/3`. */
  readonly pointer: string;
  /** The value in words. */
  readonly value: string;
  /** The request that taught it (`GET ?query → status`), or what in the profile implies it. */
  readonly request: string;
}

/**
 * One of n jobs of a run (`--shard index/total`, 1-based): every other check goes to one shard,
 * and the fuzz properties judge every n-th case in each shard.
 */
export interface Shard {
  readonly index: number;
  readonly total: number;
}

/** A requirement whose outcome changed, or did not, since the baseline. */
export interface BaselineEntry {
  readonly id: string;
  readonly level: Level;
  readonly title: string;
  /** The outcome in the baseline; `absent` when the baseline did not judge it. */
  readonly before: Outcome | 'absent';
  readonly now: Outcome;
}

/** The run compared with an earlier report of the same target (the last release's). */
export interface BaselineComparison {
  /** The baseline file as given on the command line. */
  readonly file: string;
  /** When the baseline run started, and what it was judged against. */
  readonly startedAt: string;
  readonly specSha256: string;
  readonly verdict: Verdict;
  /**
   * Failing now (failed or waived), not in the baseline. Those that passed in the baseline and
   * fail now at or above the gating level are `regressions`, and only they fail the run.
   */
  readonly newFailures: readonly BaselineEntry[];
  /** Failing (or waived) in the baseline, passing now. */
  readonly fixed: readonly BaselineEntry[];
  /** Failing (or waived) in the baseline and now. */
  readonly stillFailing: readonly BaselineEntry[];
  /** Ids of the new failures that gate: passed in the baseline, fail now, at or above the gating level. */
  readonly regressions: readonly string[];
}

export interface RequirementResult {
  readonly id: string;
  readonly level: Level;
  readonly title: string;
  readonly suite: string;
  /** What stands behind the requirement. */
  readonly basis: Basis;
  /** Seed sections (`SEED: Query parameters`), source ids of endpoint-facts (`S1`) and decision ids (`D3`). */
  readonly sources: readonly string[];
  /** JSON pointers into the spec that this requirement governs. */
  readonly specRefs: readonly string[];
  /** A human name for each of `specRefs`, in the same order. */
  readonly specRefLabels: readonly SpecRefLabel[];
  readonly status: Outcome;
  /** Wall time of its checks, summed (checks of a run overlap, so these do not add up to the run's). */
  readonly durationMs: number;
  readonly checks: readonly CheckResult[];
  /** Kept failures, first ones first; `failureCount` says how many there were in all. */
  readonly failures: readonly FailureEvidence[];
  readonly failureCount: number;
  /** For skip: why. For error: what broke. */
  readonly reasons: readonly string[];
  /** When status is `waived`, the waiver that covered it. */
  readonly waiver?: Waiver;
}

/** What a spec pointer names, e.g. "error 11013 (missing identifierName, identifierValue or source)". */
export interface SpecRefLabel {
  readonly pointer: string;
  /** Computed from the spec at run time: an error rule's code and trigger, a knob's dotted name, "parameter limit", "schema LedgerEvent". */
  readonly label: string;
  /** The requirement the spec node names as its own (error and warning rules, flags), if any. */
  readonly requirement?: string;
}

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly status: Exclude<Outcome, 'waived'>;
  /** Requests this check sent. */
  readonly requests: number;
  /** Wall time from the check's start to its end; 0 for observers. */
  readonly durationMs: number;
  readonly reason?: string;
  /** For a skip: the profile field (JSON pointer, `*` for every item) that would let the check run. */
  readonly profileField?: string;
  /** For a skip: the environment variables of an identity that would let the check run. */
  readonly environment?: string;
}

export interface OverlayRef {
  /** The file as given on the command line. */
  readonly name: string;
  /** sha256 of the file bytes. */
  readonly sha256: string;
}

/** One knob whose effective value is not the canonical spec's. */
export interface Deviation {
  /** The knob's name, e.g. `x-ledger-pagination.pastTheEnd`. */
  readonly knob: string;
  /** JSON pointer of the knob in the spec. */
  readonly pointer: string;
  /** The canonical value, as JSON text. */
  readonly canonical: string;
  /** The effective value, as JSON text. */
  readonly value: string;
  /** The evidence of the effective value (the alternative's sources). */
  readonly sources: readonly string[];
  /** Requirement ids whose judgement the knob changes. */
  readonly requirements: readonly string[];
}

export interface Dialect {
  /** Knobs of x-ledger-dialects set to another evidenced alternative; empty for the canonical spec. */
  readonly deviations: readonly Deviation[];
  /**
   * JSON pointers where the effective spec differs from the packaged one outside the dialect
   * knobs (a changed level, schema or rule): not evidenced alternatives, so reports show them apart.
   */
  readonly changedOutsideKnobs: readonly string[];
}

export interface Coverage {
  /** The gating level: requirements at or above it count. */
  readonly level: Level;
  /** Requirements at or above the gating level that the run judged. */
  readonly judged: number;
  /** Of those, the ones that passed. */
  readonly proven: number;
  /** `proven` of `judged`, in percent, rounded down to one decimal (100 when nothing was judged). */
  readonly percent: number;
  /** Set by `--require-coverage`: the bar, and whether the run cleared it (exit code 1 when not). */
  readonly required?: { readonly percent: number; readonly met: boolean };
  /** The others, with the outcome and why (the skip reason, what broke, the failure or the waiver). */
  readonly notProven: readonly NotProven[];
}

export interface NotProven {
  readonly id: string;
  readonly status: Outcome;
  readonly reason: string;
  /** For a skip: the profile field that would let it be proven (what reports group skips by). */
  readonly profileField?: string;
  /** For a skip: the environment variables of the identity it needs. */
  readonly environment?: string;
}

export interface FailureEvidence {
  /** The check that found it. */
  readonly check: string;
  /** One line, e.g. "Response status is not 400". */
  readonly title: string;
  /** "Received: …\nDocumented: …" text. */
  readonly message: string;
  /** Absent when the failure is about the absence of a response (e.g. determinism across two). */
  readonly exchange?: ExchangeEvidence;
  /** A shell line that reproduces the request; credentials are environment-variable placeholders. */
  readonly curl?: string;
  /** Present when the fuzzer found it. */
  readonly fuzz?: {
    readonly seed: number;
    readonly path: string;
    readonly counterexample: string;
    readonly numRuns: number;
    readonly shrinks: number;
  };
}

export interface ExchangeEvidence {
  readonly id: string;
  readonly request: {
    readonly method: 'GET';
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
  };
  readonly response?: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    /** At most a few KiB; `bodyTruncated` tells when it was cut. */
    readonly bodyExcerpt: string;
    readonly bodyTruncated: boolean;
  };
  readonly transportError?: { readonly code: string; readonly message: string };
}

export interface Waiver {
  readonly requirement: string;
  readonly reason: string;
  /** YYYY-MM-DD; the waiver covers failures up to and including this day. */
  readonly expires: string;
}

export interface WaiverReport {
  /** Waivers that turned a failure into `waived`. */
  readonly applied: readonly Waiver[];
  /** Past their date: not applied, listed so they get renewed or removed. */
  readonly expired: readonly Waiver[];
  /** Current, but the requirement did not fail: the deviation is gone, remove the waiver. */
  readonly unused: readonly Waiver[];
  /** Name a requirement the spec lacks. */
  readonly unknown: readonly Waiver[];
}

export interface FuzzSummary {
  readonly seed: number;
  readonly runs: number;
  readonly properties: readonly {
    readonly requirement: string;
    readonly name: string;
    readonly runs: number;
    readonly status: 'pass' | 'fail' | 'error';
  }[];
}
