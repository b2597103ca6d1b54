/**
 * One check of a run: its context (requests go through the run's queue and past every
 * observer), its outcome, and what its requirement collects from it. Evidence is numbered per
 * check (exchange ids `<check>#<n>`), so that ids and ordering do not depend on how checks
 * interleave.
 */
import type { Redactor } from '../http/redact.js';
import type { Scheduler } from '../http/scheduler.js';
import type { IdentityName, ResolvedCredentials } from '../http/types.js';
import type { QueryPair } from '../core/query.js';
import type { Profile } from '../profile/model.js';
import type { FuzzSummary, Shard } from '../core/report-model.js';
import type { LoadedSpec } from '../contract/load.js';
import {
  CheckFailure,
  CheckSkip,
  TransportFailure,
  type Answer,
  type CheckContext,
  type CheckDefinition,
  type SendOptions,
} from '../check/check.js';
import { keepFailure, type Collected } from './collect.js';
import { overDocumentedLimit } from './documented-limits.js';
import { failureEvidence, type EvidenceOptions } from './evidence.js';
import { groupFailure, signatureOf } from './groups.js';
import type { ObserverPool } from './observe.js';
import { outcomeOf, unlockOf, type CheckOutcome, type SoftFailure } from './outcome.js';
import type { ProgressCounter } from './progress.js';
import { splitsByCase } from './shard.js';

/** What every check of a run shares. */
export interface RunContext {
  readonly spec: LoadedSpec;
  readonly profile: Profile;
  readonly seed: number;
  readonly fuzzRuns: number;
  readonly shard?: Shard;
  readonly transport: Scheduler;
  readonly credentials: ResolvedCredentials;
  readonly redactor: Redactor;
  readonly evidenceOptions: EvidenceOptions;
  readonly collected: ReadonlyMap<string, Collected>;
  readonly observers: ObserverPool;
  readonly fuzzProperties: FuzzSummary['properties'][number][];
  readonly progress: ProgressCounter;
}

/** The state of one check while it runs. */
class CheckRun {
  sent = 0;
  readonly softFailures: SoftFailure[] = [];
  readonly idPrefix: string;

  constructor(
    readonly check: CheckDefinition,
    readonly run: RunContext,
  ) {
    this.idPrefix = `${check.id}#`;
  }

  async send(query: readonly QueryPair[], sendOptions: SendOptions = {}): Promise<Answer> {
    const { run } = this;
    const overLimit = overDocumentedLimit(run.spec, this.check.id, query);
    if (overLimit !== undefined) throw new Error(overLimit);
    this.sent += 1;
    const seq = this.sent;
    const exchange = await run.transport.sendAs(
      {
        query,
        identity: sendOptions.identity ?? 'primary',
        ...(sendOptions.rawQuery !== undefined ? { rawQuery: sendOptions.rawQuery } : {}),
      },
      `${this.idPrefix}${seq}`,
      { background: sendOptions.background === true },
    );
    run.progress.requestSent();
    if (!exchange.response) throw new TransportFailure(exchange);
    const response = exchange.response;
    const answer: Answer = {
      exchange,
      status: response.status,
      headers: response.headers,
      bodyText: response.bodyText,
      get json(): unknown {
        return response.json;
      },
    };
    run.observers.observe(answer, `${this.idPrefix}${seq}`, this.orderOf(seq));
    return answer;
  }

  orderOf(seq: number): string {
    return `${this.check.id}#${String(seq).padStart(6, '0')}`;
  }

  /** Keeps the check's failures as evidence of its requirement, ordered by the exchange that shows each, and groups them by cause. */
  recordFailures(): void {
    const { check, run, idPrefix } = this;
    const requirement = run.collected.get(check.requirement)!;
    this.softFailures.forEach(({ title, detail }, index) => {
      const id = detail.answer?.exchange.id;
      const seq = id !== undefined && id.startsWith(idPrefix) ? Number(id.slice(idPrefix.length)) : undefined;
      const order = `${this.orderOf(seq ?? 0)} ${String(index).padStart(4, '0')}`;
      const evidence = failureEvidence(
        check.id,
        title,
        detail,
        seq !== undefined ? `${check.id}#${seq}` : undefined,
        run.evidenceOptions,
      );
      keepFailure(requirement, { order, evidence });
      const url = evidence.exchange?.request.url;
      groupFailure(
        requirement.groups,
        signatureOf(check.requirement, check.id, detail.answer, detail.pointer !== undefined ? { pointer: detail.pointer } : {}),
        { order, ...(url !== undefined ? { url } : {}) },
        () => evidence,
      );
    });
  }

  context(): CheckContext {
    const { check, run } = this;
    return {
      spec: run.spec,
      profile: run.profile,
      seed: run.seed,
      fuzzRuns: run.fuzzRuns,
      ...(run.shard && splitsByCase(check) ? { shard: run.shard } : {}),
      concurrency: run.transport.concurrency,
      canUse: (identity: IdentityName) => run.credentials[identity] !== undefined,
      send: (query, sendOptions) => this.send(query, sendOptions),
      fail(title, detail): never {
        throw new CheckFailure(title, detail);
      },
      softFail: (title, detail) => {
        this.softFailures.push({ title, detail });
      },
      skip(reason, detail): never {
        throw new CheckSkip(reason, detail);
      },
      reportProperty(property) {
        run.fuzzProperties.push({ requirement: check.requirement, ...property });
      },
    };
  }
}

/** Runs one check to its outcome and adds its result, failures and reason to its requirement. */
export async function runCheck(check: CheckDefinition, run: RunContext): Promise<void> {
  const started = performance.now();
  const state = new CheckRun(check, run);
  let outcome: CheckOutcome;
  try {
    await check.run(state.context());
    outcome = outcomeOf(state.softFailures);
  } catch (error) {
    outcome = outcomeOf(state.softFailures, { error });
  }
  state.recordFailures();
  const { status, reason, unlock } = outcome;
  const requirement = run.collected.get(check.requirement)!;
  if (reason !== undefined && status !== 'pass') requirement.reasons.push(`${check.id}: ${run.redactor.redact(reason)}`);
  requirement.checks.push({
    id: check.id,
    title: check.title,
    status,
    requests: state.sent,
    durationMs: Math.round(performance.now() - started),
    ...(reason !== undefined ? { reason: run.redactor.redact(reason) } : {}),
    ...(status === 'skip' ? unlockOf(unlock) : {}),
  });
  run.progress.checkDone(check.id, status);
}
