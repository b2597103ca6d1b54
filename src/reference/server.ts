import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReferenceHandler } from './handler.js';

export interface RunningServer {
  /** `http://host:port` — the base URL to give a conformance run. */
  readonly url: string;
  close(): Promise<void>;
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Serves a reference handler over HTTP/1.1 until closed. */
export async function serveHandler(handler: ReferenceHandler, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((request, response) => {
    // The body of a GET is not read; a body on another method is discarded.
    request.resume();
    const target = request.url ?? '/';
    const question = target.indexOf('?');
    let answer;
    try {
      answer = handler({
        method: request.method ?? 'GET',
        path: question < 0 ? target : target.slice(0, question),
        rawQuery: question < 0 ? '' : target.slice(question + 1),
        headers: headersOf(request),
      });
    } catch (error) {
      // A bug of the reference must show as one: a 500 is exactly what conformance forbids.
      answer = { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `reference error: ${(error as Error).message}` };
    }
    const body = Buffer.from(answer.body, 'utf8');
    response.writeHead(answer.status, { ...answer.headers, 'content-length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
