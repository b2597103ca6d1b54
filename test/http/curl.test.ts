import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curlFor, shellQuote } from '../../src/http/curl.js';
import { createHttpTransport } from '../../src/http/http-transport.js';
import type { Exchange, IdentityName, ResolvedCredentials, SchedulableTransport } from '../../src/http/types.js';
import { ALL_IDENTITIES, RESOLVED, RESOLVED_OAUTH, SECRETS, SECRET_STRINGS, sampleRequest } from './support/fixtures.js';
import { startHttpServer, type TestServer } from './support/servers.js';

const run = promisify(execFile);

/** The variables a reader sets before pasting a curl line. */
const CURL_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  LEDGER_CONFORMANCE_USER: SECRETS.user,
  LEDGER_CONFORMANCE_PASSWORD: SECRETS.password,
  LEDGER_CONFORMANCE_TOKEN: SECRETS.token,
  LEDGER_CONFORMANCE_FORBIDDEN_USER: SECRETS.forbiddenUser,
  LEDGER_CONFORMANCE_FORBIDDEN_PASSWORD: SECRETS.forbiddenPassword,
  LEDGER_CONFORMANCE_FORBIDDEN_TOKEN: SECRETS.forbiddenToken,
  LEDGER_CONFORMANCE_BREAKUP_DISABLED_USER: SECRETS.breakupUser,
  LEDGER_CONFORMANCE_BREAKUP_DISABLED_PASSWORD: SECRETS.breakupPassword,
  LEDGER_CONFORMANCE_BREAKUP_DISABLED_TOKEN: SECRETS.breakupToken,
};

const AUTH_HEADERS = ['authorization', 'x-cap-api-oauth-token'] as const;

function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let server: TestServer;
const transports: SchedulableTransport[] = [];

function transportWith(credentials: ResolvedCredentials): SchedulableTransport {
  const transport = createHttpTransport({ baseUrl: `${server.url}/gw`, credentials, env: {} });
  transports.push(transport);
  return transport;
}

beforeAll(async () => {
  server = await startHttpServer((_request, response) => response.end('{}'));
});

afterAll(async () => {
  for (const transport of transports) await transport.close();
  await server.close();
});

const STYLES = [
  ['basic', RESOLVED],
  ['oauth-token', RESOLVED_OAUTH],
] as const;

const CASES = STYLES.flatMap(([style, resolved]) =>
  ALL_IDENTITIES.map((identity) => [identity, style, resolved.credentials] as const),
);

describe('curlFor', () => {
  it.each(CASES)('writes a valid, secret-free line for %s (primary style %s)', async (identity, _style, credentials) => {
    const exchange = await transportWith(credentials).send(sampleRequest(identity));
    const line = curlFor(exchange);

    for (const secret of [...SECRET_STRINGS, SECRETS.password, SECRETS.token]) expect(line).not.toContain(secret);
    expect(line).not.toMatch(/x-conformance-case-id/iu);
    expect(line).not.toContain('--insecure');
    expect(line).not.toContain('\n');
    expect(() => execFileSync('bash', ['-n', '-c', line])).not.toThrow();
  });

  it('adds --insecure only when asked', async () => {
    const exchange = await transportWith(RESOLVED.credentials).send(sampleRequest());
    expect(curlFor(exchange, { insecure: true })).toContain(' --insecure ');
  });

  it('uses the fallback style when the record carries none', () => {
    const exchange: Exchange = {
      id: 'ex-000001',
      request: { method: 'GET', url: 'https://t.example/x', headers: {}, identity: 'primary' },
      attempts: 1,
      durationMs: 1,
    };
    expect(curlFor(exchange, { fallbackAuthStyle: 'oauth-token' })).toContain('$LEDGER_CONFORMANCE_TOKEN');
    expect(curlFor(exchange)).toContain('$LEDGER_CONFORMANCE_USER');
  });

  it.each(["it's", "''", "a'b'c", '$(touch /tmp/x) `id` "q"'])('quotes %j so the shell gives it back unchanged', (text) => {
    expect(execFileSync('bash', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' })).toBe(text);
  });
});

describe.skipIf(!hasCommand('curl') || !hasCommand('md5sum'))('curlFor lines, run (needs curl and md5sum)', () => {
  async function replay(exchange: Exchange): Promise<Record<string, string>> {
    const before = server.seen.length;
    // --norc: with stdin on a socket and no SHLVL, bash would think rshd started it and read ~/.bashrc.
    await run('bash', ['--norc', '--noprofile', '-c', curlFor(exchange)], { env: CURL_ENV, timeout: 30_000 });
    expect(server.seen).toHaveLength(before + 1);
    return server.seen[before]!.headers;
  }

  const REPLAY_CASES: ReadonlyArray<readonly [IdentityName, string, ResolvedCredentials]> = CASES;

  it.each(REPLAY_CASES)('reproduces the credentials of %s (primary style %s)', async (identity, _style, credentials) => {
    const exchange = await transportWith(credentials).send(sampleRequest(identity));
    const sent = server.seen.at(-1)!;
    const replayed = await replay(exchange);

    for (const name of AUTH_HEADERS) expect(replayed[name]).toBe(sent.headers[name]);
    expect(server.seen.at(-1)?.url).toBe(sent.url);
  });

  it('reproduces a hostile raw query byte for byte', async () => {
    const rawQuery = "a='x'&b=$(id)&c=`id`&d=[1]{2}&e=\"&f=%ZZ&g=1,2|3^4\\5<6>";
    const exchange = await transportWith(RESOLVED.credentials).send(sampleRequest('none', { rawQuery }));
    const sent = server.seen.at(-1)!;
    await replay(exchange);

    expect(sent.url).toBe(`/gw/v2/pointsLedger/getLedgerExplodeInfo?${rawQuery}`);
    expect(server.seen.at(-1)?.url).toBe(sent.url);
  });
});
