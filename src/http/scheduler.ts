/**
 * http/scheduler: the one request queue of a run. It numbers exchanges, caps concurrency and
 * rate, retries what is safe to retry (http/retry-policy), slows down when the target pushes
 * back (http/pushback), stops the run once the target stops answering, and ends everything
 * promptly at the run deadline.
 */
import { setMaxListeners } from 'node:events';
import { whenAborted } from './abort-fanout.js';
import { UsageError } from '../core/errors.js';
import { Slots, StartPacer, sleep } from './pacing.js';
import { PushbackControl } from './pushback.js';
import { errorExchange, exchangeId, startClock } from './record.js';
import { decideRetry, isPushback, type RetryLimits } from './retry-policy.js';
import type {
  ApiRequest,
  Exchange,
  RecordedRequest,
  SchedulableTransport,
  Transport,
  TransportError,
  TransportErrorCode,
} from './types.js';

/** How the run's queue behaves. */
export interface SchedulerOptions {
  /**
   * Requests in flight at once, at most: fewer while the target pushes back. A request waiting
   * to be retried is not in flight.
   * @default 4
   */
  readonly concurrency?: number;
  /**
   * Request starts per second, retries included; unlimited when absent.
   * @default undefined
   */
  readonly ratePerSecond?: number;
  /**
   * Retries after a 429/503: after the wait its Retry-After asks for, or an exponential backoff
   * when it has none. Then the exchange ends `CT_THROTTLED`.
   * @default 8
   */
  readonly maxRetries?: number;
  /**
   * Retries after a transient transport failure (reset, socket closed before the answer,
   * timeout once the target has answered something), each after an exponential backoff. Six
   * retries make a target that resets one connection in five lose one request in 78 000.
   * @default 6
   */
  readonly maxTransportRetries?: number;
  /**
   * Exchanges in a row that end without any answer (after their retries) before the run is
   * stopped as "the target stopped answering": what is queued and in flight then ends at once
   * with `CT_STOPPED_ANSWERING`.
   * @default 8
   */
  readonly stopAfterFailures?: number;
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
  /** Attempts the target answered 429 or 503 (each was waited out and retried, or ended `CT_THROTTLED`). */
  readonly throttled: number;
  /** Attempts the target answered with a whole response (pushbacks included). */
  readonly answered: number;
}

/**
 * Why the run's queue stopped before it was closed, if it did, with the code of the suite error
 * that names it (`CT_RUN_TIMEOUT`, `CT_INTERRUPTED`, `CT_STOPPED_ANSWERING`).
 */
export interface QueueStop {
  readonly code: 'CT_RUN_TIMEOUT' | 'CT_INTERRUPTED' | 'CT_STOPPED_ANSWERING';
  readonly message: string;
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
  /** Why the queue stopped early (deadline, cancelled, the target stopped answering); undefined while it runs. */
  stopped(): QueueStop | undefined;
  /** Requests in flight at most. */
  readonly concurrency: number;
}

const LONGEST_TIMER_MS = 2 ** 31 - 1;
/** Transport errors that mean the target did not answer (not the kit's own stop, not a pushback). */
const NO_ANSWER_CODES: ReadonlySet<TransportErrorCode> = new Set(['CT_CONNECTION', 'CT_TIMEOUT', 'CT_PROTOCOL']);

/** Wraps `transport` in the run's queue. Throws a UsageError for an impossible option. */
export function createScheduler(transport: SchedulableTransport, options: SchedulerOptions = {}): Scheduler {
  const limits = retryLimitsOf(options);
  const stopAfterFailures = nonNegativeInteger('stopAfterFailures', options.stopAfterFailures ?? 8);
  const concurrency = options.concurrency ?? 4;
  const run = new AbortController();
  const pushback = new PushbackControl(concurrency);
  const slots = new Slots(concurrency, run.signal, () => pushback.inFlight);
  const pacer = new StartPacer(options.ratePerSecond, () => pushback.intervalMs);
  let submitted = 0;
  const counters = { total: 0, retried: 0, retryAttempts: 0, transportErrors: 0, throttled: 0, answered: 0 };
  let failedInARow = 0;

  // Every request in flight or pacing listens for the end of the run: up to `concurrency` of them.
  setMaxListeners(0, run.signal);
  let stop: QueueStop | undefined;
  let endMessage = 'the scheduler was closed before this request finished';
  const endRun = (why: QueueStop | undefined, message: string): void => {
    if (run.signal.aborted) return;
    stop = why;
    endMessage = message;
    run.abort();
  };
  const deadlineMessage = 'the run deadline passed before this request finished';
  const deadline = armDeadline(options.runDeadline, () =>
    endRun({ code: 'CT_RUN_TIMEOUT', message: 'the run timeout (--run-timeout) passed' }, deadlineMessage),
  );
  const onExternalAbort = (): void =>
    endRun({ code: 'CT_INTERRUPTED', message: 'the run was cancelled' }, 'the run was cancelled before this request finished');
  if (options.signal?.aborted === true) onExternalAbort();
  else options.signal?.addEventListener('abort', onExternalAbort, { once: true });

  interface Progress {
    attempts: number;
    throttled: number;
    transient: number;
    elapsed?: () => number;
  }

  const endedExchange = (id: string, request: RecordedRequest, progress: Progress): Exchange => {
    const code: TransportErrorCode = stop?.code === 'CT_STOPPED_ANSWERING' ? 'CT_STOPPED_ANSWERING' : 'CT_RUN_DEADLINE';
    const error: TransportError = { code, message: endMessage };
    return errorExchange(id, request, error, progress.elapsed?.() ?? 0, progress.attempts);
  };

  /** One attempt, in a slot and at the pace the target allows. */
  const attemptOnce = async (request: ApiRequest, id: string, progress: Progress, background: boolean): Promise<Exchange> => {
    const release = await slots.acquire(background);
    try {
      progress.elapsed ??= startClock();
      await pacer.take(run.signal);
      const epoch = pushback.started(performance.now());
      progress.attempts += 1;
      const exchange = await transport.sendWith(request, { id, signal: run.signal });
      // A 401 answered by renewing the OAuth token sends the request a second time.
      progress.attempts += Math.max(0, exchange.attempts - 1);
      if (exchange.response !== undefined) counters.answered += 1;
      if (isPushback(exchange)) {
        counters.throttled += 1;
        pushback.pushedBack(epoch, performance.now());
      } else if (exchange.response !== undefined) pushback.answered();
      return { ...exchange, attempts: progress.attempts, durationMs: progress.elapsed() };
    } finally {
      release();
    }
  };

  const attemptUntilSettled = async (
    request: ApiRequest,
    id: string,
    progress: Progress,
    background: boolean,
  ): Promise<Exchange> => {
    for (;;) {
      const exchange = await attemptOnce(request, id, progress, background);
      const decision = decideRetry(exchange, progress, limits, { targetHasAnswered: counters.answered > 0 });
      if (decision.kind === 'settle') return exchange;
      if (decision.kind === 'give-up')
        return errorExchange(id, exchange.request, decision.error, exchange.durationMs, progress.attempts);
      progress[decision.because] += 1;
      await sleep(decision.delayMs, run.signal);
    }
  };

  /** Counts a settled exchange, and stops the run once too many in a row had no answer at all. */
  const count = (exchange: Exchange): Exchange => {
    if (exchange.attempts > 1) {
      counters.retried += 1;
      counters.retryAttempts += exchange.attempts - 1;
    }
    const error = exchange.transportError;
    if (error !== undefined) counters.transportErrors += 1;
    if (error === undefined || error.code === 'CT_THROTTLED') failedInARow = 0;
    else if (NO_ANSWER_CODES.has(error.code)) {
      failedInARow += 1;
      if (stopAfterFailures > 0 && failedInARow >= stopAfterFailures) {
        const message =
          counters.answered === 0
            ? `the target does not answer: ${error.message}`
            : `the target stopped answering after ${counters.answered} requests: ${error.message}`;
        endRun({ code: 'CT_STOPPED_ANSWERING', message }, `${message}; the run was stopped`);
      }
    }
    return exchange;
  };

  const send = (request: ApiRequest): Promise<Exchange> => sendAs(request, exchangeId(submitted + 1));

  const sendAs = async (request: ApiRequest, id: string, queueOptions: QueueOptions = {}): Promise<Exchange> => {
    // Recording first makes an unavailable identity fail at submission, before it takes a slot
    // or a number, so the ids of a sequential run stay the same whatever was skipped.
    const recorded = transport.describeRequest(request, id);
    submitted += 1;
    counters.total += 1;
    const progress: Progress = { attempts: 0, throttled: 0, transient: 0 };
    if (run.signal.aborted) return count(endedExchange(id, recorded, progress));

    // Settles with the attempt's exchange, or at the end of the run, whichever comes first.
    const settled = new Promise<Exchange>((resolve, reject) => {
      // Ends the request when the run ends (whenAborted: one listener for all of the run's requests).
      const stopListening = whenAborted(run.signal, () => resolve(endedExchange(id, recorded, progress)));
      attemptUntilSettled(request, id, progress, queueOptions.background === true).then(
        (exchange) => {
          stopListening();
          resolve(exchange);
        },
        (error: unknown) => {
          stopListening();
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
    stopped: () => stop,
    concurrency,
    close: async () => {
      deadline.clear();
      options.signal?.removeEventListener('abort', onExternalAbort);
      endRun(stop, endMessage);
      await transport.close();
    },
  };
}

function nonNegativeInteger(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new UsageError(option, `must be a non-negative integer, not ${value}`);
  return value;
}

function retryLimitsOf(options: SchedulerOptions): RetryLimits {
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  if (!(maxRetryAfterMs >= 0)) throw new UsageError('maxRetryAfterMs', `must be 0 or more, not ${maxRetryAfterMs}`);
  return {
    maxThrottleRetries: nonNegativeInteger('maxRetries', options.maxRetries ?? 8),
    maxTransportRetries: nonNegativeInteger('maxTransportRetries', options.maxTransportRetries ?? 6),
    maxRetryAfterMs,
  };
}

/** Calls `onPassed` once the epoch-ms deadline passes (at once if it has); `clear` disarms it. */
function armDeadline(deadline: number | undefined, onPassed: () => void): { clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    if (deadline === undefined) return;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      onPassed();
      return;
    }
    // Re-armed in steps because timers cannot wait longer than about 24.8 days at once.
    timer = setTimeout(arm, Math.min(remaining, LONGEST_TIMER_MS));
    // The deadline alone must not keep a finished process alive.
    timer.unref();
  };
  arm();
  return { clear: () => clearTimeout(timer) };
}
