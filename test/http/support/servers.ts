/**
 * test/http/support/servers: real local servers on port 0 for the transport tests, well-behaved
 * and not, each of which records what reached it.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as connectTcp, createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ReferenceHandler, ReferenceResponse } from '../../../src/core/handler.js';

/** What a test server saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly atMs: number;
}

/** A running server and what reached it. */
export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

function flatHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

type Handler = (request: IncomingMessage, response: ServerResponse, seen: SeenRequest) => void;

async function serve(server: Server, scheme: 'http' | 'https', handler: Handler): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const record: SeenRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: flatHeaders(request),
      atMs: performance.now(),
    };
    seen.push(record);
    handler(request, response, record);
  });
  const port = await listen(server);
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    seen,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** An HTTP server answering with `handler`. */
export function startHttpServer(handler: Handler): Promise<TestServer> {
  return serve(createHttpServer(), 'http', handler);
}

/** An HTTPS server with the given key and certificate. */
export function startHttpsServer(tls: { key: string; cert: string }, handler: Handler): Promise<TestServer> {
  return serve(createHttpsServer(tls), 'https', handler);
}

/** An HTTP server that answers through a ReferenceHandler, as the embedded reference server would. */
export function startHandlerServer(
  handler: ReferenceHandler<ReferenceResponse | Promise<ReferenceResponse>>,
): Promise<TestServer> {
  return startHttpServer((request, response, seen) => {
    const [path = '', ...rest] = seen.url.split('?');
    void Promise.resolve(handler({ method: seen.method, path, rawQuery: rest.join('?'), headers: seen.headers })).then(
      ({ status, headers, body }) => {
        response.writeHead(status, headers);
        response.end(body);
      },
    );
  });
}

/** A TCP server that hands every connection to `onConnection`: for targets that do not speak HTTP. */
export async function startRawServer(onConnection: (socket: Socket) => void): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onConnection(socket);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen: [],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A forward proxy that only tunnels (HTTP CONNECT), as undici's ProxyAgent uses; records each tunnel. */
export async function startConnectProxy(): Promise<TestServer & { readonly tunnels: string[] }> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((_request, response) => {
    response.writeHead(405).end();
  });
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    tunnels.push(target);
    const separator = target.lastIndexOf(':');
    const upstream = connectTcp(Number(target.slice(separator + 1)), target.slice(0, separator), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen: [],
    tunnels,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A self-signed certificate for 127.0.0.1 made with the openssl command; undefined where openssl is missing. */
export function generateSelfSignedCertificate(): { key: string; cert: string } | undefined {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        join(directory, 'key.pem'),
        '-out',
        join(directory, 'cert.pem'),
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore', timeout: 30_000 },
    );
    return {
      key: readFileSync(join(directory, 'key.pem'), 'utf8'),
      cert: readFileSync(join(directory, 'cert.pem'), 'utf8'),
    };
  } catch {
    return undefined;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
