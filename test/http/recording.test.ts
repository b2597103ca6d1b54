/**
 * One table of answers run through both transports: the in-process transport must record
 * exactly what the HTTP transport records for the same answer from a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../src/http/http-transport.js';
import { createInProcessTransport } from '../../src/http/in-process-transport.js';
import type { ReferenceRequest, ReferenceResponse } from '../../src/core/handler.js';
import type { ApiRequest, Exchange, RecordedResponse, SchedulableTransport } from '../../src/http/types.js';
import { ALL_IDENTITIES, RESOLVED, SECRET_STRINGS, sampleRequest } from './support/fixtures.js';
import { startHandlerServer, type TestServer } from './support/servers.js';

const ENDPOINT = '/v2/pointsLedger/getLedgerExplodeInfo';
const MAX_RESPONSE_BYTES = 64;

interface RecordingCase {
  readonly name: string;
  readonly request: ApiRequest;
  readonly reply: ReferenceResponse;
  /** What the recorded response must show, beyond the two transports agreeing. */
  readonly expected?: Partial<RecordedResponse>;
}

const json = (status: number, body: string): ReferenceResponse => ({
  status,
  headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' },
  body,
});

const CASES: readonly RecordingCase[] = [
  {
    name: 'a JSON 200',
    request: sampleRequest(),
    reply: json(200, '{"events":[{"eventId":1}]}'),
    expected: { json: { events: [{ eventId: 1 }] }, headers: { 'x-request-id': 'r-1' } },
  },
  {
    name: 'JSON sent as text/plain (parsed by content)',
    request: sampleRequest(),
    reply: { status: 200, headers: { 'content-type': 'text/plain' }, body: '{"a":1}' },
    expected: { json: { a: 1 } },
  },
  {
    name: 'a body that is not JSON',
    request: sampleRequest(),
    reply: { status: 500, headers: {}, body: '<html>' },
    expected: { bodyText: '<html>' },
  },
  {
    name: 'an empty 401',
    request: sampleRequest('none'),
    reply: { status: 401, headers: {}, body: '' },
    expected: { status: 401, bodyText: '' },
  },
  {
    name: 'JSON after a byte-order mark (kept, not parsed)',
    request: sampleRequest(),
    reply: json(200, '\uFEFF{}'),
    expected: { bodyText: '\uFEFF{}' },
  },
  {
    name: 'a body over the cap',
    request: sampleRequest(),
    reply: json(200, `{"pad":"${'é'.repeat(40)}"}`),
    expected: { bodyTruncated: true, bodyText: `{"pad":"${'é'.repeat(28)}` },
  },
  {
    name: 'a redirect',
    request: sampleRequest(),
    reply: { status: 302, headers: { Location: 'https://elsewhere.example/x' }, body: '' },
    expected: { status: 302, headers: { location: 'https://elsewhere.example/x' } },
  },
  {
    name: 'a raw query with odd bytes',
    request: sampleRequest('primary', { rawQuery: "a=1,2&b=%zz&c=[x]&d='&e=ü ok" }),
    reply: json(200, '[]'),
    expected: { json: [] },
  },
  ...ALL_IDENTITIES.map((identity) => ({
    name: `identity ${identity}`,
    request: sampleRequest(identity),
    reply: json(200, '{}'),
    expected: { json: {} },
  })),
];

/** Each case's reply is looked up by its (unique) query string, which both transports deliver alike. */
const replies = new Map<string, ReferenceResponse>();
const handlerInputs = new Map<string, ReferenceRequest[]>();

function handler(request: ReferenceRequest): ReferenceResponse {
  const key = request.rawQuery;
  handlerInputs.set(key, [...(handlerInputs.get(key) ?? []), request]);
  return replies.get(key) ?? { status: 599, headers: {}, body: 'unknown case' };
}

function withoutTiming(exchange: Exchange): Omit<Exchange, 'durationMs' | 'response'> {
  const { durationMs: _durationMs, response: _response, ...rest } = exchange;
  return rest;
}

let server: TestServer;
let overHttp: SchedulableTransport;
let inProcess: SchedulableTransport;

beforeAll(async () => {
  server = await startHandlerServer(handler);
  const common = { credentials: RESOLVED.credentials, endpointPath: ENDPOINT, maxResponseBytes: MAX_RESPONSE_BYTES };
  overHttp = createHttpTransport({ ...common, baseUrl: server.url, env: {} });
  inProcess = createInProcessTransport({ ...common, baseUrl: server.url, handler });
});

afterAll(async () => {
  await overHttp.close();
  await inProcess.close();
  await server.close();
});

describe('the HTTP and in-process transports record alike', () => {
  it.each(CASES.map((testCase, index) => [testCase.name, testCase, index] as const))('%s', async (_name, testCase, index) => {
    const id = `ex-${String(index + 1).padStart(6, '0')}`;
    // The handler finds the reply by raw query: make each case's query unique with a marker pair.
    const request: ApiRequest =
      testCase.request.rawQuery === undefined
        ? { ...testCase.request, query: [...testCase.request.query, ['case', String(index)]] }
        : { ...testCase.request, rawQuery: `${testCase.request.rawQuery}&case=${index}` };
    const recordedQuery = overHttp.describeRequest(request, id).url.split('?')[1] ?? '';
    replies.set(recordedQuery, testCase.reply);

    const viaHttp = await overHttp.sendWith(request, { id });
    const viaFunction = await inProcess.sendWith(request, { id });

    expect(viaHttp.transportError).toBeUndefined();
    expect(viaHttp.response).toMatchObject(testCase.expected ?? {});
    if (testCase.expected?.json === undefined) expect(viaHttp.response?.json).toBeUndefined();
    expect(withoutTiming(viaFunction)).toEqual(withoutTiming(viaHttp));
    const { headers: httpHeaders, ...httpResponse } = viaHttp.response!;
    const { headers: functionHeaders, ...functionResponse } = viaFunction.response!;
    expect(functionResponse).toEqual(httpResponse);
    // The server adds date, connection and length headers; everything the handler set must match.
    expect(httpHeaders).toMatchObject(functionHeaders);
    expect(Object.keys(functionHeaders).every((name) => name === name.toLowerCase())).toBe(true);

    const [seenOverHttp, seenInProcess] = handlerInputs.get(recordedQuery) ?? [];
    expect(seenInProcess?.path).toBe(seenOverHttp?.path);
    expect(seenInProcess?.rawQuery).toBe(seenOverHttp?.rawQuery);
    expect(seenOverHttp?.headers).toMatchObject(seenInProcess?.headers ?? { missing: true });

    expect(JSON.stringify(viaFunction.request)).not.toMatch(
      new RegExp(SECRET_STRINGS.map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')).join('|'), 'u'),
    );
  });
});
