import { describe, expect, it } from 'vitest';
import { PushbackControl, MIN_RATE } from '../../src/http/pushback.js';
import { backoffMs, decideRetry, type RetryLimits } from '../../src/http/retry-policy.js';
import type { Exchange, TransportError } from '../../src/http/types.js';

const LIMITS: RetryLimits = { maxThrottleRetries: 2, maxTransportRetries: 2, maxRetryAfterMs: 5_000 };
const request = { method: 'GET', url: 'http://t/x', headers: {}, identity: 'primary' } as const;
const answered = (status: number, headers: Record<string, string> = {}): Exchange => ({
  id: 'x',
  request,
  response: { status, headers, bodyText: '', bodyTruncated: false },
  attempts: 1,
  durationMs: 1,
});
const failed = (transportError: TransportError): Exchange => ({ id: 'x', request, transportError, attempts: 1, durationMs: 1 });
const none = { throttled: 0, transient: 0 };
const half = (): number => 0.5;

describe('decideRetry', () => {
  it('settles any answer but 429 and 503', () => {
    for (const status of [200, 400, 401, 404, 500, 502])
      expect(decideRetry(answered(status, { 'retry-after': '1' }), none, LIMITS, { targetHasAnswered: true })).toEqual({
        kind: 'settle',
      });
  });

  it('waits what Retry-After asks, in seconds or as a date, cut to the maximum', () => {
    const context = { targetHasAnswered: true };
    expect(decideRetry(answered(429, { 'retry-after': '2' }), none, LIMITS, context)).toEqual({
      kind: 'retry',
      because: 'throttled',
      delayMs: 2000,
    });
    const inTen = new Date(Date.now() + 10_000).toUTCString();
    expect(decideRetry(answered(503, { 'retry-after': inTen }), none, LIMITS, context)).toMatchObject({ delayMs: 5000 });
  });

  it('backs off exponentially without a Retry-After, then gives up as rate-limited', () => {
    const context = { targetHasAnswered: true, random: half };
    expect(decideRetry(answered(429), none, LIMITS, context)).toMatchObject({ delayMs: 75 });
    expect(decideRetry(answered(429), { throttled: 1, transient: 0 }, LIMITS, context)).toMatchObject({ delayMs: 150 });
    expect(decideRetry(answered(429), { throttled: 2, transient: 0 }, LIMITS, context)).toEqual({
      kind: 'give-up',
      error: { code: 'CT_THROTTLED', message: 'rate-limited: still 429 after 3 attempts (no Retry-After)' },
    });
  });

  it('lets a 503 without Retry-After stand as the answer after two retries: a failing server must be seen', () => {
    const context = { targetHasAnswered: true, random: half };
    const many: RetryLimits = { ...LIMITS, maxThrottleRetries: 8 };
    expect(decideRetry(answered(503), { throttled: 1, transient: 0 }, many, context)).toMatchObject({ kind: 'retry' });
    expect(decideRetry(answered(503), { throttled: 2, transient: 0 }, many, context)).toEqual({ kind: 'settle' });
    expect(decideRetry(answered(503, { 'retry-after': '0' }), { throttled: 2, transient: 0 }, many, context)).toMatchObject({
      kind: 'retry',
    });
  });

  it('resends transient failures only, a bounded number of times, timeouts once the target answered', () => {
    const reset: TransportError = { code: 'CT_CONNECTION', message: 'reset', transient: true };
    const refused: TransportError = { code: 'CT_CONNECTION', message: 'refused' };
    const timeout: TransportError = { code: 'CT_TIMEOUT', message: 'slow', transient: true };
    const context = { targetHasAnswered: true, random: half };
    expect(decideRetry(failed(reset), none, LIMITS, context)).toEqual({ kind: 'retry', because: 'transient', delayMs: 75 });
    expect(decideRetry(failed(reset), { throttled: 0, transient: 2 }, LIMITS, context)).toEqual({ kind: 'settle' });
    expect(decideRetry(failed(refused), none, LIMITS, context)).toEqual({ kind: 'settle' });
    expect(decideRetry(failed(timeout), none, LIMITS, context)).toMatchObject({ kind: 'retry' });
    expect(decideRetry(failed(timeout), none, LIMITS, { targetHasAnswered: false })).toEqual({ kind: 'settle' });
  });

  it('caps the backoff', () => {
    expect(backoffMs(30, () => 1)).toBe(10_000);
  });
});

describe('PushbackControl', () => {
  it('halves in flight and rate at a pushback, once per window, and recovers additively', () => {
    const control = new PushbackControl(8);
    let now = 0;
    // Starts 10 ms apart: 100 per second.
    const epochs = Array.from({ length: 8 }, () => control.started((now += 10)));
    control.pushedBack(epochs[0]!, now);
    control.pushedBack(epochs[1]!, now + 1);
    expect(control.inFlight).toBe(4);
    expect(control.intervalMs).toBeCloseTo(20, 0);
    expect(control.counts).toEqual({ pushbacks: 2, decreases: 1 });
    // Grown by an eighth of the halved rate per answer: 8 answers bring it back to 100 per second.
    for (let i = 0; i < 8; i += 1) control.answered();
    expect(control.intervalMs).toBeCloseTo(10, 5);
    control.answered();
    // Back above the rate that drew the pushback: the brake is lifted.
    expect(control.intervalMs).toBe(0);
    for (let i = 0; i < 100; i += 1) control.answered();
    expect(control.inFlight).toBe(8);
  });

  it('never goes below one request in flight and MIN_RATE', () => {
    const control = new PushbackControl(4);
    let now = 0;
    for (let i = 0; i < 20; i += 1) control.pushedBack(control.started((now += 2000)), now);
    expect(control.inFlight).toBe(1);
    expect(control.intervalMs).toBe(1000 / MIN_RATE);
  });
});
