import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../src/http/http-transport.js';
import { createInProcessTransport } from '../../src/http/in-process-transport.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../src/http/scheduler.js';
import { RESOLVED, sampleRequest } from './support/fixtures.js';
import { startHttpServer, type TestServer } from './support/servers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serverAnswering(answer: (response: ServerResponse, attempt: number) => void): Promise<TestServer> {
  let attempt = 0;
  const server = await startHttpServer((_request, response) => {
    attempt += 1;
    answer(response, attempt);
  });
  cleanups.push(() => server.close());
  return server;
}

function schedulerFor(server: TestServer, options: SchedulerOptions = {}, requestTimeoutMs = 5_000): Scheduler {
  const transport = createHttpTransport({
    baseUrl: server.url,
    credentials: RESOLVED.credentials,
    env: {},
    requestTimeoutMs,
  });
  const scheduler = createScheduler(transport, options);
  cleanups.push(() => scheduler.close());
  return scheduler;
}

describe('createScheduler and Retry-After', () => {
  it.each(['0', '1'])('retries a 429 with Retry-After: %s, then passes', async (retryAfter) => {
    const server = await serverAnswering((response, attempt) => {
      if (attempt === 1) response.writeHead(429, { 'retry-after': retryAfter }).end();
      else response.end('{"ok":true}');
    });
    const scheduler = schedulerFor(server);
    const exchange = await scheduler.send(sampleRequest());

    expect(exchange.response?.status).toBe(200);
    expect(exchange.attempts).toBe(2);
    expect(exchange.durationMs).toBeGreaterThanOrEqual(Number(retryAfter) * 1000 - 50);
    expect(server.seen.map((seen) => seen.headers['x-conformance-case-id'])).toEqual(['ex-000001', 'ex-000001']);
    expect(scheduler.stats()).toEqual({ total: 1, retried: 1, retryAttempts: 1, transportErrors: 0, throttled: 1, answered: 2 });
  });

  it('retries a 503 whose Retry-After is an HTTP-date in the past', async () => {
    const server = await serverAnswering((response, attempt) => {
      if (attempt === 1) response.writeHead(503, { 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' }).end();
      else response.end('{}');
    });
    const exchange = await schedulerFor(server).send(sampleRequest());

    expect(exchange.response?.status).toBe(200);
    expect(exchange.attempts).toBe(2);
  });

  it('cuts a long Retry-After to maxRetryAfterMs', async () => {
    const server = await serverAnswering((response, attempt) => {
      if (attempt === 1) response.writeHead(429, { 'retry-after': '3600' }).end();
      else response.end('{}');
    });
    const exchange = await schedulerFor(server, { maxRetryAfterMs: 50 }).send(sampleRequest());

    expect(exchange.response?.status).toBe(200);
    expect(exchange.durationMs).toBeLessThan(5_000);
  });

  it('gives up with CT_THROTTLED after maxRetries, counting every attempt', async () => {
    const server = await serverAnswering((response) => response.writeHead(429, { 'retry-after': '0' }).end());
    const scheduler = schedulerFor(server, { maxRetries: 3 });
    const exchange = await scheduler.send(sampleRequest());

    expect(exchange.response).toBeUndefined();
    expect(exchange.transportError?.code).toBe('CT_THROTTLED');
    expect(exchange.attempts).toBe(4);
    expect(server.seen).toHaveLength(4);
    expect(scheduler.stats()).toEqual({ total: 1, retried: 1, retryAttempts: 3, transportErrors: 1, throttled: 4, answered: 4 });
  });

  it.each([
    [503, undefined],
    [429, undefined],
    [429, 'later'],
  ])('backs off exponentially and retries a %d with Retry-After %j', async (status, retryAfter) => {
    const server = await serverAnswering((response, attempt) => {
      if (attempt <= 2)
        response.writeHead(status, retryAfter === undefined ? {} : { 'retry-after': retryAfter }).end('{"errors":[]}');
      else response.end('{}');
    });
    const scheduler = schedulerFor(server);
    const exchange = await scheduler.send(sampleRequest());

    expect(exchange.response?.status).toBe(200);
    expect(exchange.attempts).toBe(3);
    // Waits of 50–100 ms, then 100–200 ms (BACKOFF_BASE_MS doubled, jittered).
    expect(exchange.durationMs).toBeGreaterThanOrEqual(140);
    expect(scheduler.stats()).toMatchObject({ throttled: 2, retried: 1, retryAttempts: 2 });
  });

  it('gives up on a 429 without Retry-After after maxRetries, saying rate-limited', async () => {
    const server = await serverAnswering((response) => response.writeHead(429).end());
    const exchange = await schedulerFor(server, { maxRetries: 2 }).send(sampleRequest());

    expect(exchange.transportError).toEqual({
      code: 'CT_THROTTLED',
      message: 'rate-limited: still 429 after 3 attempts (no Retry-After)',
    });
    expect(server.seen).toHaveLength(3);
  });

  it('does not retry other statuses that carry Retry-After', async () => {
    const server = await serverAnswering((response) => response.writeHead(500, { 'retry-after': '0' }).end());
    const exchange = await schedulerFor(server).send(sampleRequest());

    expect(exchange.attempts).toBe(1);
    expect(server.seen).toHaveLength(1);
  });
});

describe('createScheduler pacing', () => {
  it('never has more requests in flight than the concurrency cap', async () => {
    const cap = 3;
    let inFlight = 0;
    let maxInFlight = 0;
    const held: ServerResponse[] = [];
    const releaseHeld = (): void => {
      for (const response of held.splice(0)) {
        inFlight -= 1;
        response.end('{}');
      }
    };
    const server = await startHttpServer((_request, response) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      held.push(response);
      // Answer once the cap is reached, so a scheduler that lets a fourth through would be seen.
      if (held.length >= cap) setTimeout(releaseHeld, 30);
    });
    cleanups.push(() => server.close());
    const scheduler = schedulerFor(server, { concurrency: cap });
    const exchanges = await Promise.all(Array.from({ length: 12 }, () => scheduler.send(sampleRequest())));

    expect(exchanges.every((exchange) => exchange.response?.status === 200)).toBe(true);
    expect(server.seen).toHaveLength(12);
    expect(maxInFlight).toBe(cap);
  });

  it('starts requests no faster than ratePerSecond', async () => {
    const server = await serverAnswering((response) => response.end('{}'));
    const scheduler = schedulerFor(server, { ratePerSecond: 20, concurrency: 5 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => scheduler.send(sampleRequest())));

    // Five starts at 20/s are four 50 ms gaps apart; timers may fire a millisecond early.
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
    // At the server the first request also paid for the connection, so its lead can shrink a little.
    const arrivals = server.seen.map((seen) => seen.atMs);
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(150);
  });

  it('numbers exchanges in submission order', async () => {
    const server = await serverAnswering((response) => response.end('{}'));
    const scheduler = schedulerFor(server, { concurrency: 1 });
    const exchanges = await Promise.all([
      scheduler.send(sampleRequest()),
      scheduler.send(sampleRequest('none')),
      scheduler.send(sampleRequest()),
    ]);

    expect(exchanges.map((exchange) => exchange.id)).toEqual(['ex-000001', 'ex-000002', 'ex-000003']);
    expect(server.seen.map((seen) => seen.headers['x-conformance-case-id'])).toEqual(['ex-000001', 'ex-000002', 'ex-000003']);
  });

  it('rejects an unavailable identity at submission without using a slot or a number', async () => {
    const transport = createInProcessTransport({
      handler: () => ({ status: 200, headers: {}, body: '{}' }),
      credentials: { ...RESOLVED.credentials, forbidden: undefined },
    });
    const scheduler = createScheduler(transport, { concurrency: 1 });
    cleanups.push(() => scheduler.close());

    await expect(scheduler.send(sampleRequest('forbidden'))).rejects.toThrow(/identityAvailable/u);
    const next = await scheduler.send(sampleRequest());
    expect(next.id).toBe('ex-000001');
    expect(next.response?.status).toBe(200);
    expect(scheduler.stats().total).toBe(1);
  });
});

describe('createScheduler options', () => {
  const transport = createInProcessTransport({
    handler: () => ({ status: 200, headers: {}, body: '' }),
    credentials: RESOLVED.credentials,
  });

  it.each([
    [{ concurrency: 0 }, /^concurrency: /u],
    [{ concurrency: 1.5 }, /^concurrency: /u],
    [{ ratePerSecond: 0 }, /^ratePerSecond: /u],
    [{ ratePerSecond: Number.POSITIVE_INFINITY }, /^ratePerSecond: /u],
    [{ maxRetries: -1 }, /^maxRetries: /u],
    [{ maxRetryAfterMs: Number.NaN }, /^maxRetryAfterMs: /u],
  ] as const)('refuses %j', (options, message) => {
    expect(() => createScheduler(transport, options)).toThrow(message);
  });
});

describe('createScheduler and the run deadline', () => {
  it('resolves in-flight and queued requests promptly with CT_RUN_DEADLINE', async () => {
    // A target that never answers, and a per-request timeout far beyond the test.
    const server = await serverAnswering(() => {});
    const scheduler = schedulerFor(server, { concurrency: 1, runDeadline: Date.now() + 500 }, 60_000);
    const started = performance.now();
    const exchanges = await Promise.all(Array.from({ length: 4 }, () => scheduler.send(sampleRequest())));

    expect(performance.now() - started).toBeLessThan(5_000);
    expect(exchanges.map((exchange) => exchange.transportError?.code)).toEqual(Array(4).fill('CT_RUN_DEADLINE'));
    expect(exchanges.map((exchange) => exchange.attempts)).toEqual([1, 0, 0, 0]);
    expect(server.seen).toHaveLength(1);
    expect(scheduler.stats()).toMatchObject({ total: 4, transportErrors: 4 });

    const late = await scheduler.send(sampleRequest());
    expect(late.transportError?.code).toBe('CT_RUN_DEADLINE');
    expect(server.seen).toHaveLength(1);
  });

  it('ends a Retry-After wait at the deadline', async () => {
    const server = await serverAnswering((response) => response.writeHead(429, { 'retry-after': '30' }).end());
    const scheduler = schedulerFor(server, { runDeadline: Date.now() + 300 });
    const exchange = await scheduler.send(sampleRequest());

    expect(exchange.transportError?.code).toBe('CT_RUN_DEADLINE');
    expect(exchange.attempts).toBe(1);
    expect(exchange.durationMs).toBeLessThan(5_000);
  });

  it('ends the run when the signal aborts', async () => {
    const server = await serverAnswering(() => {});
    const run = new AbortController();
    const scheduler = schedulerFor(server, { signal: run.signal, concurrency: 2 }, 60_000);
    const pending = Array.from({ length: 3 }, () => scheduler.send(sampleRequest()));
    // Abort once the target holds both in-flight requests, so in-flight and queued are both covered.
    await expect.poll(() => server.seen.length, { timeout: 10_000 }).toBe(2);
    run.abort();
    const exchanges = await Promise.all(pending);

    expect(exchanges.map((exchange) => exchange.transportError?.code)).toEqual(Array(3).fill('CT_RUN_DEADLINE'));
    expect(exchanges[0]?.transportError?.message).toMatch(/cancelled/u);
  });

  it('honours a deadline that has already passed', async () => {
    const transport = createInProcessTransport({
      handler: () => ({ status: 200, headers: {}, body: '{}' }),
      credentials: RESOLVED.credentials,
    });
    const scheduler = createScheduler(transport, { runDeadline: Date.now() - 1 });
    cleanups.push(() => scheduler.close());
    const exchange = await scheduler.send(sampleRequest());

    expect(exchange.transportError?.code).toBe('CT_RUN_DEADLINE');
    expect(exchange.attempts).toBe(0);
    expect(exchange.request.url).toContain('eventIds=1,2,3');
  });
});

describe('createScheduler and transient transport failures', () => {
  it('resends a GET whose connection was reset, and counts it as retried', async () => {
    const server = await serverAnswering((response, attempt) => {
      if (attempt <= 2) response.socket?.resetAndDestroy();
      else response.end('{}');
    });
    const scheduler = schedulerFor(server);
    const exchange = await scheduler.send(sampleRequest());

    expect(exchange.response?.status).toBe(200);
    expect(exchange.attempts).toBe(3);
    expect(scheduler.stats()).toMatchObject({ retried: 1, retryAttempts: 2, transportErrors: 0 });
  });

  it('lets a reset stand after maxTransportRetries', async () => {
    const server = await serverAnswering((response) => response.socket?.resetAndDestroy());
    const exchange = await schedulerFor(server, { maxTransportRetries: 1 }).send(sampleRequest());

    expect(exchange.transportError?.code).toBe('CT_CONNECTION');
    expect(exchange.attempts).toBe(2);
  });

  it('does not wait out a second timeout for a target that never answered', async () => {
    const server = await serverAnswering(() => {});
    const exchange = await schedulerFor(server, {}, 200).send(sampleRequest());

    expect(exchange.transportError?.code).toBe('CT_TIMEOUT');
    expect(exchange.attempts).toBe(1);
  });

  it('resends a timed-out request once the target has answered something', async () => {
    const server = await serverAnswering((response, attempt) => {
      if (attempt !== 2) response.end('{}');
    });
    const scheduler = schedulerFor(server, {}, 200);
    await scheduler.send(sampleRequest());
    const exchange = await scheduler.send(sampleRequest());

    expect(exchange.response?.status).toBe(200);
    expect(exchange.attempts).toBe(2);
  });

  it('stops the run once the target stops answering: one cause, the rest ended at once', async () => {
    let alive = true;
    const server = await serverAnswering((response) => {
      if (alive) response.end('{}');
      else response.socket?.destroy();
    });
    const scheduler = schedulerFor(server, { concurrency: 2, stopAfterFailures: 3, maxTransportRetries: 0 });
    await scheduler.send(sampleRequest());
    alive = false;
    const exchanges = await Promise.all(Array.from({ length: 20 }, () => scheduler.send(sampleRequest())));

    expect(scheduler.stopped()).toEqual({
      code: 'CT_STOPPED_ANSWERING',
      message: expect.stringMatching(/^the target stopped answering after 1 requests: /u) as string,
    });
    const codes = exchanges.map((exchange) => exchange.transportError?.code);
    expect(codes.filter((code) => code === 'CT_STOPPED_ANSWERING').length).toBeGreaterThan(10);
    // Only the failures that showed it, and what was in flight then, reached the target.
    expect(server.seen.length).toBeLessThan(8);
  });
});

describe('createScheduler slows down when the target pushes back', () => {
  it('halves the requests in flight at a pushback and grows them back once it stops', async () => {
    let inFlight = 0;
    const peaks: number[] = [];
    let pushing = true;
    const server = await startHttpServer((_request, response) => {
      inFlight += 1;
      peaks.push(inFlight);
      setTimeout(() => {
        inFlight -= 1;
        if (pushing && peaks.length <= 8) response.writeHead(429, { 'retry-after': '0' }).end();
        else response.end('{}');
      }, 5);
    });
    cleanups.push(() => server.close());
    const scheduler = schedulerFor(server, { concurrency: 8 });
    await Promise.all(Array.from({ length: 16 }, () => scheduler.send(sampleRequest())));
    // Pushed back: the next burst went at a fraction of 8.
    const afterPushback = Math.max(...peaks.slice(8, 16));
    expect(afterPushback).toBeLessThan(8);
    pushing = false;
    peaks.length = 0;
    await Promise.all(Array.from({ length: 400 }, () => scheduler.send(sampleRequest())));
    // Recovered: back to the full 8 in flight.
    expect(Math.max(...peaks)).toBe(8);
  });
});
