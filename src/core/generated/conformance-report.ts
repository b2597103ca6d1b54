/**
 * Generated from schemas/conformance-report.schema.json by json-schema-to-typescript (npm run generate:types).
 * Do not edit: change the schema and regenerate. src/core/report-model.ts re-exports these types.
 */

export type Sha256 = string;
/**
 * A requirement's level. As run.gatingLevel: a failure at this level or above makes the run non-conformant.
 */
export type Level = 'MUST' | 'SHOULD' | 'MAY';
export type Verdict = 'conformant' | 'non-conformant' | 'inconclusive';
/**
 * pass; fail (the target broke the requirement); skip (not applicable, with a reason); error (the suite or transport broke); waived (failed, covered by a current waiver).
 */
export type Outcome = 'pass' | 'fail' | 'skip' | 'error' | 'waived';
/**
 * For a skip: the profile field that would let it run, a JSON pointer with * for every item (e.g. /customers/* /notFoundLookups).
 */
export type ProfileField = string;
/**
 * For a skip: the environment variables of the identity it needs (e.g. LEDGER_CONFORMANCE_FORBIDDEN_*).
 */
export type Environment = string;
/**
 * What stands behind a requirement: documented (Capillary's documentation states it), observed (a published sample shows it), decided (the sources are silent or disagree; this project decided).
 */
export type Basis = 'documented' | 'observed' | 'decided';

/**
 * The canonical result of one `ledger-conformance run`: which requirements of the getLedgerExplodeInfo spec a target met, with the evidence for each failure. conformance.json writes its fields in the order this schema lists them; the TypeScript types of src/core/report-model.ts are generated from it (npm run generate:types), and each `title` below names one of those types.
 */
export interface ConformanceReport {
  /**
   * Version of this report shape; changes only when the shape changes incompatibly.
   */
  reportVersion: 1;
  tool: {
    name: string;
    version: string;
  };
  /**
   * The OpenAPI document the target was judged against.
   */
  spec: {
    title: string;
    version: string;
    /**
     * sha256 of the spec file bytes.
     */
    sha256: string;
    /**
     * Path relative to the package root.
     */
    path: string;
    /**
     * OpenAPI Overlay documents applied to the spec (`--overlay`), in order; empty for the spec as written.
     */
    overlays: OverlayRef[];
    /**
     * sha256 of the effective spec: the file bytes without overlays, else its canonical JSON.
     */
    effectiveSha256: string;
  };
  dialect: Dialect;
  target: {
    baseUrl: string;
    /**
     * True when the target was the reference server started by this run.
     */
    embeddedReference: boolean;
    /**
     * Which credentials were configured; never the secret.
     */
    authStyle: 'basic' | 'oauth-token' | 'none';
  };
  /**
   * What the target's data was declared to contain.
   */
  profile: {
    name: string;
    sha256: Sha256;
  };
  run: {
    /**
     * Replays the same fuzz cases with `--seed`.
     */
    seed: number;
    fuzzRuns: number;
    gatingLevel: Level;
    suites: string[];
    /**
     * Requirement ids selected, or empty for all.
     */
    requirementFilter: string[];
    startedAt: string;
    durationMs: number;
    requests: {
      total: number;
      retried: number;
      transportErrors: number;
      /**
       * Answers of 429 or 503 (the target pushing back): each was waited out and retried, the run slowing down meanwhile.
       */
      throttled?: number;
    };
    shard?: Shard;
    /**
     * Present on a report merged from shards: how many shard reports it joins.
     */
    mergedShards?: number;
  };
  verdict: Verdict;
  /**
   * Why the verdict is what it is, in one sentence: what failed, what could not be judged, or what stopped the run.
   */
  verdictReason?: string;
  aborted?: RunAborted;
  /**
   * The exit code of `run`: 0 conformant, 1 non-conformant, 2 a run stopped by a mistake of configuration (credentials, profile), 3 inconclusive; with `baseline`, 1 only for a regression.
   */
  exitCode: 0 | 1 | 2 | 3;
  counts: {
    byOutcome: OutcomeCounts;
    byLevel: {
      MUST: OutcomeCounts;
      SHOULD: OutcomeCounts;
      MAY: OutcomeCounts;
    };
  };
  coverage: Coverage;
  /**
   * In catalog order (the order of `x-conformance` in the spec).
   */
  requirements: RequirementResult[];
  waivers: WaiverReport;
  fuzz?: FuzzSummary;
  preflight?: PreflightSummary;
  baseline?: BaselineComparison;
}
export interface OverlayRef {
  /**
   * The file as given on the command line.
   */
  name: string;
  /**
   * sha256 of the file bytes.
   */
  sha256: string;
}
/**
 * How the effective spec departs from the canonical one at its behaviour knobs.
 */
export interface Dialect {
  /**
   * Knobs set to another evidenced alternative; empty for the canonical spec.
   */
  deviations: Deviation[];
  /**
   * JSON pointers where the effective spec differs from the packaged one outside the dialect knobs (not evidenced alternatives).
   */
  changedOutsideKnobs: string[];
  /**
   * Behaviour the user declared in an overlay action marked x-local-decision, with its reason: declared by the user, not evidenced. Its pointers are not listed in deviations or changedOutsideKnobs.
   */
  localDecisions?: LocalDecision[];
}
/**
 * One knob whose effective value is not the canonical spec's.
 */
export interface Deviation {
  /**
   * e.g. x-ledger-pagination.pastTheEnd
   */
  knob: string;
  /**
   * JSON pointer of the knob in the spec.
   */
  pointer: string;
  /**
   * The canonical value, as JSON text.
   */
  canonical: string;
  /**
   * The effective value, as JSON text.
   */
  value: string;
  /**
   * The evidence of the effective value.
   */
  sources: string[];
  /**
   * Requirements whose judgement the knob changes.
   */
  requirements: string[];
}
export interface LocalDecision {
  /**
   * The overlay file, as given on the command line.
   */
  overlay: string;
  /**
   * The index of the action in the overlay.
   */
  action: number;
  /**
   * The action's JSONPath target.
   */
  target: string;
  /**
   * Why the user decided it (mandatory).
   */
  reason: string;
  /**
   * JSON pointers of the spec the action changed.
   */
  pointers: string[];
  /**
   * Requirements whose judgement the change touches.
   */
  requirements: string[];
}
/**
 * Present on the report of one shard (`run --shard index/total`): it judged only its share of the run; `merge` joins the shards.
 */
export interface Shard {
  index: number;
  total: number;
}
/**
 * Present when the run ended before judging all it set out to judge: the requirements it did not reach end `error`, the others keep what they proved.
 */
export interface RunAborted {
  /**
   * What stopped it: CT_UNREACHABLE (nothing was ever answered), CT_STOPPED_ANSWERING, CT_RATE_LIMITED, CT_CREDENTIALS_REJECTED, CT_PROFILE_MISMATCH, CT_USAGE, CT_INTERRUPTED (Ctrl-C), CT_RUN_TIMEOUT, or another error code of the kit.
   */
  code: string;
  /**
   * Where the run was: fetching OAuth tokens, the preflight, or the checks.
   */
  stage: 'authentication' | 'preflight' | 'checks';
  /**
   * What the terminal showed: one line, or for a profile the target contradicts, the line and its table of handles.
   */
  message: string;
}
export interface OutcomeCounts {
  pass: number;
  fail: number;
  skip: number;
  error: number;
  waived: number;
}
/**
 * Of the requirements at or above the gating level, how many were proven (passed), and why the others were not.
 */
export interface Coverage {
  level: Level;
  judged: number;
  proven: number;
  /**
   * proven of judged, in percent, rounded down to one decimal; 100 when nothing was judged.
   */
  percent: number;
  /**
   * Set by --require-coverage: the bar and whether the run cleared it. A run that breaks nothing but misses the bar keeps the verdict conformant and exits 1.
   */
  required?: {
    percent: number;
    met: boolean;
  };
  notProven: NotProven[];
}
export interface NotProven {
  id: string;
  status: Outcome;
  reason: string;
  profileField?: ProfileField;
  environment?: Environment;
}
export interface RequirementResult {
  /**
   * Stable requirement id, e.g. ERR-9022.
   */
  id: string;
  level: Level;
  title: string;
  suite: string;
  basis: Basis;
  /**
   * Seed sections, source ids of the project's endpoint facts (S1…) and decision ids (D1…).
   */
  sources: string[];
  /**
   * What the requirement rests on, in words (from x-conformance); absent when the spec gives none.
   */
  evidence?: SourceEvidence[];
  /**
   * JSON pointers into the spec.
   */
  specRefs: string[];
  /**
   * A human name for each of specRefs, in the same order, computed from the spec at run time.
   */
  specRefLabels: SpecRefLabel[];
  status: Outcome;
  /**
   * Wall time of its checks, summed.
   */
  durationMs: number;
  checks: CheckResult[];
  /**
   * Kept failures, first ones first.
   */
  failures: FailureEvidence[];
  /**
   * How many failures there were in all.
   */
  failureCount: number;
  /**
   * Every failure, grouped by signature (one group per cause), in the order of each group's first failure; bounded (ungroupedCount counts the failures past the bound).
   */
  failureGroups?: FailureGroup[];
  /**
   * Failures past the bound on groups; present when there were any.
   */
  ungroupedCount?: number;
  /**
   * For skip: why. For error: what broke.
   */
  reasons: string[];
  waiver?: Waiver1;
}
/**
 * What a requirement rests on, in words: a sentence quoted verbatim from a source, or a value of a published sample (its section in endpoint-facts §3.12 and a JSON pointer into it).
 */
export interface SourceEvidence {
  /**
   * The source id (S1…), one of the requirement's sources.
   */
  source: string;
  /**
   * A sentence of the source, verbatim.
   */
  quote?: string;
  /**
   * The section of a published sample, e.g. 3.12.9.
   */
  sample?: string;
  /**
   * A JSON pointer into that sample.
   */
  pointer?: string;
}
export interface SpecRefLabel {
  pointer: string;
  /**
   * e.g. error 11013 (missing identifierName, identifierValue or source), x-ledger-pagination.pastTheEnd, parameter limit, schema LedgerEvent
   */
  label: string;
  /**
   * The requirement the spec node names as its own (error and warning rules, flags).
   */
  requirement?: string;
}
export interface CheckResult {
  id: string;
  title: string;
  status: 'pass' | 'fail' | 'skip' | 'error';
  requests: number;
  /**
   * Wall time of the check; 0 for observers.
   */
  durationMs: number;
  reason?: string;
  profileField?: ProfileField;
  environment?: Environment;
}
export interface FailureEvidence {
  /**
   * The check that found it.
   */
  check: string;
  title: string;
  /**
   * "Received: …\nDocumented: …" text.
   */
  message: string;
  /**
   * What the kit's own request did on purpose or past a documented limit (more ids than a documented cap, repeated ids, a malformed percent-encoding), so that it is not taken for the target's doing.
   */
  requestNotes?: string[];
  exchange?: ExchangeEvidence;
  /**
   * Reproduces the request; credentials are environment-variable placeholders.
   */
  curl?: string;
  fuzz?: {
    seed: number;
    path: string;
    counterexample: string;
    numRuns: number;
    shrinks: number;
  };
}
/**
 * One recorded request and what came back (or why nothing did).
 */
export interface ExchangeEvidence {
  id: string;
  request: {
    method: 'GET';
    /**
     * As sent; fuzz cases may send bytes a strict URI parser rejects.
     */
    url: string;
    headers: RecordedHeaders;
  };
  response?: {
    /**
     * Any three-digit status the target sent: a target that answers 799 still gets a report that names it.
     */
    status: number;
    headers: RecordedHeaders;
    /**
     * At most a few KiB of the body.
     */
    bodyExcerpt: string;
    bodyTruncated: boolean;
  };
  transportError?: {
    code: string;
    message: string;
  };
}
/**
 * Header names as recorded; credentials already replaced by placeholders.
 */
export interface RecordedHeaders {
  [k: string]: string;
}
/**
 * The failures of one requirement that share a signature: one cause, how often it showed, and the requests that showed it.
 */
export interface FailureGroup {
  signature: FailureSignature;
  /**
   * How many failures had this signature.
   */
  count: number;
  /**
   * The URLs of the failing requests, first ones first, at most a few (count says how many there were).
   */
  requests: string[];
  failure: FailureEvidence1;
  waiver?: Waiver;
}
/**
 * What tells one cause of failure from another: failures of a requirement with the same signature form one group.
 */
export interface FailureSignature {
  requirement: string;
  check: string;
  /**
   * The HTTP status of the answer that shows the failure.
   */
  status?: number;
  /**
   * The error codes, then the warning codes, of that answer's body.
   */
  codes?: number[];
  /**
   * The JSON pointer (into the spec or the answer) where the failure lies, when the check names one.
   */
  pointer?: string;
  /**
   * For a failure an observer found: its name for the problem (e.g. the content type received).
   */
  key?: string;
}
/**
 * The group's first failure, with its evidence.
 */
export interface FailureEvidence1 {
  /**
   * The check that found it.
   */
  check: string;
  title: string;
  /**
   * "Received: …\nDocumented: …" text.
   */
  message: string;
  /**
   * What the kit's own request did on purpose or past a documented limit (more ids than a documented cap, repeated ids, a malformed percent-encoding), so that it is not taken for the target's doing.
   */
  requestNotes?: string[];
  exchange?: ExchangeEvidence;
  /**
   * Reproduces the request; credentials are environment-variable placeholders.
   */
  curl?: string;
  fuzz?: {
    seed: number;
    path: string;
    counterexample: string;
    numRuns: number;
    shrinks: number;
  };
}
/**
 * The waiver that covers this group, if one does.
 */
export interface Waiver {
  requirement: string;
  reason: string;
  /**
   * The waiver covers failures up to and including this day.
   */
  expires: string;
  /**
   * known-defect: the target is wrong (tracked elsewhere); disputed: we believe the kit asks too much. A file without it means known-defect.
   */
  kind?: 'known-defect' | 'disputed';
  /**
   * Who answers for the waiver.
   */
  owner?: string;
  /**
   * Narrows the waiver to failures found by this check.
   */
  check?: string;
  /**
   * Narrows it to failures whose answer had this HTTP status.
   */
  status?: number;
  /**
   * Narrows it to failures whose answer carried this error or warning code.
   */
  code?: number;
  /**
   * Narrows it to failures at this JSON pointer or below it.
   */
  pointer?: string;
  /**
   * Narrows it to failures whose every kept request (URL as sent) matches this regular expression.
   */
  request?: string;
}
/**
 * A known deviation (from --waivers); on a requirement whose status is waived, the waiver that covered it.
 */
export interface Waiver1 {
  requirement: string;
  reason: string;
  /**
   * The waiver covers failures up to and including this day.
   */
  expires: string;
  /**
   * known-defect: the target is wrong (tracked elsewhere); disputed: we believe the kit asks too much. A file without it means known-defect.
   */
  kind?: 'known-defect' | 'disputed';
  /**
   * Who answers for the waiver.
   */
  owner?: string;
  /**
   * Narrows the waiver to failures found by this check.
   */
  check?: string;
  /**
   * Narrows it to failures whose answer had this HTTP status.
   */
  status?: number;
  /**
   * Narrows it to failures whose answer carried this error or warning code.
   */
  code?: number;
  /**
   * Narrows it to failures at this JSON pointer or below it.
   */
  pointer?: string;
  /**
   * Narrows it to failures whose every kept request (URL as sent) matches this regular expression.
   */
  request?: string;
}
export interface WaiverReport {
  /**
   * Turned a failure into `waived`.
   */
  applied: Waiver1[];
  /**
   * Past their date, not applied.
   */
  expired: Waiver1[];
  /**
   * Stale: current, but nothing they name failed in this run.
   */
  unused: Waiver1[];
  /**
   * Name a requirement the spec lacks.
   */
  unknown: Waiver1[];
  /**
   * For each applied waiver of kind disputed: a ready-to-file text for the kit's issue tracker, with the failure, the evidence and the request.
   */
  disputes?: Dispute[];
}
export interface Dispute {
  waiver: Waiver1;
  requirement: string;
  text: string;
}
/**
 * Present when the fuzz suite ran.
 */
export interface FuzzSummary {
  seed: number;
  runs: number;
  properties: {
    requirement: string;
    name: string;
    runs: number;
    status: 'pass' | 'fail' | 'error';
  }[];
}
/**
 * Present when the preflight ran (the default): its requests (counted in run.requests too), what it learned and what it could not.
 */
export interface PreflightSummary {
  requests: number;
  durationMs: number;
  /**
   * Each value the preflight learned from the target or made (absent handles), at its JSON pointer in the full profile, with the request that taught it.
   */
  learned: LearnedValue[];
  /**
   * What could not be learned or used, e.g. a made-up value the target found.
   */
  notes: string[];
}
export interface LearnedValue {
  pointer: string;
  value: string;
  request: string;
}
/**
 * Present when the run was compared with an earlier report (`--baseline`): the exit code then gates on regressions only.
 */
export interface BaselineComparison {
  /**
   * The baseline file as given on the command line.
   */
  file: string;
  /**
   * When the baseline run started.
   */
  startedAt: string;
  /**
   * The spec the baseline was judged against.
   */
  specSha256: string;
  verdict: Verdict;
  /**
   * Failing (or waived) now, not in the baseline.
   */
  newFailures: BaselineEntry[];
  /**
   * Failing (or waived) in the baseline, passing now.
   */
  fixed: BaselineEntry[];
  /**
   * Failing (or waived) in the baseline and now.
   */
  stillFailing: BaselineEntry[];
  /**
   * Ids of new failures that passed in the baseline and fail now at or above the gating level: only these fail the run.
   */
  regressions: string[];
}
/**
 * A requirement whose outcome changed, or did not, since the baseline.
 */
export interface BaselineEntry {
  id: string;
  level: Level;
  title: string;
  /**
   * The outcome in the baseline; absent when it did not judge the requirement.
   */
  before: Outcome | 'absent';
  now: Outcome;
}

/** Every Level, in schema order. */
export const LEVEL_VALUES = ['MUST', 'SHOULD', 'MAY'] as const satisfies readonly Level[];

/** Every Outcome, in schema order. */
export const OUTCOME_VALUES = ['pass', 'fail', 'skip', 'error', 'waived'] as const satisfies readonly Outcome[];

/** Every Basis, in schema order. */
export const BASIS_VALUES = ['documented', 'observed', 'decided'] as const satisfies readonly Basis[];
