/**
 * http/pacing: the two brakes on a run's request queue, both cancellable by the run's signal.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { UsageError } from '../core/errors.js';

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) {
    signal.throwIfAborted();
    return;
  }
  await delay(ms, undefined, { signal });
}

/**
 * A counting semaphore that hands out slots in request order (FIFO), foreground requests
 * before background ones: a backlog queued in the background only fills spare slots, and a
 * caller waiting on one answer at a time is not held behind it. When `signal` aborts, every
 * waiting request is refused at once.
 */
export class Slots {
  #free: number;
  readonly #waiting: Waiter[] = [];
  readonly #waitingInBackground: Waiter[] = [];

  constructor(
    count: number,
    private readonly signal: AbortSignal,
  ) {
    if (!Number.isInteger(count) || count < 1) {
      throw new UsageError('concurrency', `must be a positive integer, not ${count}`);
    }
    this.#free = count;
    signal.addEventListener('abort', () => this.#refuseAll(), { once: true });
  }

  /** Resolves with a release function once a slot is free; rejects once `signal` aborts. */
  acquire(background = false): Promise<() => void> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason as Error);
    if (this.#free > 0) {
      this.#free -= 1;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      (background ? this.#waitingInBackground : this.#waiting).push({ grant: () => resolve(this.#releaser()), refuse: reject });
    });
  }

  #refuseAll(): void {
    for (const waiter of [...this.#waiting.splice(0), ...this.#waitingInBackground.splice(0)])
      waiter.refuse(this.signal.reason as Error);
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift() ?? this.#waitingInBackground.shift();
      if (next === undefined) this.#free += 1;
      else next.grant();
    };
  }
}

interface Waiter {
  readonly grant: () => void;
  readonly refuse: (reason: Error) => void;
}

/**
 * A token bucket of depth one: starts are spaced at least `1000 / ratePerSecond` ms apart, with
 * no burst, so "20 per second" never means 20 at once.
 */
export class StartPacer {
  readonly #intervalMs: number;
  #nextStartAt = 0;

  constructor(ratePerSecond: number) {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
      throw new UsageError('ratePerSecond', `must be a positive number, not ${ratePerSecond}`);
    }
    this.#intervalMs = 1000 / ratePerSecond;
  }

  /** Resolves when the caller may start; the reservation is made at call time, so order is kept. */
  async take(signal: AbortSignal): Promise<void> {
    const now = performance.now();
    const startAt = Math.max(now, this.#nextStartAt);
    this.#nextStartAt = startAt + this.#intervalMs;
    await sleep(startAt - now, signal);
  }
}
