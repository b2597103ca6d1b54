/**
 * Certifying a target with data of its own, from what a QA engineer knows: the reference served
 * with another dataset seed and size plays the cluster, and the profile is the minimal one of
 * `test/support/minimal-profile.ts` (two customers and a group, one lookup each, a few event
 * ids). Profile and credential mistakes must come back as such (exit 2 with one clear message),
 * an unreachable target as exit 3 within one request timeout, never as the target's failures.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main, type CliIo } from '../../src/cli/main.js';
import { runSession } from '../../src/engine/session.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { normaliseProfile } from '../../src/profile/declared.js';
import { createReference } from '../../src/reference/index.js';
import { serveHandler, type RunningServer } from '../../src/reference/server.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { spec } from '../support/harness.js';
import { minimalProfileOf } from '../support/minimal-profile.js';
import { generateSelfSignedCertificate, startHttpsServer, type TestServer } from '../http/support/servers.js';
import { buildCatalog as buildCatalogOf } from '../../suites/index.js';

const catalog = buildCatalogOf(spec);

const cluster = createReference(spec, { seed: 7, size: 24 });
const minimal = minimalProfileOf(cluster.dataset);
const demo = cluster.identities.find((i) => i.role === 'primary')!;
const env = { LEDGER_CONFORMANCE_USER: demo.basicUser, LEDGER_CONFORMANCE_PASSWORD: demo.basicPassword };

function io(environment: Record<string, string | undefined> = env): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env: environment, color: false, lines, errors };
}
const folder = (): string => mkdtempSync(join(tmpdir(), 'ledger-cluster-'));
const writeProfile = (profile: unknown): string => {
  const file = join(folder(), 'staging.yaml');
  writeFileSync(file, JSON.stringify(profile));
  return file;
};

let served: RunningServer;
beforeAll(async () => {
  served = await serveHandler(cluster.handler);
});
afterAll(async () => {
  await served.close();
});

describe('a minimal profile against a dataset of its own', () => {
  let report: ConformanceReport;
  beforeAll(async () => {
    ({ report } = await runSession({
      catalog,
      spec,
      profile: { declared: normaliseProfile(minimal, 'staging'), name: 'staging.yaml', sha256: '0'.repeat(64) },
      destination: { kind: 'in-process', handler: cluster.handler },
      // The one identity a QA engineer has: Basic credentials of a till.
      secrets: { primary: { basic: referenceSecrets(cluster.identities).primary.basic! } },
      seed: 11,
      fuzzRuns: 100,
      gatingLevel: 'MUST',
      preflight: true,
    }));
  });

  it('is conformant, with nothing failed and nothing broken', () => {
    const problems = report.requirements
      .filter((r) => r.status === 'fail' || r.status === 'error')
      .map((r) => `${r.id}: ${r.failures[0]?.message ?? r.reasons.join(' | ')}`);
    expect(problems).toEqual([]);
    expect(report.verdict).toBe('conformant');
  });

  it('proves at least 75 % of the MUST requirements, and says which it did not and why', () => {
    expect(report.coverage.level).toBe('MUST');
    expect(report.coverage.percent).toBeGreaterThanOrEqual(75);
    for (const missing of report.coverage.notProven) {
      expect(missing.status).toBe('skip');
      expect(missing.profileField ?? missing.environment, missing.id).toBeDefined();
    }
  });

  it('learned the event names, events without detail, currencies and absent handles, each with its request', () => {
    const learned = report.preflight!.learned;
    expect(learned.some((l) => /^\/customers\/0\/events\/\d+$/.test(l.pointer))).toBe(true);
    expect(learned.some((l) => /^\/customers\/\d+\/alternateCurrencies$/.test(l.pointer))).toBe(true);
    expect(learned.some((l) => l.pointer.startsWith('/absent/customers/'))).toBe(true);
    for (const l of learned) expect(l.request, l.pointer).toMatch(/^GET \?|^the /);
    expect(report.run.requests.total).toBeGreaterThan(report.preflight!.requests);
  });
});

describe('mistakes of the user are reported as such', () => {
  it('a typo in a lookup: exit 2, naming the handle, before any check', async () => {
    const typo = structuredClone(minimal);
    const value = typo.customers[1]!.lookups[0]!.identifierValue;
    typo.customers[1]!.lookups[0]!.identifierValue = `${value.slice(0, -1)}${(Number(value.at(-1)) + 1) % 10}`;
    const dir = folder();
    const cli = io();
    expect(
      await main(['run', '--base-url', served.url, '--profile', writeProfile(typo), '--report-dir', dir, '--quiet'], cli),
    ).toBe(2);
    const message = cli.errors.join('\n');
    expect(message).toMatch(/the target contradicts 1 handle of the profile/);
    expect(message).toContain(`/customers/1/lookups/0 mobile=${typo.customers[1]!.lookups[0]!.identifierValue} in INSTORE`);
    expect(message).toMatch(/400, error 8015 \(customer-not-found\)/);
    // The run started: its reports say why it judged nothing.
    expect(readdirSync(dir)).toContain('summary.md');
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as {
      exitCode: number;
      aborted?: { code: string };
    };
    expect(report.exitCode).toBe(2);
    expect(report.aborted?.code).toBe('CT_PROFILE_MISMATCH');
  });

  it('a wrong password: exit 2, naming the credentials', async () => {
    const cli = io({ ...env, LEDGER_CONFORMANCE_PASSWORD: 'not-the-password' });
    expect(await main(['run', '--base-url', served.url, '--profile', writeProfile(minimal), '--quiet'], cli)).toBe(2);
    expect(cli.errors).toEqual([
      'ledger-conformance: credentials rejected by the target (401, not authenticated): check LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD (Basic)',
    ]);
  });

  it('a forgotten --profile against another dataset: exit 2, asking whether it is the right profile', async () => {
    const cli = io();
    expect(await main(['run', '--base-url', served.url, '--quiet'], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(
      /reference: the target contradicts \d+ handles of the profile: not one of its \d+ customers and groups is found; is it the profile of this target \(--profile\)\?/,
    );
  });

  it('a user without a password: exit 2, naming the missing variable', async () => {
    const cli = io({ LEDGER_CONFORMANCE_USER: demo.basicUser });
    expect(await main(['run', '--base-url', served.url, '--profile', writeProfile(minimal)], cli)).toBe(2);
    expect(cli.errors).toEqual([
      'ledger-conformance: credentials: LEDGER_CONFORMANCE_USER is set but LEDGER_CONFORMANCE_PASSWORD is not: Basic needs both',
    ]);
  });

  it('--no-preflight with a profile that leaves names to learn: exit 2, naming each gap', async () => {
    const cli = io();
    expect(await main(['run', '--base-url', served.url, '--profile', writeProfile(minimal), '--no-preflight'], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(/\/customers\/0\/events\/0: needs eventName: the preflight learns it/);
  });
});

describe('a target that does not answer', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers: the request timeout is what ends the wait.
    silent = createNetServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  let tls: TestServer | undefined;
  beforeAll(async () => {
    const certificate = generateSelfSignedCertificate();
    if (certificate) tls = await startHttpsServer(certificate, (_request, response) => response.end('{}'));
  });
  afterAll(async () => {
    await tls?.close();
  });

  it.each([
    ['a host that does not resolve', () => 'http://no-such-host.invalid'],
    ['a host that never answers', () => `http://127.0.0.1:${(silent.address() as { port: number }).port}`],
    ['a certificate the machine does not trust', () => tls?.url ?? 'http://no-such-host.invalid'],
  ])('%s: exit 3 with one line, within one request timeout', async (_, url) => {
    const cli = io();
    const started = Date.now();
    expect(await main(['run', '--base-url', url(), '--profile', writeProfile(minimal), '--timeout', '1', '--quiet'], cli)).toBe(
      3,
    );
    // One timeout of 1 s, plus start-up: a bound against hanging, not a speed measurement.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(cli.errors).toHaveLength(1);
    expect(cli.errors[0]).toMatch(
      new RegExp(`^ledger-conformance: the target does not answer: ${url().replace(/[.]/g, '\\.')}: `),
    );
  });
});

describe('profile init', () => {
  it('writes the learned profile as YAML, a comment naming the request that taught each value, that a run then uses as it is', async () => {
    const out = join(folder(), 'full.yaml');
    const cli = io();
    expect(
      await main(
        ['profile', 'init', '--base-url', served.url, '--profile', writeProfile(minimal), '--out', out, '--seed', '4'],
        cli,
      ),
    ).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+profile\.schema\.json$/m);
    expect(text).toMatch(
      /eventName: \w+.*# learned: GET \?identifierName=mobile&identifierValue=\d+&source=INSTORE&eventIds=[\d,]+ → 200/,
    );
    const learned = parse(text) as { $schema: string; customers: { events: { eventName: string }[] }[] };
    expect(learned.customers[0]!.events.every((e) => typeof e.eventName === 'string')).toBe(true);
    const dir = folder();
    expect(
      await main(
        [
          'run',
          '--base-url',
          served.url,
          '--profile',
          out,
          '--no-preflight',
          '--report-dir',
          dir,
          '--quiet',
          '--seed',
          '4',
          '--suite',
          'errors,identifiers',
        ],
        io(),
      ),
    ).toBe(0);
  });

  it('refuses a folder it cannot write, before sending anything', async () => {
    const file = join(folder(), 'a-file');
    writeFileSync(file, '');
    const cli = io();
    expect(
      await main(
        [
          'profile',
          'init',
          '--base-url',
          'http://127.0.0.1:9',
          '--profile',
          writeProfile(minimal),
          '--out',
          join(file, 'full.yaml'),
        ],
        cli,
      ),
    ).toBe(2);
    expect(cli.errors).toHaveLength(1);
    expect(cli.errors[0]).toMatch(/^ledger-conformance: --out: cannot write to /);
  });
});

describe('--require-coverage', () => {
  it('exits 1 below the bar, the verdict still conformant, and the report says so', async () => {
    const dir = folder();
    const args = [
      'run',
      '--base-url',
      served.url,
      '--profile',
      writeProfile(minimal),
      '--report-dir',
      dir,
      '--quiet',
      '--seed',
      '2',
      '--fuzz-runs',
      '10',
    ];
    expect(await main([...args, '--require-coverage', '99'], io())).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.verdict).toBe('conformant');
    expect(report.coverage.required).toEqual({ percent: 99, met: false });
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/below --require-coverage 99/);
    expect(await main([...args, '--require-coverage', '75'], io())).toBe(0);
  });
});

describe('absent handles the kit makes', () => {
  it('are used only once the target did not find them; one it finds is left out, and the preflight says so', async () => {
    // A target that answers a mobile number no one has with the ledger of a real customer.
    const known = cluster.profile.customers[0]!;
    const finder: typeof cluster.handler = (request) => {
      const query = new URLSearchParams(request.rawQuery);
      if (
        query.get('identifierName') !== 'mobile' ||
        cluster.dataset.customers.some((c) => c.mobile === query.get('identifierValue'))
      )
        return cluster.handler(request);
      query.set('identifierValue', known.lookups[0]!.identifierValue);
      if (query.has('eventIds')) query.set('eventIds', known.events[0]!.eventLogId);
      return cluster.handler({ ...request, rawQuery: query.toString() });
    };
    const { report } = await runSession({
      catalog,
      spec,
      profile: { declared: normaliseProfile(minimal, 'staging'), name: 'staging.yaml', sha256: '0'.repeat(64) },
      destination: { kind: 'in-process', handler: finder },
      secrets: referenceSecrets(cluster.identities),
      seed: 5,
      fuzzRuns: 10,
      gatingLevel: 'MUST',
      preflight: true,
      suites: ['errors', 'identifiers'],
    });
    expect(
      report.preflight!.notes.some((n) =>
        /the target found a made-up customer mobile every time it was tried, so none is used/.test(n),
      ),
    ).toBe(true);
    expect(
      report.preflight!.learned.filter((l) => l.pointer.startsWith('/absent/customers/')).map((l) => l.value),
    ).not.toContainEqual(expect.stringMatching(/^mobile=/));
    // The other made-up customers were not found, so 8015 is still proven, on them.
    expect(report.requirements.find((r) => r.id === 'ERR-8015')!.status).toBe('pass');
  });
});
