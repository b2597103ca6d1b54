/**
 * The observers of a run: each judges every answer any check receives. A problem seen many
 * times is kept once, by its earliest exchange in check order (not the first to arrive:
 * answers arrive in any order). At the end each observer becomes one check result.
 */
import type { Profile } from '../profile/model.js';
import type { LoadedSpec } from '../contract/load.js';
import type { Answer, ObserverDefinition, SkipDetail } from '../check/check.js';
import { insertFailure, type Collected } from './collect.js';
import { failureEvidence, type EvidenceOptions } from './evidence.js';
import { groupFailure, signatureOf } from './groups.js';
import type { FailureEvidence } from '../core/report-model.js';
import { unlockOf } from './outcome.js';

interface ObserverState {
  readonly observer: ObserverDefinition;
  readonly collected: Collected;
  /** Why the observer does not apply to this target, if it does not. */
  readonly reason: string | undefined;
  readonly unlock: SkipDetail;
  seen: number;
  failed: number;
  broken: string | undefined;
}

export class ObserverPool {
  readonly #states: ObserverState[];
  readonly #context: { readonly spec: LoadedSpec; readonly profile: Profile };

  constructor(
    observers: readonly ObserverDefinition[],
    context: { readonly spec: LoadedSpec; readonly profile: Profile },
    collected: ReadonlyMap<string, Collected>,
    private readonly evidenceOptions: EvidenceOptions,
  ) {
    this.#context = context;
    this.#states = observers.map((observer) => {
      const why = observer.notApplicable?.(context.profile);
      const { reason, ...unlock } = typeof why === 'string' ? { reason: why } : (why ?? { reason: undefined });
      return { observer, collected: collected.get(observer.requirement)!, reason, unlock, seen: 0, failed: 0, broken: undefined };
    });
  }

  /** Every applicable observer judges one answer; `order` places its exchange among the run's. */
  observe(answer: Answer, evidenceId: string, order: string): void {
    for (const state of this.#states) {
      if (state.reason !== undefined || state.broken !== undefined) continue;
      try {
        state.seen += 1;
        for (const o of state.observer.observe(answer, this.#context)) {
          state.failed += 1;
          const c = state.collected;
          c.failureCount += 1;
          const at = `${order} ${o.key}`;
          const evidenceOf = (): FailureEvidence =>
            failureEvidence(
              state.observer.id,
              o.title,
              { received: o.received, documented: o.documented, answer },
              evidenceId,
              this.evidenceOptions,
            );
          groupFailure(
            c.groups,
            signatureOf(state.observer.requirement, state.observer.id, answer, {
              key: o.key,
              codes: o.codes ?? [],
              ...(o.pointer !== undefined ? { pointer: o.pointer } : {}),
            }),
            { order: at, url: this.evidenceOptions.redactor.redact(answer.exchange.request.url) },
            evidenceOf,
          );
          const earliest = c.earliestByKey.get(o.key);
          if (earliest !== undefined && earliest <= at) continue;
          c.earliestByKey.set(o.key, at);
          const replaced = c.failures.findIndex((f) => f.key === o.key);
          if (replaced !== -1) c.failures.splice(replaced, 1);
          insertFailure(c, {
            order: at,
            key: o.key,
            evidence: evidenceOf(),
          });
        }
      } catch (error) {
        state.broken = `observer ${state.observer.id} broke: ${(error as Error).message}`;
      }
    }
  }

  /** Each observer's result, added to its requirement once every check has run. */
  conclude(): void {
    for (const state of this.#states) {
      const c = state.collected;
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
  }
}
