/**
 * http/retry-policy: what the run's queue does with one attempt's exchange. Every request the
 * kit sends is an idempotent GET, so resending it is always safe; the policy only bounds how
 * often, and how long to wait first.
 *
 * - 429 and 503 are the target pushing back: wait what `Retry-After` asks (seconds or an
 *   HTTP-date, cut to a maximum), or back off exponentially when it says nothing, then resend;
 *   after the bounded number of retries the exchange ends `CT_THROTTLED` ("rate-limited").
 *   A 503 without a Retry-After is resent twice only, then stands as the answer: it may be a
 *   server failing on that request, which the checks must see (no request is answered 5xx).
 * - A transient transport failure (reset, socket closed before the answer, timeout) is resent
 *   after an exponential backoff, a bounded number of times; then it stands. A timeout is
 *   resent only once the target has answered something: a target that never answered is not
 *   waited for twice, so "does not answer" still comes within one request timeout. (A refused
 *   connection, an unknown host, a TLS failure are not transient: they are not resent.)
 * - Anything else is the answer.
 */
import { parseRetryAfter } from './retry-after.js';
import type { Exchange, TransportError } from './types.js';

const THROTTLE_STATUSES = new Set([429, 503]);

/** First backoff wait, doubled at each retry, up to the cap; each wait is jittered (×0.5 to ×1). */
export const BACKOFF_BASE_MS = 100;
export const BACKOFF_CAP_MS = 10_000;

/** Retries of a 503 that asks for no particular wait, before it is judged as the answer it is. */
export const UNASKED_503_RETRIES = 2;

export interface RetryLimits {
  /** Retries after a 429/503. */
  readonly maxThrottleRetries: number;
  /** Retries after a transient transport failure. */
  readonly maxTransportRetries: number;
  /** Longest single wait a `Retry-After` can ask for. */
  readonly maxRetryAfterMs: number;
}

/** Retries this request has had so far, by kind. */
export interface RetriesSoFar {
  readonly throttled: number;
  readonly transient: number;
}

export type RetryDecision =
  | { readonly kind: 'settle' }
  | { readonly kind: 'retry'; readonly because: 'throttled' | 'transient'; readonly delayMs: number }
  | { readonly kind: 'give-up'; readonly error: TransportError };

/** Whether the exchange is the target pushing back (429 or 503). */
export function isPushback(exchange: Exchange): boolean {
  return exchange.response !== undefined && THROTTLE_STATUSES.has(exchange.response.status);
}

/** `BACKOFF_BASE_MS · 2^retry`, capped, with jitter so that retries of one burst do not come back together. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
  return Math.round(ceiling * (0.5 + random() / 2));
}

export function decideRetry(
  exchange: Exchange,
  retries: RetriesSoFar,
  limits: RetryLimits,
  context: { readonly targetHasAnswered: boolean; readonly random?: () => number },
): RetryDecision {
  const response = exchange.response;
  if (response !== undefined) {
    if (!THROTTLE_STATUSES.has(response.status)) return { kind: 'settle' };
    const retryAfter = response.headers['retry-after'];
    const asked = parseRetryAfter(retryAfter);
    if (response.status === 503 && asked === undefined && retries.throttled >= UNASKED_503_RETRIES) return { kind: 'settle' };
    if (retries.throttled >= limits.maxThrottleRetries) {
      const asked = retryAfter === undefined ? 'no Retry-After' : `last Retry-After: ${retryAfter}`;
      const message = `rate-limited: still ${response.status} after ${retries.throttled + 1} attempts (${asked})`;
      return { kind: 'give-up', error: { code: 'CT_THROTTLED', message } };
    }
    const delayMs = asked === undefined ? backoffMs(retries.throttled, context.random) : Math.min(asked, limits.maxRetryAfterMs);
    return { kind: 'retry', because: 'throttled', delayMs };
  }
  const error = exchange.transportError;
  if (error?.transient !== true || retries.transient >= limits.maxTransportRetries) return { kind: 'settle' };
  if (error.code === 'CT_TIMEOUT' && !context.targetHasAnswered) return { kind: 'settle' };
  return { kind: 'retry', because: 'transient', delayMs: backoffMs(retries.transient, context.random) };
}
