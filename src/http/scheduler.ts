/**
 * http/scheduler: the one request queue of a run. It numbers exchanges, caps concurrency and
 * rate, honours Retry-After, and ends everything promptly at the run deadline.
 */
import { setMaxListeners } from 'node:events';
import { UsageError } from '../core/errors.js';
import { Slots, StartPacer, sleep } from './pacing.js';
import { errorExchange, exchangeId, startClock } from './record.js';
import { parseRetryAfter } from './retry-after.js';
import type { ApiRequest, Exchange, RecordedRequest, SchedulableTransport, Transport, TransportError } from './types.js';

/** How the run's queue behaves. */
export interface SchedulerOptions {
  /**
   * Requests in flight at once (a request waiting out a Retry-After keeps its slot).
   * @default 4
   */
  readonly concurrency?: number;
  /**
   * Request starts per second, retries included; unlimited when absent.
   * @default undefined
   */
  readonly ratePerSecond?: number;
  /**
   * Retries after a 429/503 that carries a valid Retry-After. A 429/503 without one is returned as is.
   * @default 3
   */
  readonly maxRetries?: number;
  /**
   * Longest single Retry-After wait; a longer one is cut to this.
   * @default 30000
   */
  readonly maxRetryAfterMs?: number;
  /**
   * The whole run's deadline (epoch ms). After it, every queued and in-flight request resolves
   * at once with `CT_RUN_DEADLINE`.
   * @default undefined (no deadline)
   */
  readonly runDeadline?: number;
  /**
   * Cancels the run like a passed deadline.
   * @default undefined
   */
  readonly signal?: AbortSignal;
}

/** Counters for the run summary. */
export interface SchedulerStats {
  /** Exchanges submitted. */
  readonly total: number;
  /** Exchanges that needed at least one retry. */
  readonly retried: number;
  /** Retries made in all (attempts beyond the first). */
  readonly retryAttempts: number;
  /** Exchanges that ended with a transport error (throttled and deadline included). */
  readonly transportErrors: number;
}

/** How one request waits for its slot. */
export interface QueueOptions {
  /**
   * Queued behind every request not in the background: for a caller that keeps a backlog of
   * requests waiting (the fuzz properties), so that it only fills spare slots.
   * @default false
   */
  readonly background?: boolean;
}

/** A Transport that queues, paces and retries; it owns (and closes) the transport it wraps. */
export interface Scheduler extends Transport {
  /**
   * Like `send`, with the exchange id chosen by the caller: the engine numbers exchanges per
   * check, so that ids (and the `x-conformance-case-id` header) do not depend on how
   * concurrent checks interleave.
   */
  sendAs(request: ApiRequest, id: string, options?: QueueOptions): Promise<Exchange>;
  stats(): SchedulerStats;
  /** Requests in flight at most. */
  readonly concurrency: number;
}

const THROTTLE_STATUSES = new Set([429, 503]);
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** The wait a throttled response asks for, or undefined when it should not be retried. */
function retryDelayOf(exchange: Exchange): number | undefined {
  const response = exchange.response;
  if (response === undefined || !THROTTLE_STATUSES.has(response.status)) return undefined;
  return parseRetryAfter(response.headers['retry-after']);
}

/** Wraps `transport` in the run's queue. Throws a UsageError for an impossible option. */
export function createScheduler(transport: SchedulableTransport, options: SchedulerOptions = {}): Scheduler {
  const maxRetries = options.maxRetries ?? 3;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new UsageError('maxRetries', `must be a non-negative integer, not ${maxRetries}`);
  }
  if (!(maxRetryAfterMs >= 0)) throw new UsageError('maxRetryAfterMs', `must be 0 or more, not ${maxRetryAfterMs}`);
  const concurrency = options.concurrency ?? 4;
  const pacer = options.ratePerSecond === undefined ? undefined : new StartPacer(options.ratePerSecond);
  let submitted = 0;
  const counters = { total: 0, retried: 0, retryAttempts: 0, transportErrors: 0 };

  const run = new AbortController();
  const slots = new Slots(concurrency, run.signal);
  // Every request in flight or pacing listens for the end of the run: up to `concurrency` of them.
  setMaxListeners(0, run.signal);
  let endMessage = 'the run deadline passed before this request finished';
  // What ends each unsettled request at the end of the run: a set, not one listener per request.
  const unsettled = new Set<() => void>();
  const endRun = (message: string): void => {
    if (run.signal.aborted) return;
    endMessage = message;
    run.abort();
    for (const end of unsettled) end();
    unsettled.clear();
  };
  let deadlineTimer: NodeJS.Timeout | undefined;
  const armDeadline = (deadline: number): void => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      endRun('the run deadline passed before this request finished');
      return;
    }
    // Re-armed in steps because timers cannot wait longer than about 24.8 days at once.
    deadlineTimer = setTimeout(() => armDeadline(deadline), Math.min(remaining, LONGEST_TIMER_MS));
    // The deadline alone must not keep a finished process alive.
    deadlineTimer.unref();
  };
  if (options.runDeadline !== undefined) armDeadline(options.runDeadline);
  const onExternalAbort = (): void => endRun('the run was cancelled before this request finished');
  if (options.signal?.aborted === true) onExternalAbort();
  else options.signal?.addEventListener('abort', onExternalAbort, { once: true });

  interface Progress {
    attempts: number;
    elapsed?: () => number;
  }

  const endedExchange = (id: string, request: RecordedRequest, progress: Progress): Exchange => {
    const error: TransportError = { code: 'CT_RUN_DEADLINE', message: endMessage };
    return errorExchange(id, request, error, progress.elapsed?.() ?? 0, progress.attempts);
  };

  const attemptUntilSettled = async (
    request: ApiRequest,
    id: string,
    progress: Progress,
    background: boolean,
  ): Promise<Exchange> => {
    const release = await slots.acquire(background);
    try {
      progress.elapsed = startClock();
      for (;;) {
        await pacer?.take(run.signal);
        progress.attempts += 1;
        const exchange = await transport.sendWith(request, { id, signal: run.signal });
        // A 401 answered by renewing the OAuth token sends the request a second time.
        progress.attempts += Math.max(0, exchange.attempts - 1);
        const settled = { ...exchange, attempts: progress.attempts, durationMs: progress.elapsed() };
        const wait = retryDelayOf(exchange);
        if (wait === undefined) return settled;
        if (progress.attempts > maxRetries) {
          const status = exchange.response?.status ?? 0;
          const retryAfter = exchange.response?.headers['retry-after'] ?? '';
          const error: TransportError = {
            code: 'CT_THROTTLED',
            message: `still ${status} after ${progress.attempts} attempts (last Retry-After: ${retryAfter})`,
          };
          return errorExchange(id, exchange.request, error, settled.durationMs, progress.attempts);
        }
        await sleep(Math.min(wait, maxRetryAfterMs), run.signal);
      }
    } finally {
      release();
    }
  };

  const count = (exchange: Exchange): Exchange => {
    if (exchange.attempts > 1) {
      counters.retried += 1;
      counters.retryAttempts += exchange.attempts - 1;
    }
    if (exchange.transportError !== undefined) counters.transportErrors += 1;
    return exchange;
  };

  const send = (request: ApiRequest): Promise<Exchange> => sendAs(request, exchangeId(submitted + 1));

  const sendAs = async (request: ApiRequest, id: string, queueOptions: QueueOptions = {}): Promise<Exchange> => {
    // Recording first makes an unavailable identity fail at submission, before it takes a slot
    // or a number, so the ids of a sequential run stay the same whatever was skipped.
    const recorded = transport.describeRequest(request, id);
    submitted += 1;
    counters.total += 1;
    const progress: Progress = { attempts: 0 };
    if (run.signal.aborted) return count(endedExchange(id, recorded, progress));

    // Settles with the attempt's exchange, or at the end of the run, whichever comes first.
    const settled = new Promise<Exchange>((resolve, reject) => {
      const onEnd = (): void => resolve(endedExchange(id, recorded, progress));
      unsettled.add(onEnd);
      attemptUntilSettled(request, id, progress, queueOptions.background === true).then(
        (exchange) => {
          unsettled.delete(onEnd);
          resolve(exchange);
        },
        (error: unknown) => {
          unsettled.delete(onEnd);
          // Once the run has ended, the abandoned attempt's rejection (an AbortError) is of no interest.
          if (!run.signal.aborted) reject(error);
        },
      );
    });
    return count(await settled);
  };

  return {
    send,
    sendAs,
    stats: () => ({ ...counters }),
    concurrency,
    close: async () => {
      clearTimeout(deadlineTimer);
      options.signal?.removeEventListener('abort', onExternalAbort);
      endRun('the scheduler was closed before this request finished');
      await transport.close();
    },
  };
}
