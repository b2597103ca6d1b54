import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../../src/http/in-process-transport.js';
import type { ReferenceHandler, ReferenceRequest, ReferenceResponse } from '../../src/core/handler.js';
import { RESOLVED, sampleRequest } from './support/fixtures.js';

const ENDPOINT = '/v2/pointsLedger/getLedgerExplodeInfo';

function transportFor(handler: ReferenceHandler<ReferenceResponse | Promise<ReferenceResponse>>, requestTimeoutMs = 5_000) {
  return createInProcessTransport({ handler, credentials: RESOLVED.credentials, endpointPath: ENDPOINT, requestTimeoutMs });
}

describe('createInProcessTransport', () => {
  it('hands the handler what a server would parse, real credentials included', async () => {
    const seen: ReferenceRequest[] = [];
    const transport = createInProcessTransport({
      handler: (request) => {
        seen.push(request);
        return { status: 200, headers: {}, body: '{}' };
      },
      credentials: RESOLVED.credentials,
      endpointPath: ENDPOINT,
      baseUrl: 'https://reference.test/gateway/',
    });
    const exchange = await transport.send(sampleRequest('primary-oauth'));

    expect(seen).toEqual([
      {
        method: 'GET',
        path: `/gateway${ENDPOINT}`,
        rawQuery: 'identifierName=mobile&identifierValue=919876543210&eventIds=1,2,3',
        headers: {
          host: 'reference.test',
          accept: 'application/json',
          'user-agent': 'ledger-explode-conformance/unknown',
          'x-conformance-case-id': 'ex-000001',
          'x-cap-api-oauth-token': RESOLVED.credentials['primary-oauth']?.headers['x-cap-api-oauth-token'],
        },
      },
    ]);
    expect(exchange.id).toBe('ex-000001');
    expect(exchange.request.url).toBe(`https://reference.test/gateway${ENDPOINT}?${seen[0]?.rawQuery}`);
    expect(exchange.request.headers['x-cap-api-oauth-token']).toBe('<redacted>');
  });

  it('defaults to a base URL that cannot be reached by accident', async () => {
    const exchange = await transportFor(() => ({ status: 204, headers: {}, body: '' })).send(sampleRequest('none'));

    expect(new URL(exchange.request.url).hostname).toMatch(/\.invalid$/u);
  });

  it('records a handler that throws as CT_CONNECTION', async () => {
    const exchange = await transportFor(() => {
      throw new Error('database exploded');
    }).send(sampleRequest());

    expect(exchange.response).toBeUndefined();
    expect(exchange.transportError).toEqual({ code: 'CT_CONNECTION', message: 'handler failed: database exploded' });
  });

  it('times out a handler that never answers', async () => {
    const exchange = await transportFor(() => new Promise(() => {}), 200).send(sampleRequest());

    expect(exchange.transportError?.code).toBe('CT_TIMEOUT');
    expect(exchange.durationMs).toBeLessThan(5_000);
  });

  it('records an impossible status as CT_PROTOCOL', async () => {
    const exchange = await transportFor(() => ({ status: 42, headers: {}, body: '' })).send(sampleRequest());

    expect(exchange.transportError?.code).toBe('CT_PROTOCOL');
  });

  it('ends promptly with CT_RUN_DEADLINE when its signal aborts', async () => {
    const transport = transportFor(() => new Promise(() => {}), 60_000);
    const run = new AbortController();
    const pending = transport.sendWith(sampleRequest(), { id: 'ex-000007', signal: run.signal });
    run.abort();
    const exchange = await pending;

    expect(exchange.id).toBe('ex-000007');
    expect(exchange.transportError?.code).toBe('CT_RUN_DEADLINE');
    const late = await transport.sendWith(sampleRequest(), { id: 'ex-000008', signal: run.signal });
    expect(late.transportError?.code).toBe('CT_RUN_DEADLINE');
  });

  it('refuses an identity without credentials before calling the handler', async () => {
    let calls = 0;
    const transport = createInProcessTransport({
      handler: () => {
        calls += 1;
        return { status: 200, headers: {}, body: '' };
      },
      credentials: { none: { headers: {} } },
    });

    await expect(transport.send(sampleRequest('primary'))).rejects.toThrow(/no credentials/u);
    expect(() => transport.describeRequest(sampleRequest('primary'), 'ex-1')).toThrow(/no credentials/u);
    expect(calls).toBe(0);
  });
});
