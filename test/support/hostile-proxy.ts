/**
 * A hostile proxy on loopback, in front of a served reference: it forwards every request, and
 * misbehaves on a schedule (every n-th request) the way real gateways and mocks do. It records
 * what reached it; an "other origin" to redirect to is a second server that records too, so a
 * test can show that nothing was sent there.
 */
import { once } from 'node:events';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Misbehaviour =
  | { readonly kind: 'reset'; readonly every: number }
  | { readonly kind: 'hang'; readonly every: number }
  | {
      readonly kind: 'pushback';
      readonly status: 429 | 503;
      readonly retryAfter: 'seconds' | 'http-date' | 'none';
      readonly every: number;
      /** Only while more than this many requests arrived in the last second: a rate limiter, not a random shedder. */
      readonly overRate?: number;
    }
  | { readonly kind: 'truncate'; readonly every: number }
  | { readonly kind: 'huge-body'; readonly every: number; readonly bytes: number }
  | { readonly kind: 'redirect'; readonly to: 'same-origin' | 'other-origin' | 'loop' }
  | { readonly kind: 'die'; readonly after: number };

export interface HostileProxy {
  readonly url: string;
  /** Requests that reached the proxy. */
  requests(): number;
  /** Requests the proxy misbehaved on. */
  misbehaved(): number;
  /** Requests that reached the other origin (redirect targets): must stay 0. */
  otherOriginRequests(): number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function tracked(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  return sockets;
}

async function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  if (!server.listening) return;
  const closed = once(server, 'close');
  server.close();
  for (const socket of sockets) socket.destroy();
  await closed;
}

/** Forwards to `upstream` and collects the whole answer. */
function forward(
  agent: Agent,
  upstream: string,
  path: string,
  request: IncomingMessage,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      `${upstream}${path}`,
      { method: request.method, headers: { ...request.headers, host: new URL(upstream).host }, agent },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(answer.headers)) if (typeof value === 'string') headers[name] = value;
          resolve({ status: answer.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
        answer.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The response of a misbehaviour that answers (or not) in place of the target; false to forward. */
type Act = (request: IncomingMessage, response: ServerResponse, n: number) => boolean | Promise<boolean>;

function actOf(misbehaviour: Misbehaviour, origins: { self: string; other: string }, die: () => void): Act {
  const arrivals: number[] = [];
  switch (misbehaviour.kind) {
    case 'reset':
      return (request, _response, n) => {
        if (n % misbehaviour.every !== 0) return false;
        request.socket.resetAndDestroy();
        return true;
      };
    case 'hang':
      // Never answered; the socket is destroyed when the proxy closes.
      return (_request, _response, n) => n % misbehaviour.every === 0;
    case 'pushback':
      return (_request, response, n) => {
        const now = Date.now();
        arrivals.push(now);
        while (arrivals[0]! < now - 1000) arrivals.shift();
        const overRate = misbehaviour.overRate === undefined || arrivals.length > misbehaviour.overRate;
        if (!overRate || n % misbehaviour.every !== 0) return false;
        const retryAfter =
          misbehaviour.retryAfter === 'seconds'
            ? { 'retry-after': '1' }
            : misbehaviour.retryAfter === 'http-date'
              ? { 'retry-after': new Date(now + 1000).toUTCString() }
              : {};
        response.writeHead(misbehaviour.status, { 'content-type': 'text/plain', ...retryAfter }).end('slow down');
        return true;
      };
    case 'huge-body':
      return (_request, response, n) => {
        if (n % misbehaviour.every !== 0) return false;
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = (): void => {
          while (sent < misbehaviour.bytes && !response.destroyed) {
            sent += chunk.length;
            if (!response.write(chunk)) {
              response.once('drain', pump);
              return;
            }
          }
          response.end();
        };
        pump();
        return true;
      };
    case 'redirect':
      return (request, response) => {
        const path = request.url ?? '/';
        const location =
          misbehaviour.to === 'loop'
            ? `${origins.self}${path}`
            : misbehaviour.to === 'same-origin'
              ? `${origins.self}/moved${path}`
              : `${origins.other}${path}`;
        // A same-origin redirect is followed here, as a gateway would: the new path answers too.
        if (misbehaviour.to === 'same-origin' && path.startsWith('/moved/')) return false;
        response.writeHead(302, { location }).end();
        return true;
      };
    case 'die':
      return (_request, _response, n) => {
        if (n <= misbehaviour.after) return false;
        die();
        return true;
      };
    case 'truncate':
      return () => false;
  }
}

/** Starts the proxy in front of `upstream` (a served reference). */
export async function startHostileProxy(upstream: string, misbehaviour: Misbehaviour): Promise<HostileProxy> {
  const agent = new Agent({ keepAlive: true });
  const server = createServer();
  const sockets = tracked(server);
  const other = createServer();
  const otherSockets = tracked(other);
  let otherCount = 0;
  other.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    otherCount += 1;
    response.writeHead(500).end('the kit must never come here');
  });
  const origins = { self: await listen(server), other: await listen(other) };
  let count = 0;
  let misbehaved = 0;
  const act = actOf(misbehaviour, origins, () => void closeServer(server, sockets));
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    count += 1;
    const n = count;
    void (async () => {
      if (await act(request, response, n)) {
        misbehaved += 1;
        return;
      }
      const path = (request.url ?? '/').replace(/^\/moved/, '');
      const answer = await forward(agent, upstream, path, request);
      if (misbehaviour.kind === 'truncate' && n % misbehaviour.every === 0) {
        misbehaved += 1;
        // The whole length announced, half the body sent, then the connection closed.
        response.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
        response.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => request.socket.destroy());
        return;
      }
      response.writeHead(answer.status, answer.headers).end(answer.body);
    })().catch(() => request.socket.destroy());
  });
  return {
    url: origins.self,
    requests: () => count,
    misbehaved: () => misbehaved,
    otherOriginRequests: () => otherCount,
    close: async () => {
      await closeServer(server, sockets);
      await closeServer(other, otherSockets);
      agent.destroy();
    },
  };
}
