/**
 * A proxy that holds every request for a fixed delay before passing it on, so that a loopback
 * target answers like one a round trip away (a remote staging cluster). The benchmark measures
 * the latency floor through it: `requests × delay ÷ concurrency` is the least wall time any
 * client can reach, whatever its speed.
 *
 * Run alone: `node dist/bench/delay-proxy.js --upstream http://127.0.0.1:8080 --delay 50`
 * (first stdout line: the proxy's base URL). The benchmark starts it in a child process, so
 * that its own work does not share the measured client's thread.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

export interface DelayProxy {
  readonly url: string;
  close(): Promise<void>;
}

/** Headers that belong to one connection, never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
]);

function forwardable(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  return out;
}

/** Starts a proxy on a free loopback port in front of `upstream`, `delayMs` before every answer. */
export async function startDelayProxy(options: {
  readonly upstream: string;
  readonly delayMs: number;
  readonly port?: number;
}): Promise<DelayProxy> {
  // Enough upstream connections that the proxy never queues what the client sends in parallel.
  const pool = new Pool(options.upstream, { connections: 512, pipelining: 1 });
  const server = createServer((request, response) => {
    request.resume();
    void (async () => {
      try {
        await delay(options.delayMs);
        const answer = await pool.request({ method: 'GET', path: request.url ?? '/', headers: forwardable(request.headers) });
        const body = Buffer.from(await answer.body.arrayBuffer());
        response.writeHead(answer.statusCode, { ...forwardable(answer.headers), 'content-length': body.length });
        response.end(body);
      } catch (error) {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`delay proxy: ${(error as Error).message}`);
      }
    })();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.close();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { upstream: { type: 'string' }, delay: { type: 'string', default: '50' }, port: { type: 'string', default: '0' } },
  });
  if (values.upstream === undefined) throw new Error('--upstream URL is required');
  const proxy = await startDelayProxy({ upstream: values.upstream, delayMs: Number(values.delay), port: Number(values.port) });
  console.log(proxy.url);
  const stop = (): void => void proxy.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
