/**
 * The yardstick for the engine's own cost: the same requests a run sends (same queries, same
 * credentials), recorded once, then replayed by a bare undici loop at the same concurrency.
 * The loop reads every body as text and judges nothing, so the gap to it is what checks,
 * observers, evidence and case generation cost.
 */
import { Agent } from 'undici';
import type { ReferenceHandler } from '../src/core/handler.js';
import { serveHandler } from '../src/reference/server.js';

/** A request as it reached the server: request-target and headers (real credentials included). */
export interface WireRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Headers of one connection, which a replay must not copy. */
const CONNECTION_HEADERS = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/**
 * Serves `handler` over HTTP while `drive(url)` runs, and returns every request it received,
 * in arrival order.
 */
export async function recordRequests(handler: ReferenceHandler, drive: (url: string) => Promise<void>): Promise<WireRequest[]> {
  const seen: WireRequest[] = [];
  const server = await serveHandler((request) => {
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !CONNECTION_HEADERS.has(name)));
    seen.push({ path: request.rawQuery === '' ? request.path : `${request.path}?${request.rawQuery}`, headers });
    return handler(request);
  });
  try {
    await drive(server.url);
  } finally {
    await server.close();
  }
  return seen;
}

/** Sends `requests` to `origin` with `concurrency` in flight; resolves with the seconds it took. */
export async function replay(
  origin: string,
  requests: readonly WireRequest[],
  concurrency: number,
): Promise<{ seconds: number; failures: number }> {
  const agent = new Agent({ connections: concurrency });
  let next = 0;
  let failures = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < requests.length; index = next++) {
      const { path, headers } = requests[index]!;
      try {
        const { body } = await agent.request({ origin, path, method: 'GET', headers });
        await body.text();
      } catch {
        failures += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return { seconds, failures };
}
