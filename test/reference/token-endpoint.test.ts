/**
 * The reference's OAuth token endpoint: client credentials of the demo identities give tokens
 * of those identities, which expire after their lifetime; nothing else gives a token.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_IDENTITIES } from '../../src/reference/identities.js';
import { withTokenEndpoint } from '../../src/reference/token-endpoint.js';
import { referenceFor, spec } from '../support/harness.js';

const clock = { now: 0 };
const endpoint = withTokenEndpoint(referenceFor().handler, { identities: DEMO_IDENTITIES, ttlSeconds: 2, now: () => clock.now });
const generate = (body: string, method = 'POST') =>
  endpoint({ method, path: '/v3/oauth/token/generate', rawQuery: '', headers: { 'content-type': 'application/json' }, body });
const query = `identifierName=id&identifierValue=1&source=INSTORE&eventIds=1`;
const explode = (token: string) =>
  endpoint({ method: 'GET', path: spec.endpointPath, rawQuery: query, headers: { 'x-cap-api-oauth-token': token } });

describe('POST /v3/oauth/token/generate', () => {
  it('answers a demo client with a token and its lifetime, as Capillary documents', () => {
    const answer = generate('{"key":"demo-key","secret":"demo-secret"}');
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as { data: { accessToken: string; ttlSeconds: number }; errors: null };
    expect(body.errors).toBeNull();
    expect(body.data.ttlSeconds).toBe(2);
    expect(body.data.accessToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(endpoint.issued.at(-1)).toBe(body.data.accessToken);
  });

  it('gives a token that stands for its identity until it expires, then is unknown (401)', () => {
    clock.now = 1000;
    const token = (
      JSON.parse(generate('{"key":"noaccess-key","secret":"noaccess-secret"}').body) as { data: { accessToken: string } }
    ).data.accessToken;
    // The forbidden identity: authenticated, then refused the Points resource.
    expect(explode(token).status).toBe(403);
    clock.now = 2999;
    expect(explode(token).status).toBe(403);
    clock.now = 3000;
    expect(explode(token).status).toBe(401);
  });

  it.each([
    ['a wrong secret', '{"key":"demo-key","secret":"demo-password"}', 401],
    ['an unknown key', '{"key":"nobody","secret":"demo-secret"}', 401],
    ['a body that is not JSON', 'key=demo-key&secret=demo-secret', 400],
    ['no body', '', 400],
  ])('refuses %s', (_, body, status) => {
    const answer = generate(body);
    expect(answer.status).toBe(status);
    expect((JSON.parse(answer.body) as { data: unknown }).data).toBeNull();
  });

  it('answers other methods on the token path with 405, and leaves the endpoint to the reference', () => {
    expect(generate('', 'GET')).toMatchObject({ status: 405, headers: { allow: 'POST' } });
    expect(explode('demo-oauth-token').status).not.toBe(401);
  });
});
