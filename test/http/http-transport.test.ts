import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { createHttpTransport, identityAvailable, type HttpTransportOptions } from '../../src/http/http-transport.js';
import type { SchedulableTransport } from '../../src/http/types.js';
import {
  startConnectProxy,
  startHttpServer,
  generateSelfSignedCertificate,
  startHttpsServer,
  startRawServer,
  type TestServer,
} from './support/servers.js';
import { RESOLVED, SECRET_STRINGS, sampleRequest } from './support/fixtures.js';

const ENDPOINT = '/v2/pointsLedger/getLedgerExplodeInfo';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T extends TestServer>(server: T): T {
  cleanups.push(() => server.close());
  return server;
}

function transportFor(baseUrl: string, options: Partial<HttpTransportOptions> = {}): SchedulableTransport {
  const transport = createHttpTransport({
    baseUrl,
    endpointPath: ENDPOINT,
    credentials: RESOLVED.credentials,
    env: {},
    requestTimeoutMs: 5_000,
    ...options,
  });
  cleanups.push(() => transport.close());
  return transport;
}

describe('createHttpTransport against a well-behaved target', () => {
  it('records status, lower-cased and joined headers, text and parsed JSON', async () => {
    const server = track(
      await startHttpServer((_request, response) => {
        response.setHeader('X-Trace-Id', 'abc');
        response.setHeader('Set-Cookie', ['a=1', 'b=2']);
        response.setHeader('Content-Type', 'text/plain');
        response.end('{"events":[],"warnings":[]}');
      }),
    );
    const exchange = await transportFor(server.url).send(sampleRequest());

    expect(exchange.transportError).toBeUndefined();
    expect(exchange.attempts).toBe(1);
    expect(exchange.response).toMatchObject({
      status: 200,
      bodyText: '{"events":[],"warnings":[]}',
      bodyTruncated: false,
      json: { events: [], warnings: [] },
    });
    expect(exchange.response?.headers['x-trace-id']).toBe('abc');
    expect(exchange.response?.headers['set-cookie']).toBe('a=1, b=2');
  });

  it('sends only GET, only to the endpoint path under the base-URL prefix, with the fixed headers', async () => {
    const server = track(await startHttpServer((_request, response) => response.end('ok')));
    const transport = transportFor(`${server.url}/gateway/`, { version: '9.9.9' });
    const exchange = await transport.send(sampleRequest());

    expect(server.seen).toHaveLength(1);
    const [seen] = server.seen;
    expect(seen?.method).toBe('GET');
    expect(seen?.url).toBe(`/gateway${ENDPOINT}?identifierName=mobile&identifierValue=919876543210&eventIds=1,2,3`);
    expect(seen?.headers).toMatchObject({
      accept: 'application/json',
      'user-agent': 'ledger-explode-conformance/9.9.9',
      'x-conformance-case-id': exchange.id,
    });
    expect(exchange.request.url).toBe(`${server.url}${seen?.url}`);
    expect(exchange.response?.json).toBeUndefined();
  });

  it('sends the real credentials but records only redacted ones', async () => {
    const server = track(await startHttpServer((_request, response) => response.end('{}')));
    const transport = transportFor(server.url);
    const basic = await transport.send(sampleRequest('primary-basic'));
    const oauth = await transport.send(sampleRequest('primary-oauth'));

    expect(server.seen[0]?.headers.authorization).toBe(RESOLVED.credentials['primary-basic']?.headers.authorization);
    expect(server.seen[1]?.headers['x-cap-api-oauth-token']).toBe(
      RESOLVED.credentials['primary-oauth']?.headers['x-cap-api-oauth-token'],
    );
    expect(basic.request.headers.authorization).toBe('Basic <redacted>');
    expect(basic.request.authStyle).toBe('basic');
    expect(oauth.request.headers['x-cap-api-oauth-token']).toBe('<redacted>');
    expect(oauth.request.authStyle).toBe('oauth-token');
    const recorded = JSON.stringify([basic.request, oauth.request]);
    for (const secret of SECRET_STRINGS) expect(recorded).not.toContain(secret);
  });

  it('sends a raw query byte for byte, encoding only what no request line can carry', async () => {
    const server = track(await startHttpServer((_request, response) => response.end('')));
    const rawQuery = 'eventIds=1,,2&x=%ZZ&y=[a]&z=\'"&q=a b&e=é';
    const exchange = await transportFor(server.url).send(sampleRequest('primary', { rawQuery }));

    expect(server.seen[0]?.url).toBe(`${ENDPOINT}?eventIds=1,,2&x=%ZZ&y=[a]&z='"&q=a%20b&e=%C3%A9`);
    expect(exchange.request.url).toBe(`${server.url}${server.seen[0]?.url}`);
  });

  it('records a redirect to another origin as a response and does not follow it', async () => {
    const elsewhere = track(await startHttpServer((_request, response) => response.end('followed')));
    const server = track(
      await startHttpServer((_request, response) => {
        response.writeHead(302, { location: `${elsewhere.url}${ENDPOINT}` }).end();
      }),
    );
    const exchange = await transportFor(server.url).send(sampleRequest());

    expect(exchange.response?.status).toBe(302);
    expect(exchange.response?.headers.location).toBe(`${elsewhere.url}${ENDPOINT}`);
    expect(server.seen).toHaveLength(1);
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('cuts a body over the cap and keeps the response, without a transport error', async () => {
    const server = track(
      await startHttpServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        // 4 MiB in 64 KiB writes, well past the 100 KiB cap.
        const chunk = Buffer.alloc(64 * 1024, 'a');
        for (let i = 0; i < 64; i += 1) response.write(chunk);
        response.end();
      }),
    );
    const exchange = await transportFor(server.url, { maxResponseBytes: 100 * 1024 }).send(sampleRequest());

    expect(exchange.transportError).toBeUndefined();
    expect(exchange.response?.bodyTruncated).toBe(true);
    expect(exchange.response?.bodyText).toHaveLength(100 * 1024);
    expect(exchange.response?.json).toBeUndefined();
  });

  it('drops a multi-byte character that the cap cuts in half', async () => {
    const server = track(await startHttpServer((_request, response) => response.end('ééé')));
    // 'ééé' is six bytes; five keeps two whole characters and half of the third.
    const exchange = await transportFor(server.url, { maxResponseBytes: 5 }).send(sampleRequest());

    expect(exchange.response?.bodyText).toBe('éé');
    expect(exchange.response?.bodyTruncated).toBe(true);
  });

  it('keeps a body exactly at the cap whole', async () => {
    const server = track(await startHttpServer((_request, response) => response.end('[1,2]')));
    const exchange = await transportFor(server.url, { maxResponseBytes: 5 }).send(sampleRequest());

    expect(exchange.response).toMatchObject({ bodyText: '[1,2]', bodyTruncated: false, json: [1, 2] });
  });

  it('refuses to send for an identity without credentials', async () => {
    const server = track(await startHttpServer((_request, response) => response.end('')));
    const credentials = { ...RESOLVED.credentials, forbidden: undefined };
    const transport = transportFor(server.url, { credentials });

    expect(identityAvailable(credentials, 'forbidden')).toBe(false);
    expect(identityAvailable(credentials, 'primary')).toBe(true);
    await expect(transport.send(sampleRequest('forbidden'))).rejects.toThrow(/identityAvailable/u);
    expect(server.seen).toHaveLength(0);
  });

  it('rejects credential headers that could inject extra header lines', () => {
    const credentials = { primary: { headers: { authorization: 'Basic x\r\nx-evil: 1' } } };
    expect(() => createHttpTransport({ baseUrl: 'http://127.0.0.1:1', credentials, env: {} })).toThrow(
      /^credentials: identity primary has an invalid header/u,
    );
  });

  it('rejects base URLs that would leak credentials or change the request', () => {
    const make = (baseUrl: string) => () => createHttpTransport({ baseUrl, credentials: RESOLVED.credentials, env: {} });
    expect(make('https://user:pw@staging.example.com')).toThrow(/^baseUrl: must not carry credentials/u);
    expect(make('https://staging.example.com/?a=1')).toThrow(/^baseUrl: must not carry a query/u);
    expect(make('ftp://staging.example.com')).toThrow(/^baseUrl: must use http or https/u);
    expect(make('not a url')).toThrow(/^baseUrl: must be an absolute http or https URL/u);
    expect(make('https://user:pw@staging.example.com')).toThrow(UsageError);
  });
});

describe('createHttpTransport against a misbehaving target', () => {
  it.each([
    ['binary garbage', '\x00\x01garbage that is not HTTP\r\n\r\n'],
    ['a bad status code', 'HTTP/1.1 abc OK\r\n\r\n'],
    ['a broken header line', 'HTTP/1.1 200 OK\r\nbad header line\r\n\r\n'],
  ])('turns %s instead of HTTP into CT_PROTOCOL', async (_name, reply) => {
    const server = track(await startRawServer((socket) => socket.once('data', () => socket.end(reply))));
    const exchange = await transportFor(server.url).send(sampleRequest());

    expect(exchange.response).toBeUndefined();
    expect(exchange.transportError?.code).toBe('CT_PROTOCOL');
  });

  it('turns a connection reset mid-body into CT_CONNECTION, not a response', async () => {
    const server = track(
      await startRawServer((socket) => {
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"events":[');
          // Give the client the headers first, so the reset lands in the body.
          setImmediate(() => socket.resetAndDestroy());
        });
      }),
    );
    const exchange = await transportFor(server.url).send(sampleRequest());

    expect(exchange.response).toBeUndefined();
    expect(exchange.transportError?.code).toBe('CT_CONNECTION');
    expect(exchange.transportError?.message).toMatch(/closed|reset/u);
    // Worth resending: the scheduler retries it.
    expect(exchange.transportError?.transient).toBe(true);
  });

  it('turns a refused connection into CT_CONNECTION', async () => {
    const server = await startRawServer(() => {});
    await server.close();
    const exchange = await transportFor(server.url).send(sampleRequest());

    expect(exchange.transportError?.code).toBe('CT_CONNECTION');
    // Nothing listens: resending would only be refused again.
    expect(exchange.transportError?.transient).toBeUndefined();
    expect(exchange.transportError?.message).toMatch(/ECONNREFUSED/u);
  });

  it('times out a target that never answers', async () => {
    const server = track(await startRawServer(() => {}));
    const exchange = await transportFor(server.url, { requestTimeoutMs: 300 }).send(sampleRequest());

    expect(exchange.transportError).toEqual({
      code: 'CT_TIMEOUT',
      message: 'no complete response within 300 ms',
      transient: true,
    });
    expect(exchange.durationMs).toBeGreaterThanOrEqual(250);
    expect(exchange.durationMs).toBeLessThan(5_000);
  });

  it('times out a body that trickles past the timeout, although bytes keep arriving', async () => {
    const server = track(
      await startHttpServer((_request, response) => {
        response.writeHead(200);
        // A byte every 50 ms never trips an idle timer; the whole-request timeout must still fire.
        const timer = setInterval(() => response.write('x'), 50);
        response.on('close', () => clearInterval(timer));
      }),
    );
    const exchange = await transportFor(server.url, { requestTimeoutMs: 400 }).send(sampleRequest());

    expect(exchange.transportError?.code).toBe('CT_TIMEOUT');
    expect(exchange.durationMs).toBeLessThan(5_000);
  });
});

describe('createHttpTransport and proxies', () => {
  it('goes through HTTP_PROXY for an http target', async () => {
    const proxy = track(await startConnectProxy());
    const server = track(await startHttpServer((_request, response) => response.end('{"via":"proxy"}')));
    const exchange = await transportFor(server.url, { env: { HTTP_PROXY: proxy.url } }).send(sampleRequest());

    expect(exchange.response?.json).toEqual({ via: 'proxy' });
    expect(proxy.tunnels).toEqual([`127.0.0.1:${server.port}`]);
    expect(server.seen).toHaveLength(1);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const proxy = track(await startConnectProxy());
    const server = track(await startHttpServer((_request, response) => response.end('direct')));
    const env = { http_proxy: proxy.url, no_proxy: 'localhost,127.0.0.1' };
    const exchange = await transportFor(server.url, { env }).send(sampleRequest());

    expect(exchange.response?.bodyText).toBe('direct');
    expect(proxy.tunnels).toEqual([]);
  });

  it('ignores process.env when an environment is injected', async () => {
    const server = track(await startHttpServer((_request, response) => response.end('direct')));
    const saved = process.env.HTTP_PROXY;
    // A proxy that does not exist: using it would fail the request.
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    try {
      const exchange = await transportFor(server.url, { env: {} }).send(sampleRequest());
      expect(exchange.response?.bodyText).toBe('direct');
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
    }
  });
});

// Node cannot create a self-signed certificate by itself; openssl makes one at test time.
const certificate = generateSelfSignedCertificate();

describe.skipIf(certificate === undefined)('createHttpTransport and TLS (needs the openssl command)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHttpsServer(certificate!, (_request, response) => response.end('{"tls":true}'));
  });
  afterAll(async () => {
    await server.close();
  });

  it('rejects a self-signed certificate by default', async () => {
    const exchange = await transportFor(server.url).send(sampleRequest());

    expect(exchange.transportError?.code).toBe('CT_CONNECTION');
    expect(exchange.transportError?.message).toMatch(/self[- ]signed/iu);
    expect(server.seen).toHaveLength(0);
  });

  it('accepts it with insecure: true', async () => {
    const exchange = await transportFor(server.url, { insecure: true }).send(sampleRequest());

    expect(exchange.response?.json).toEqual({ tls: true });
  });

  it('tunnels through HTTPS_PROXY and still verifies the target, unless insecure', async () => {
    const proxy = track(await startConnectProxy());
    const env = { HTTPS_PROXY: proxy.url };
    const verified = await transportFor(server.url, { env }).send(sampleRequest());
    const insecure = await transportFor(server.url, { env, insecure: true }).send(sampleRequest());

    expect(verified.transportError?.code).toBe('CT_CONNECTION');
    expect(insecure.response?.json).toEqual({ tls: true });
    expect(proxy.tunnels).toEqual([`127.0.0.1:${server.port}`, `127.0.0.1:${server.port}`]);
  });
});
