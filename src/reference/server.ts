import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReferenceHandler } from '../core/handler.js';

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

/** Bodies beyond this are cut: the only body the reference reads is a token request. */
const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/** The body of a request other than GET or HEAD (cut at the cap); undefined for those two. */
async function bodyOf(request: IncomingMessage): Promise<string | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    request.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (size < MAX_REQUEST_BODY_BYTES) chunks.push(chunk.subarray(0, MAX_REQUEST_BODY_BYTES - size));
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Serves a reference handler over HTTP/1.1 until closed. */
export async function serveHandler(
  handler: ReferenceHandler,
  options: { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer(async (request, response) => {
    const requestBody = await bodyOf(request).catch(() => '');
    const target = request.url ?? '/';
    const question = target.indexOf('?');
    let answer;
    try {
      answer = handler({
        method: request.method ?? 'GET',
        path: question < 0 ? target : target.slice(0, question),
        rawQuery: question < 0 ? '' : target.slice(question + 1),
        headers: headersOf(request),
        ...(requestBody !== undefined ? { body: requestBody } : {}),
      });
    } catch (error) {
      // A bug of the reference must show as one: a 500 is exactly what conformance forbids.
      answer = {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: `reference error: ${(error as Error).message}`,
      };
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
