/**
 * What a check is. A check proves one requirement of the spec's catalog: it sends requests
 * through its context and either returns (pass), throws `CheckFailure` (the target broke the
 * requirement), calls `ctx.skip` (not applicable here, with the reason), or throws anything
 * else (the suite or the transport broke: `error`, never a pass and never non-conformance).
 */
import type { Exchange, IdentityName } from '../http/types.js';
import type { QueryPair } from '../core/query.js';
import type { Profile } from '../profile/model.js';
import type { Shard } from '../core/report-model.js';
import type { LoadedSpec } from '../contract/load.js';

/** A response as a check sees it. Only exchanges that got a response reach a check. */
export interface Answer {
  readonly exchange: Exchange;
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /** The parsed body when it is JSON; undefined otherwise. */
  readonly json: unknown;
}

/** Options of one request. */
export interface SendOptions {
  /** Whose credentials; `primary` unless told. */
  readonly identity?: IdentityName;
  /** The exact query string (fuzz cases that need an encoding pairs cannot express). */
  readonly rawQuery?: string;
  /**
   * Queued behind the requests of checks that wait on one answer at a time: for a check that
   * keeps a backlog of requests in flight (the fuzz properties).
   */
  readonly background?: boolean;
}

/** Evidence a failure carries. */
export interface FailureDetail {
  /** What the target did. */
  readonly received: string;
  /** What the spec says it should have done. */
  readonly documented: string;
  /** The exchange that shows it, when one does. */
  readonly answer?: Answer;
  /** Where the failure lies (a JSON pointer into the answer or the spec), when the check can name it: it tells one cause from another. */
  readonly pointer?: string;
  /** Present when the fuzzer found it. */
  readonly fuzz?: {
    readonly seed: number;
    readonly path: string;
    readonly counterexample: string;
    readonly numRuns: number;
    readonly shrinks: number;
  };
}

/** Thrown by `ctx.fail`: the target broke the requirement. */
export class CheckFailure extends Error {
  constructor(
    readonly title: string,
    readonly detail: FailureDetail,
  ) {
    super(title);
    this.name = 'CheckFailure';
  }
}

/**
 * What would let a skipped check run: a field of the profile (a JSON pointer with `*` for every
 * item: `/customers/` then `*` then `/notFoundLookups`) or the environment variables of an identity.
 * Reports group skips by it, so that a reader knows what to add.
 */
export interface SkipDetail {
  readonly profileField?: string;
  readonly environment?: string;
}

/** Thrown by `ctx.skip`: the check does not apply to this target (the reason says why). */
export class CheckSkip extends Error {
  constructor(
    readonly reason: string,
    readonly detail: SkipDetail = {},
  ) {
    super(reason);
    this.name = 'CheckSkip';
  }
}

/** Thrown by `ctx.send` when no response came back: the run cannot judge, so the check is `error`. */
export class TransportFailure extends Error {
  constructor(readonly exchange: Exchange) {
    super(`${exchange.transportError!.code}: ${exchange.transportError!.message}`);
    this.name = 'TransportFailure';
  }
}

export interface CheckContext {
  readonly spec: LoadedSpec;
  readonly profile: Profile;
  /** The run's seed: checks that sample derive every random choice from it. */
  readonly seed: number;
  /** The fuzz budget (runs per property). */
  readonly fuzzRuns: number;
  /** Set for checks split by case (the fuzz properties) in a sharded run: judge only this shard's cases. */
  readonly shard?: Shard;
  /**
   * Requests the run keeps in flight at once. A check with many independent requests sends
   * them together (`Promise.all`), or keeps this many waiting; the run's queue caps the rest.
   */
  readonly concurrency: number;
  /** Sends a GET to the endpoint; throws `TransportFailure` when nothing came back. */
  send(query: readonly QueryPair[], options?: SendOptions): Promise<Answer>;
  /** Whether the run has credentials for this identity (checks that need it skip otherwise). */
  canUse(identity: IdentityName): boolean;
  /** Records a failure and ends the check. */
  fail(title: string, detail: FailureDetail): never;
  /** Records a failure and lets the check go on looking for more (at most a few are kept). */
  softFail(title: string, detail: FailureDetail): void;
  /** Ends the check as not applicable; `detail` names what would unlock it. */
  skip(reason: string, detail?: SkipDetail): never;
  /** The fuzz suite reports its properties here, for the report's fuzz summary. */
  reportProperty(property: { readonly name: string; readonly runs: number; readonly status: 'pass' | 'fail' | 'error' }): void;
}

export interface CheckDefinition {
  /** Unique within the catalog: `<suite>/<slug>`. */
  readonly id: string;
  /** The requirement of the spec's catalog that this check proves. */
  readonly requirement: string;
  /** What holds, in the present tense. */
  readonly title: string;
  readonly run: (ctx: CheckContext) => Promise<void>;
}

/** A failure an observer found in one exchange. */
export interface Observation {
  readonly title: string;
  readonly received: string;
  readonly documented: string;
  /** Failures with the same key are one problem reported once (e.g. the same schema path). */
  readonly key: string;
  /** The JSON pointer of the spec or the answer where the problem lies, when there is one. */
  readonly pointer?: string;
  /** The error or warning codes that are the problem (an undocumented code), when they are. */
  readonly codes?: readonly number[];
}

/**
 * A check that judges every exchange of the run, whichever check sent it: status, content
 * type, body schema, twins, 5xx. It passes when it saw at least one exchange and none broke it.
 */
export interface ObserverDefinition {
  readonly id: string;
  readonly requirement: string;
  readonly title: string;
  readonly observe: (answer: Answer, run: { readonly spec: LoadedSpec; readonly profile: Profile }) => readonly Observation[];
  /** Why the observer does not apply to this run, if it does not (its requirement is then skipped). */
  readonly notApplicable?: (profile: Profile) => string | ({ readonly reason: string } & SkipDetail) | undefined;
}

/**
 * A suite: one folder of `suites/`. Its checks and observers are built from the spec the run
 * is handed (a family such as one check per error rule follows the effective spec, overlays
 * included), never from a spec read when the module loads.
 */
export interface SuiteDefinition {
  /** The folder name, and the part of each check id before the slash. */
  readonly name: string;
  readonly checks: (spec: LoadedSpec) => readonly CheckDefinition[];
  readonly observers?: (spec: LoadedSpec) => readonly ObserverDefinition[];
}

/** What a run judges with: the checks and observers built from its spec. */
export interface Catalog {
  readonly checks: readonly CheckDefinition[];
  readonly observers: readonly ObserverDefinition[];
}

/**
 * A catalog, or how to load it: the command line loads the suites' code while the preflight
 * waits for its answers, not before its first request.
 */
export type CatalogSource = Catalog | (() => Promise<Catalog>);

export function defineSuite(definition: SuiteDefinition): SuiteDefinition {
  return definition;
}

export function defineCheck(definition: CheckDefinition): CheckDefinition {
  return definition;
}

export function defineObserver(definition: ObserverDefinition): ObserverDefinition {
  return definition;
}

/** The suite of a check or observer: the part of its id before the slash. */
export function suiteOf(definition: { readonly id: string }): string {
  return definition.id.slice(0, definition.id.indexOf('/'));
}
