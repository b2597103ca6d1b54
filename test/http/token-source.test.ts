/**
 * OAuth client credentials: the token is fetched with one POST for all who need it, renewed
 * before its lifetime runs out, renewed at most once after a 401, and known to the redactor
 * before anything can record it.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/http/redact.js';
import { createTokenSource, grantOf, TokenError, type TokenAnswer } from '../../src/http/token-source.js';

const URL_ = 'https://eu.api.example.test/v3/oauth/token/generate';
const CLIENT = { key: 'client-key-1', secret: 'client-secret-1' };

/** A token endpoint that issues `token-1`, `token-2`, … living `ttlSeconds`, and records what it was sent. */
function endpoint(ttlSeconds = 300) {
  const bodies: string[] = [];
  const urls: string[] = [];
  let release: (() => void) | undefined;
  const gate = { held: false };
  return {
    bodies,
    urls,
    gate,
    release: () => release?.(),
    async post(url: string, body: string): Promise<TokenAnswer> {
      urls.push(url);
      bodies.push(body);
      if (gate.held) await new Promise<void>((resolve) => (release = resolve));
      return {
        status: 200,
        bodyText: JSON.stringify({ data: { accessToken: `token-${bodies.length}`, ttlSeconds }, errors: null }),
      };
    },
  };
}

function source(ttlSeconds = 300) {
  const clock = { now: 1_000_000 };
  const server = endpoint(ttlSeconds);
  const redactor = createRedactor([CLIENT.key, CLIENT.secret]);
  const tokens = createTokenSource({
    client: CLIENT,
    url: URL_,
    post: (u, b) => server.post(u, b),
    redactor,
    now: () => clock.now,
  });
  return { clock, server, redactor, tokens };
}

describe('createTokenSource', () => {
  it('POSTs {"key","secret"} as JSON to the token URL once, for every caller at the same time', async () => {
    const { server, tokens } = source();
    server.gate.held = true;
    const waiting = [tokens.fresh(), tokens.fresh(), tokens.fresh()];
    server.release();
    expect(await Promise.all(waiting)).toEqual(['token-1', 'token-1', 'token-1']);
    expect(server.urls).toEqual([URL_]);
    expect(JSON.parse(server.bodies[0]!)).toEqual({ key: CLIENT.key, secret: CLIENT.secret });
    expect(tokens.requests).toBe(1);
    expect(tokens.current()).toBe('token-1');
  });

  it('renews the token before ttlSeconds runs out, not before it has to', async () => {
    const { clock, tokens } = source(300);
    expect(await tokens.fresh()).toBe('token-1');
    clock.now += 269_000;
    expect(await tokens.fresh()).toBe('token-1');
    // 30 s before the end of 300 s: renewed.
    clock.now += 1_000;
    expect(await tokens.fresh()).toBe('token-2');
    expect(tokens.requests).toBe(2);
  });

  it('renews a short-lived token a fifth of its lifetime early', async () => {
    const { clock, tokens } = source(2);
    await tokens.fresh();
    clock.now += 1_599;
    expect(await tokens.fresh()).toBe('token-1');
    clock.now += 1;
    expect(await tokens.fresh()).toBe('token-2');
  });

  it('renews once after a 401, for all the requests it rejected, and not again for a renewed token never accepted', async () => {
    const { tokens } = source();
    const rejected = await tokens.fresh();
    const renewed = await Promise.all([tokens.renewAfterRejection(rejected), tokens.renewAfterRejection(rejected)]);
    expect(renewed).toEqual(['token-2', 'token-2']);
    // A request that was still in flight with the old token retries with the new one.
    expect(await tokens.renewAfterRejection(rejected)).toBe('token-2');
    // The renewed token rejected too, before the target ever took it: the 401 stands; no third token.
    expect(await tokens.renewAfterRejection('token-2')).toBeUndefined();
    expect(tokens.requests).toBe(2);
  });

  it('renews again after a later 401 once the renewed token had been accepted (a key rotation, say)', async () => {
    const { tokens } = source();
    const first = await tokens.fresh();
    const second = (await tokens.renewAfterRejection(first))!;
    tokens.accepted(second);
    expect(await tokens.renewAfterRejection(second)).toBe('token-3');
    // Word that an older token was accepted says nothing about the current one.
    tokens.accepted(first);
    expect(await tokens.renewAfterRejection('token-3')).toBeUndefined();
  });

  it('tells the redactor each token before handing it out', async () => {
    const { redactor, tokens } = source();
    const token = await tokens.fresh();
    expect(redactor.redact(`x-cap-api-oauth-token: ${token}; key ${CLIENT.key}; secret ${CLIENT.secret}`)).toBe(
      'x-cap-api-oauth-token: <redacted>; key <redacted>; secret <redacted>',
    );
  });

  it('fails with a TokenError that is not a refusal when the endpoint cannot be reached', async () => {
    const tokens = createTokenSource({
      client: CLIENT,
      url: URL_,
      post: () => Promise.reject(new Error('connect ECONNREFUSED')),
      redactor: createRedactor(),
    });
    const error = await tokens.fresh().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).refused).toBe(false);
    expect((error as TokenError).message).toBe(`the token endpoint ${URL_} did not answer: connect ECONNREFUSED`);
    expect(await tokens.renewAfterRejection('anything')).toBeUndefined();
  });
});

describe('grantOf', () => {
  it.each<[string, TokenAnswer, RegExp, boolean]>([
    [
      'a 401',
      { status: 401, bodyText: '{"errors":[{"message":"Failed to generate OAuth token"}]}' },
      /answered 401: .*Failed to generate OAuth token/,
      true,
    ],
    ['a 503', { status: 503, bodyText: 'busy' }, /answered 503: busy/, false],
    [
      'a 200 without a token',
      { status: 200, bodyText: '{"data":null,"errors":null}' },
      /answered 200 without a data.accessToken/,
      true,
    ],
    [
      'a 200 with no lifetime',
      { status: 200, bodyText: '{"data":{"accessToken":"t","ttlSeconds":0}}' },
      /positive data.ttlSeconds/,
      true,
    ],
    ['a 200 that is not JSON', { status: 200, bodyText: '<html>login</html>' }, /without a data.accessToken/, true],
    [
      'a token that would break a header',
      { status: 200, bodyText: '{"data":{"accessToken":"t\\r\\nx-admin: 1","ttlSeconds":60}}' },
      /without a data.accessToken \(visible ASCII\)/,
      true,
    ],
  ])('refuses %s', (_, answer, message, refused) => {
    let error: TokenError | undefined;
    try {
      grantOf(answer, URL_);
    } catch (e) {
      error = e as TokenError;
    }
    expect(error?.message).toMatch(message);
    expect(error?.refused).toBe(refused);
  });

  it('reads data.accessToken and data.ttlSeconds', () => {
    expect(grantOf({ status: 200, bodyText: '{"data":{"accessToken":"eyJ","ttlSeconds":300},"errors":null}' }, URL_)).toEqual({
      accessToken: 'eyJ',
      ttlSeconds: 300,
    });
  });
});
