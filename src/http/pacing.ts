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
 * caller waiting on one answer at a time is not held behind it. The number of slots may
 * change while the run goes (`capacity` is asked each time): a smaller number only holds new
 * requests back, it never cuts one in flight. When `signal` aborts, every waiting request is
 * refused at once.
 */
export class Slots {
  #inUse = 0;
  readonly #capacity: () => number;
  readonly #waiting: Waiter[] = [];
  readonly #waitingInBackground: Waiter[] = [];

  constructor(
    count: number,
    private readonly signal: AbortSignal,
    capacity?: () => number,
  ) {
    if (!Number.isInteger(count) || count < 1) {
      throw new UsageError('concurrency', `must be a positive integer, not ${count}`);
    }
    this.#capacity = capacity ? () => Math.max(1, Math.min(count, capacity())) : () => count;
    signal.addEventListener('abort', () => this.#refuseAll(), { once: true });
  }

  /** Resolves with a release function once a slot is free; rejects once `signal` aborts. */
  acquire(background = false): Promise<() => void> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason as Error);
    const queued = this.#waiting.length + this.#waitingInBackground.length;
    if (queued === 0 && this.#inUse < this.#capacity()) {
      this.#inUse += 1;
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
      this.#inUse -= 1;
      while (this.#inUse < this.#capacity()) {
        const next = this.#waiting.shift() ?? this.#waitingInBackground.shift();
        if (next === undefined) return;
        this.#inUse += 1;
        next.grant();
      }
    };
  }
}

interface Waiter {
  readonly grant: () => void;
  readonly refuse: (reason: Error) => void;
}

/**
 * A token bucket of depth one: starts are spaced at least `1000 / ratePerSecond` ms apart, with
 * no burst, so "20 per second" never means 20 at once. `extraIntervalMs`, asked at each start,
 * can space them further (the brake of a target that pushes back); without a rate the pacer
 * applies that brake alone.
 */
export class StartPacer {
  readonly #intervalMs: number;
  readonly #extraIntervalMs: () => number;
  #nextStartAt = 0;

  constructor(ratePerSecond: number | undefined, extraIntervalMs: () => number = () => 0) {
    if (ratePerSecond !== undefined && (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond))) {
      throw new UsageError('ratePerSecond', `must be a positive number, not ${ratePerSecond}`);
    }
    this.#intervalMs = ratePerSecond === undefined ? 0 : 1000 / ratePerSecond;
    this.#extraIntervalMs = extraIntervalMs;
  }

  /** Resolves when the caller may start; the reservation is made at call time, so order is kept. */
  async take(signal: AbortSignal): Promise<void> {
    const now = performance.now();
    const startAt = Math.max(now, this.#nextStartAt);
    this.#nextStartAt = startAt + Math.max(this.#intervalMs, this.#extraIntervalMs());
    await sleep(startAt - now, signal);
  }
}
