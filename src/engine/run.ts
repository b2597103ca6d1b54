/**
 * One conformance run: the selected checks run against one target through one request queue,
 * observers judge every exchange, and the outcomes become the report model.
 */
import type { Redactor } from '../http/redact.js';
import type { Scheduler } from '../http/scheduler.js';
import type { AuthStyle, Exchange, IdentityName, ResolvedCredentials } from '../http/types.js';
import type { QueryPair } from '../core/query.js';
import type { LoadedProfile } from '../profile/load.js';
import type { CheckResult, ConformanceReport, FailureEvidence, FuzzSummary, Level, RequirementResult, Shard, Waiver } from '../core/report-model.js';
import type { LoadedSpec } from '../spec/load.js';
import {
  CheckFailure,
  CheckSkip,
  TransportFailure,
  suiteOf,
  type Answer,
  type CheckContext,
  type CheckDefinition,
  type FailureDetail,
  type ObserverDefinition,
  type SendOptions,
  type SkipDetail,
} from '../check/check.js';
import { failureEvidence, type EvidenceOptions } from './evidence.js';
import { checksOfShard, splitsByCase } from './shard.js';
import { specRefLabels } from './spec-labels.js';
import { combine, countsOf, coverageOf, verdictOf } from './verdict.js';
import { sortWaivers } from './waivers.js';

/** Failures kept per requirement in the report (the count says how many there were). */
export const KEPT_FAILURES = 5;

export interface RunOptions {
  readonly spec: LoadedSpec;
  readonly profile: LoadedProfile;
  readonly transport: Scheduler;
  readonly credentials: ResolvedCredentials;
  readonly target: { readonly baseUrl: string; readonly embeddedReference: boolean; readonly authStyle: AuthStyle };
  readonly checks: readonly CheckDefinition[];
  readonly observers: readonly ObserverDefinition[];
  readonly seed: number;
  readonly fuzzRuns: number;
  readonly gatingLevel: Level;
  /** `--require-coverage`: the share (percent) of gating requirements that must be proven, else exit code 1. */
  readonly requiredCoverage?: number;
  /** Suites to run; all when empty. */
  readonly suites?: readonly string[];
  /** Requirement ids to judge; all when empty. */
  readonly requirements?: readonly string[];
  readonly waivers?: readonly Waiver[];
  /** Today, YYYY-MM-DD (UTC), for waiver expiry. */
  readonly today: string;
  readonly redactor: Redactor;
  readonly insecure?: boolean;
  /** Checks running at once (all of them unless told); the scheduler caps requests separately. */
  readonly checkConcurrency?: number;
  readonly tool: { readonly name: string; readonly version: string };
  /** Run only this shard's share of the checks and fuzz cases (src/engine/shard.ts); all when absent. */
  readonly shard?: Shard;
  readonly onProgress?: (progress: RunProgress) => void;
}

export interface RunProgress {
  readonly requests: number;
  readonly checksDone: number;
  readonly checksTotal: number;
  readonly passes: number;
  readonly failures: number;
  readonly errors: number;
  /** The check that just finished, if one did. */
  readonly finished?: { readonly id: string; readonly status: CheckResult['status'] };
}

/** A failure with the key that orders it among the others (so reports do not depend on timing). */
interface KeptFailure {
  readonly order: string;
  /** The observer's key: failures with one key are one problem, kept once. */
  readonly key?: string;
  readonly evidence: FailureEvidence;
}

/** Everything one requirement collected from its checks and observers. */
interface Collected {
  readonly checks: CheckResult[];
  readonly failures: KeptFailure[];
  failureCount: number;
  readonly reasons: string[];
  /** Per observer key, the order of its earliest exchange: the one its evidence comes from. */
  readonly earliestByKey: Map<string, string>;
}

export async function runConformance(options: RunOptions): Promise<ConformanceReport> {
  const started = Date.now();
  const { spec } = options;
  const profile = options.profile.profile;
  const suites = new Set(options.suites ?? []);
  const wanted = new Set(options.requirements ?? []);
  const picked = (d: { id: string; requirement: string }): boolean => (suites.size === 0 || suites.has(suiteOf(d))) && (wanted.size === 0 || wanted.has(d.requirement));
  const selection = options.checks.filter(picked);
  const checks = checksOfShard(selection, options.shard);
  const observers = options.observers.filter(picked);
  // A wanted requirement that no selected check proves is reported (as unproven) by every shard.
  const proven = new Set([...selection, ...observers].map((d) => d.requirement));
  const selectedIds = new Set([...checks.map((c) => c.requirement), ...observers.map((o) => o.requirement), ...[...wanted].filter((id) => !proven.has(id))]);
  const collected = new Map<string, Collected>();
  for (const id of selectedIds) collected.set(id, { checks: [], failures: [], failureCount: 0, reasons: [], earliestByKey: new Map() });
  const evidenceOptions: EvidenceOptions = { redactor: options.redactor, insecure: options.insecure === true };
  const fuzzProperties: FuzzSummary['properties'][number][] = [];
  const progress = { requests: 0, checksDone: 0, passes: 0, failures: 0, errors: 0 };
  const emit = (finished?: RunProgress['finished']): void => options.onProgress?.({ ...progress, checksTotal: checks.length, ...(finished ? { finished } : {}) });

  const insert = (c: Collected, failure: KeptFailure): void => {
    c.failures.push(failure);
    c.failures.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    if (c.failures.length > KEPT_FAILURES) c.failures.pop();
  };
  const keep = (requirement: string, failure: KeptFailure): void => {
    const c = collected.get(requirement)!;
    c.failureCount += 1;
    insert(c, failure);
  };

  // Observers: each judges every answer of the run.
  const observerState = observers.map((observer) => {
    const why = observer.notApplicable?.(profile);
    const { reason, ...unlock } = typeof why === 'string' ? { reason: why } : (why ?? { reason: undefined });
    return { observer, reason, unlock, seen: 0, failed: 0, broken: undefined as string | undefined };
  });
  const observe = (answer: Answer, evidenceId: string, order: string): void => {
    for (const state of observerState) {
      if (state.reason !== undefined || state.broken !== undefined) continue;
      try {
        state.seen += 1;
        for (const o of state.observer.observe(answer, { spec, profile })) {
          state.failed += 1;
          const c = collected.get(state.observer.requirement)!;
          c.failureCount += 1;
          // A problem seen many times is shown once, by its earliest exchange in check order
          // (not the first to arrive: answers arrive in any order).
          const at = `${order} ${o.key}`;
          const earliest = c.earliestByKey.get(o.key);
          if (earliest !== undefined && earliest <= at) continue;
          c.earliestByKey.set(o.key, at);
          const replaced = c.failures.findIndex((f) => f.key === o.key);
          if (replaced !== -1) c.failures.splice(replaced, 1);
          insert(c, {
            order: at,
            key: o.key,
            evidence: failureEvidence(state.observer.id, o.title, { received: o.received, documented: o.documented, answer }, evidenceId, evidenceOptions),
          });
        }
      } catch (error) {
        state.broken = `observer ${state.observer.id} broke: ${(error as Error).message}`;
      }
    }
  };

  const runCheck = async (check: CheckDefinition): Promise<void> => {
    const checkStarted = performance.now();
    let sent = 0;
    const softFailures: { title: string; detail: FailureDetail }[] = [];
    const requirement = collected.get(check.requirement)!;
    // Evidence is numbered per check (exchange ids `<check>#<n>`), so ids and ordering do not
    // depend on how checks interleave.
    const idPrefix = `${check.id}#`;
    const seqOf = (exchange: Exchange): number | undefined => (exchange.id.startsWith(idPrefix) ? Number(exchange.id.slice(idPrefix.length)) : undefined);
    const orderOf = (seq: number): string => `${check.id}#${String(seq).padStart(6, '0')}`;
    const record = (title: string, detail: FailureDetail, index: number): void => {
      const seq = detail.answer ? seqOf(detail.answer.exchange) : undefined;
      keep(check.requirement, {
        order: `${orderOf(seq ?? 0)} ${String(index).padStart(4, '0')}`,
        evidence: failureEvidence(check.id, title, detail, seq !== undefined ? `${check.id}#${seq}` : undefined, evidenceOptions),
      });
    };
    const ctx: CheckContext = {
      spec,
      profile,
      seed: options.seed,
      fuzzRuns: options.fuzzRuns,
      ...(options.shard && splitsByCase(check) ? { shard: options.shard } : {}),
      concurrency: options.transport.concurrency,
      canUse: (identity: IdentityName) => options.credentials[identity] !== undefined,
      async send(query: readonly QueryPair[], sendOptions: SendOptions = {}): Promise<Answer> {
        sent += 1;
        const seq = sent;
        const exchange = await options.transport.sendAs(
          { query, identity: sendOptions.identity ?? 'primary', ...(sendOptions.rawQuery !== undefined ? { rawQuery: sendOptions.rawQuery } : {}) },
          `${idPrefix}${seq}`,
          { background: sendOptions.background === true },
        );
        progress.requests += 1;
        // Per request, not only per check: a fuzz property or a page walk is one long check.
        emit();
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
        observe(answer, `${idPrefix}${seq}`, orderOf(seq));
        return answer;
      },
      fail(title, detail): never {
        throw new CheckFailure(title, detail);
      },
      softFail(title, detail) {
        softFailures.push({ title, detail });
      },
      skip(reason, detail): never {
        throw new CheckSkip(reason, detail);
      },
      reportProperty(property) {
        fuzzProperties.push({ requirement: check.requirement, ...property });
      },
    };
    let status: CheckResult['status'];
    let reason: string | undefined;
    let unlock: SkipDetail = {};
    try {
      await check.run(ctx);
      status = softFailures.length > 0 ? 'fail' : 'pass';
    } catch (error) {
      if (error instanceof CheckFailure) {
        status = 'fail';
        softFailures.push({ title: error.title, detail: error.detail });
      } else if (error instanceof CheckSkip) {
        status = softFailures.length > 0 ? 'fail' : 'skip';
        reason = error.reason;
        unlock = error.detail;
      } else if (error instanceof TransportFailure) {
        status = softFailures.length > 0 ? 'fail' : 'error';
        reason = `no response to a request: ${error.message}`;
      } else {
        status = 'error';
        reason = `the check broke: ${(error as Error)?.stack ?? String(error)}`;
      }
    }
    softFailures.forEach((f, index) => record(f.title, f.detail, index));
    if (reason !== undefined && status !== 'pass') requirement.reasons.push(`${check.id}: ${options.redactor.redact(reason)}`);
    const durationMs = Math.round(performance.now() - checkStarted);
    requirement.checks.push({
      id: check.id,
      title: check.title,
      status,
      requests: sent,
      durationMs,
      ...(reason !== undefined ? { reason: options.redactor.redact(reason) } : {}),
      ...(status === 'skip' ? unlockOf(unlock) : {}),
    });
    progress.checksDone += 1;
    if (status === 'pass') progress.passes += 1;
    if (status === 'fail') progress.failures += 1;
    if (status === 'error') progress.errors += 1;
    emit({ id: check.id, status });
  };

  // Every check at once: what they send waits in the run's queue, which caps the requests. The
  // checks that wait on one answer at a time then go at the pace of the round trip, and the
  // fuzz backlog (queued behind them) fills every slot they leave free from the first moment.
  const queue = [...checks];
  const checkConcurrency = options.checkConcurrency ?? checks.length;
  const workers = Array.from({ length: Math.max(1, Math.min(checkConcurrency, queue.length)) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await runCheck(next);
  });
  await Promise.all(workers);

  for (const state of observerState) {
    const c = collected.get(state.observer.requirement)!;
    const base = { id: state.observer.id, title: state.observer.title, requests: 0, durationMs: 0 };
    if (state.reason !== undefined) {
      c.checks.push({ ...base, status: 'skip', reason: state.reason, ...unlockOf(state.unlock) });
      c.reasons.push(`${state.observer.id}: ${state.reason}`);
    } else if (state.broken !== undefined) {
      c.checks.push({ ...base, status: 'error', reason: state.broken });
      c.reasons.push(state.broken);
    } else if (state.seen === 0) {
      const why = 'no response was observed (every request of the run failed, or no check sent one)';
      c.checks.push({ ...base, status: 'skip', reason: why });
      c.reasons.push(`${state.observer.id}: ${why}`);
    } else c.checks.push({ ...base, status: state.failed > 0 ? 'fail' : 'pass' });
  }

  // Requirements in catalog order; waivers applied last.
  const judged = spec.requirements.filter((r) => selectedIds.has(r.id));
  const provisional = judged.map((r) => {
    const c = collected.get(r.id)!;
    if (c.checks.length === 0) c.reasons.push('no check of the selected suites proves this requirement');
    c.checks.sort((a, b) => a.id.localeCompare(b.id));
    return { requirement: r, collected: c, status: combine(c.checks.map((x) => x.status)) };
  });
  const waivers = sortWaivers(
    options.waivers ?? [],
    {
      failed: new Set(provisional.filter((p) => p.status === 'fail').map((p) => p.requirement.id)),
      known: new Set(spec.requirements.map((r) => r.id)),
      selected: new Set(judged.map((r) => r.id)),
    },
    options.today,
  );
  const requirements: RequirementResult[] = provisional.map(({ requirement: r, collected: c, status }) => {
    const waiver = status === 'fail' ? waivers.appliedTo.get(r.id) : undefined;
    return {
      id: r.id,
      level: r.level,
      title: r.title,
      suite: r.suite,
      basis: r.basis,
      sources: r.sources,
      specRefs: r.governs,
      specRefLabels: specRefLabels(spec, r.governs),
      status: waiver ? 'waived' : status,
      durationMs: c.checks.reduce((sum, check) => sum + check.durationMs, 0),
      checks: c.checks,
      failures: c.failures.map((f) => f.evidence),
      failureCount: c.failureCount,
      reasons: [...c.reasons].sort(),
      ...(waiver ? { waiver } : {}),
    };
  });
  const coverage = coverageOf(requirements, options.gatingLevel, options.requiredCoverage);
  const { verdict, exitCode } = verdictOf(requirements, options.gatingLevel, coverage);
  const stats = options.transport.stats();
  const { appliedTo: _unused, ...waiverReport } = waivers;
  return {
    reportVersion: 1,
    tool: options.tool,
    spec: { title: spec.title, version: spec.version, sha256: spec.sha256, path: spec.displayPath, overlays: spec.overlays, effectiveSha256: spec.effectiveSha256 },
    dialect: spec.dialect,
    target: { baseUrl: options.target.baseUrl, embeddedReference: options.target.embeddedReference, authStyle: options.target.authStyle },
    profile: { name: options.profile.name, sha256: options.profile.sha256 },
    run: {
      seed: options.seed,
      fuzzRuns: options.fuzzRuns,
      gatingLevel: options.gatingLevel,
      suites: [...new Set(selection.map(suiteOf).concat(observers.map(suiteOf)))].sort(),
      requirementFilter: [...wanted].sort(),
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      requests: { total: stats.total, retried: stats.retried, transportErrors: stats.transportErrors },
      ...(options.shard ? { shard: options.shard } : {}),
    },
    verdict,
    exitCode,
    counts: countsOf(requirements),
    coverage,
    requirements,
    waivers: waiverReport,
    ...(fuzzProperties.length > 0
      ? {
          fuzz: {
            seed: options.seed,
            runs: options.fuzzRuns,
            properties: [...fuzzProperties].sort((a, b) => a.requirement.localeCompare(b.requirement) || a.name.localeCompare(b.name)),
          },
        }
      : {}),
  };
}

/** The fields of a skip detail that are set (a report never carries undefined keys). */
function unlockOf(detail: SkipDetail): SkipDetail {
  return {
    ...(detail.profileField !== undefined ? { profileField: detail.profileField } : {}),
    ...(detail.environment !== undefined ? { environment: detail.environment } : {}),
  };
}
