/** The run's progress: counted as requests go out and checks finish, told to whoever listens. */
import type { CheckResult } from '../core/report-model.js';

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

export class ProgressCounter {
  readonly #counts = { requests: 0, checksDone: 0, passes: 0, failures: 0, errors: 0 };

  constructor(
    private readonly checksTotal: number,
    private readonly onProgress?: (progress: RunProgress) => void,
  ) {}

  /** Told per request, not only per check: a fuzz property or a page walk is one long check. */
  requestSent(): void {
    this.#counts.requests += 1;
    this.#emit();
  }

  checkDone(id: string, status: CheckResult['status']): void {
    this.#counts.checksDone += 1;
    if (status === 'pass') this.#counts.passes += 1;
    if (status === 'fail') this.#counts.failures += 1;
    if (status === 'error') this.#counts.errors += 1;
    this.#emit({ id, status });
  }

  #emit(finished?: RunProgress['finished']): void {
    this.onProgress?.({ ...this.#counts, checksTotal: this.checksTotal, ...(finished ? { finished } : {}) });
  }
}
