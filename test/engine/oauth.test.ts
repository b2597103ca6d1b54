/**
 * OAuth client credentials end to end: with only a key and a secret, a run against the served
 * reference fetches its tokens, renews them, is conformant, and writes no key, secret or token
 * anywhere; a revoked token is renewed once after the 401; bad client credentials exit 2.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { runSession } from '../../src/engine/session.js';
import { builtInProfile } from '../../src/profile/load.js';
import { identitiesWith } from '../../src/reference/identities.js';
import { createReference } from '../../src/reference/index.js';
import { serveHandler, type RunningServer } from '../../src/reference/server.js';
import { withTokenEndpoint, type TokenEndpointHandler } from '../../src/reference/token-endpoint.js';
import type { ReferenceHandler } from '../../src/core/handler.js';
import { catalog, spec } from '../support/harness.js';

function io(env: Record<string, string | undefined>): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env, color: false, lines, errors };
}

// A client no demo identity uses, so a leak is unambiguous.
const CLIENT = { key: 'qa-client-4f2a', secret: 'S3cret-0f-the-qa-client!' };
const reference = createReference(spec, { identities: identitiesWith({ oauthKey: CLIENT.key, oauthSecret: CLIENT.secret }) });
const ONLY_CLIENT = { LEDGER_CONFORMANCE_OAUTH_KEY: CLIENT.key, LEDGER_CONFORMANCE_OAUTH_SECRET: CLIENT.secret };

describe('with only the OAuth key and secret set', () => {
  let served: RunningServer;
  let tokens: TokenEndpointHandler;
  beforeAll(async () => {
    // Tokens live one second: the run below lasts longer, so it has to renew them.
    tokens = withTokenEndpoint(reference.handler, { identities: reference.identities, ttlSeconds: 1 });
    served = await serveHandler(tokens);
  });
  afterAll(() => served.close());

  it('a run against the served reference is conformant, renews its token, and writes neither key, secret nor token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-oauth-'));
    const cli = io(ONLY_CLIENT);
    // At most 400 requests a second: the run lasts over two seconds on any machine.
    const code = await main(
      ['run', '--base-url', served.url, '--report-dir', dir, '--seed', '5', '--rate', '400', '--quiet'],
      cli,
    );
    expect(cli.errors.join('\n')).not.toMatch(/demo identities/);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as {
      verdict: string;
      target: { authStyle: string };
      run: { durationMs: number; requests: { total: number } };
    };
    expect(report.verdict).toBe('conformant');
    expect(report.target.authStyle).toBe('oauth-token');
    expect(report.run.durationMs).toBeGreaterThan(2000);
    expect(tokens.issued.length).toBeGreaterThanOrEqual(2);
    const secrets = [CLIENT.key, CLIENT.secret, ...tokens.issued];
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const secret of secrets) expect(text.includes(secret), `${file} contains ${secret}`).toBe(false);
    }
    for (const line of [...cli.lines, ...cli.errors]) for (const secret of secrets) expect(line.includes(secret)).toBe(false);
  });

  it('exit 2 for a refused secret, naming the variable and the token URL, before the endpoint is asked anything', async () => {
    const cli = io({ ...ONLY_CLIENT, LEDGER_CONFORMANCE_OAUTH_SECRET: 'not-the-secret' });
    expect(
      await main(['run', '--base-url', served.url, '--report-dir', mkdtempSync(join(tmpdir(), 'ledger-oauth-')), '--quiet'], cli),
    ).toBe(2);
    expect(cli.errors.join('\n')).toContain(
      `LEDGER_CONFORMANCE_OAUTH_KEY: the token endpoint ${served.url}/v3/oauth/token/generate answered 401`,
    );
    expect(cli.errors.join('\n')).not.toContain('not-the-secret');
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'a key without a secret',
      { LEDGER_CONFORMANCE_OAUTH_KEY: CLIENT.key },
      /LEDGER_CONFORMANCE_OAUTH_SECRET: must be set \(and not empty\) together with LEDGER_CONFORMANCE_OAUTH_KEY/,
    ],
    [
      'a secret without a key',
      { LEDGER_CONFORMANCE_FORBIDDEN_OAUTH_SECRET: 'x', ...ONLY_CLIENT },
      /LEDGER_CONFORMANCE_FORBIDDEN_OAUTH_KEY: must be set/,
    ],
    [
      'a fixed token besides the client',
      { ...ONLY_CLIENT, LEDGER_CONFORMANCE_TOKEN: 't' },
      /LEDGER_CONFORMANCE_TOKEN: cannot be combined with LEDGER_CONFORMANCE_OAUTH_KEY/,
    ],
  ])('exit 2 for %s', async (_, env, message) => {
    const cli = io(env);
    expect(await main(['run', '--base-url', served.url, '--quiet'], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(message);
  });

  it('exit 2 for a token URL that is not an http(s) URL', async () => {
    const cli = io(ONLY_CLIENT);
    expect(await main(['run', '--base-url', served.url, '--oauth-token-url', 'ftp://x/token', '--quiet'], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(/--oauth-token-url: must use http or https, not ftp:/);
  });
});

describe('a token the target stops accepting', () => {
  /** The reference behind a token endpoint that revokes every token after `every` answers. */
  function revoking(every: number): TokenEndpointHandler {
    let answered = 0;
    // The handler is called only after the endpoint exists, so it may name it.
    const counting: ReferenceHandler = (request) => {
      const answer = reference.handler(request);
      if (++answered % every === 0) endpoint.revokeAll();
      return answer;
    };
    const endpoint = withTokenEndpoint(counting, { identities: reference.identities, ttlSeconds: 3600 });
    return endpoint;
  }

  const session = (handler: ReferenceHandler, suites: string[]) =>
    runSession({
      spec,
      profile: builtInProfile(reference.profile),
      catalog,
      destination: { kind: 'in-process', handler },
      secrets: { primary: { oauthClient: CLIENT } },
      seed: 3,
      fuzzRuns: 20,
      gatingLevel: 'MUST',
      suites,
      concurrency: 1,
    });

  it('is renewed once after the 401 and the request sent again, so nothing fails', async () => {
    const endpoint = revoking(40);
    const { report, target } = await session(endpoint, ['schema', 'parameters']);
    expect(report.verdict).toBe('conformant');
    expect(report.run.requests.total).toBeGreaterThan(80);
    // One token at the start and one after each revocation, fetched by the kit each time.
    expect(target.tokenRequests()).toBe(endpoint.issued.length);
    expect(endpoint.issued.length).toBe(1 + Math.floor(report.run.requests.total / 40));
  });

  it('is renewed at most once: a target that refuses every token it issued gets two token requests, not one per request', async () => {
    // The token endpoint stands its tokens for one the API does not know.
    const identities = identitiesWith({ oauthKey: CLIENT.key, oauthSecret: CLIENT.secret, oauthToken: 'unknown-to-the-api' });
    const endpoint = withTokenEndpoint(reference.handler, { identities, ttlSeconds: 3600 });
    const { report, target } = await session(endpoint, ['schema']);
    expect(report.verdict).not.toBe('conformant');
    expect(report.run.requests.total).toBeGreaterThan(10);
    expect(target.tokenRequests()).toBe(2);
  });
});
