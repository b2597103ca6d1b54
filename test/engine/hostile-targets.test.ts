/**
 * Hostile and failing targets (docs/unreliable-targets.md): the reference behind a proxy that
 * resets connections, hangs requests, pushes back with 429 and 503 (with and without
 * Retry-After, in seconds and as an HTTP-date), truncates bodies, sends a huge body, redirects
 * (same origin, another origin, in a loop) and dies mid-run; and a target that never answers,
 * one that refuses the credentials, and a run that outlives its --run-timeout. Every run must
 * end by itself within its bound, leave the five reports (valid against the published schema),
 * send nothing to another origin, and exit with the documented code.
 *
 * The runs are small (the schema suite, 5 fuzz runs, a dataset of 5 customers: some 220
 * requests) so that the whole file takes seconds; each misbehaviour comes often enough to hit
 * the preflight and the checks alike.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { serveHandler, type RunningServer } from '../../src/reference/server.js';
import { referenceFor } from '../support/harness.js';
import { startHostileProxy, type HostileProxy, type Misbehaviour } from '../support/hostile-proxy.js';

const DATASET_SIZE = 5;
const reference = referenceFor(undefined, DATASET_SIZE);
const FIVE_REPORTS = ['conformance.json', 'ctrf.json', 'junit.xml', 'report.html', 'summary.md'];

const validate = (() => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/conformance-report.schema.json', import.meta.url), 'utf8')));
})();

function io(env: Record<string, string | undefined> = {}): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env, color: false, lines, errors };
}

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const server = createNetServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

interface Outcome {
  readonly code: number;
  readonly report: ConformanceReport;
  readonly files: string[];
  readonly wallMs: number;
  readonly errors: string[];
  readonly lines: string[];
}

/** A small certification of `baseUrl`, as a user runs it; the run must end by itself. */
async function certify(baseUrl: string, extra: readonly string[] = [], env: Record<string, string> = {}): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-hostile-'));
  const cli = io(env);
  const started = Date.now();
  const code = await main(
    [
      'run',
      '--base-url',
      baseUrl,
      '--dataset-size',
      String(DATASET_SIZE),
      '--suite',
      'schema',
      '--fuzz-runs',
      '5',
      '--seed',
      '7',
      '--quiet',
      '--report-dir',
      dir,
      '--timeout',
      '1',
      '--run-timeout',
      '60',
      ...extra,
    ],
    cli,
  );
  const wallMs = Date.now() - started;
  const files = readdirSync(dir).sort();
  const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
  return { code, report, files, wallMs, errors: cli.errors, lines: cli.lines };
}

let served: RunningServer;
beforeAll(async () => {
  served = await serveHandler(reference.handler);
});
afterAll(async () => {
  await served.close();
});

/** Every run: the five reports, valid, agreeing with the exit code, ended well within its bound. */
function expectReports(outcome: Outcome, boundMs: number): void {
  expect(outcome.files).toEqual(FIVE_REPORTS);
  expect(validate(outcome.report), JSON.stringify(validate.errors)).toBe(true);
  expect(outcome.report.exitCode).toBe(outcome.code);
  expect(outcome.report.verdictReason).toBeTruthy();
  // A bound against hanging (ten times what the run takes on a quiet machine), not a speed test.
  expect(outcome.wallMs).toBeLessThan(boundMs);
}

/** Rows of the table in docs/unreliable-targets.md, printed with HOSTILE_TABLE=1. */
const table: string[] = [];
afterAll(() => {
  if (process.env['HOSTILE_TABLE']) console.log(['transport | exit | verdict | reports | wall | retried', ...table].join('\n'));
});

function note(transport: string, outcome: Outcome): void {
  const { report } = outcome;
  table.push(
    `${transport} | ${outcome.code} | ${report.verdict}${report.aborted ? ` (${report.aborted.code})` : ''} | ${outcome.files.length} | ${(outcome.wallMs / 1000).toFixed(1)} s | ${report.run.requests.retried} of ${report.run.requests.total}${report.run.requests.throttled ? `, ${report.run.requests.throttled} pushbacks` : ''}`,
  );
}

describe('a target behind a hostile proxy', () => {
  const proxies: HostileProxy[] = [];
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
  });
  const behind = async (misbehaviour: Misbehaviour): Promise<HostileProxy> => {
    const proxy = await startHostileProxy(served.url, misbehaviour);
    proxies.push(proxy);
    return proxy;
  };

  it.each<[string, Misbehaviour]>([
    ['resets every 8th request', { kind: 'reset', every: 8 }],
    ['never answers every 20th request', { kind: 'hang', every: 20 }],
    ['cuts every 6th body short', { kind: 'truncate', every: 6 }],
    ['answers 503 without Retry-After to every 8th request', { kind: 'pushback', status: 503, retryAfter: 'none', every: 8 }],
    ['answers 429 without Retry-After to every 8th request', { kind: 'pushback', status: 429, retryAfter: 'none', every: 8 }],
    [
      'answers 503 with an HTTP-date Retry-After to every 15th',
      { kind: 'pushback', status: 503, retryAfter: 'http-date', every: 15 },
    ],
  ])('%s: retried, and certified conformant', async (transport, misbehaviour) => {
    const proxy = await behind(misbehaviour);
    const outcome = await certify(proxy.url);
    note(transport, outcome);
    expectReports(outcome, 40_000);
    expect(proxy.misbehaved()).toBeGreaterThan(0);
    expect(outcome.code, outcome.lines.join('\n')).toBe(0);
    expect(outcome.report.verdict).toBe('conformant');
    expect(outcome.report.run.requests.retried).toBeGreaterThanOrEqual(proxy.misbehaved() > 1 ? 1 : 0);
    expect(outcome.report.aborted).toBeUndefined();
  });

  it('rate-limits a third of the requests (429, Retry-After: 1) while pushed too fast: conformant, slower', async () => {
    const proxy = await behind({ kind: 'pushback', status: 429, retryAfter: 'seconds', every: 3, overRate: 40 });
    const outcome = await certify(proxy.url);
    note('429 Retry-After: 1 to a third of the requests over 40/s', outcome);
    expectReports(outcome, 60_000);
    expect(outcome.code, outcome.lines.join('\n')).toBe(0);
    expect(outcome.report.run.requests.throttled).toBeGreaterThan(0);
    expect(outcome.report.run.requests.retried).toBeGreaterThan(0);
    expect(outcome.lines.join('\n')).toMatch(/rate-limited answers waited out/);
    expect(outcome.lines.join('\n')).not.toMatch(/does not answer/);
  });

  it('sends a body far over --max-response-bytes: cut, judged, the run goes on', async () => {
    const proxy = await behind({ kind: 'huge-body', every: 40, bytes: 64 * 1024 * 1024 });
    const outcome = await certify(proxy.url, ['--max-response-bytes', String(256 * 1024)]);
    note('a 64 MiB body to every 40th request', outcome);
    expectReports(outcome, 40_000);
    expect(outcome.code).toBe(1);
    expect(outcome.report.requirements.find((r) => r.id === 'RESP-BODY')?.status).toBe('fail');
  });

  it.each<['same-origin' | 'other-origin' | 'loop', number]>([
    ['same-origin', 1],
    ['other-origin', 1],
    ['loop', 1],
  ])('redirects (%s): never followed, judged as the answer it is', async (to, exitCode) => {
    const proxy = await behind({ kind: 'redirect', to });
    const outcome = await certify(proxy.url);
    note(`302 to ${to === 'loop' ? 'itself' : `another path on the ${to}`}`, outcome);
    expectReports(outcome, 40_000);
    expect(outcome.code).toBe(exitCode);
    expect(proxy.otherOriginRequests()).toBe(0);
    expect(outcome.report.requirements.find((r) => r.id === 'RESP-STATUS')?.status).toBe('fail');
  });

  it('dies mid-run: one line, stopped soon, what was proven kept, the rest error', async () => {
    const proxy = await behind({ kind: 'die', after: 220 });
    const outcome = await certify(proxy.url, ['--suite', 'schema,parameters']);
    note('dies after 220 requests', outcome);
    expectReports(outcome, 40_000);
    expect(outcome.code).toBe(3);
    expect(outcome.report.aborted).toMatchObject({ code: 'CT_STOPPED_ANSWERING', stage: 'checks' });
    const stopped = outcome.errors.filter((l) => /stopped answering/.test(l));
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatch(/^ledger-conformance: the target stopped answering after \d+ requests: /);
    // Stopped soon: what was still queued ended at once with the stop, not one refused connection each.
    const reasons = outcome.report.requirements.flatMap((r) => r.reasons);
    expect(reasons.some((reason) => reason.includes('CT_STOPPED_ANSWERING'))).toBe(true);
    // What was proven before is kept.
    expect(outcome.report.requirements.some((r) => r.status === 'pass')).toBe(true);
    expect(outcome.report.requirements.some((r) => r.status === 'error')).toBe(true);
    expect(outcome.lines.filter((l) => /ECONNREFUSED/.test(l)).length).toBeLessThanOrEqual(1);
  });
});

describe('a target that cannot be judged at all', () => {
  it('does not answer: exit 3, one line, the five reports saying why', async () => {
    const outcome = await certify(`http://127.0.0.1:${await closedPort()}`);
    note('nothing listens', outcome);
    expectReports(outcome, 20_000);
    expect(outcome.code).toBe(3);
    const told = outcome.errors.filter((l) => !/using the reference demo identities/.test(l));
    expect(told, told.join('\n')).toHaveLength(1);
    expect(told[0]).toMatch(/^ledger-conformance: the target does not answer: /);
    expect(outcome.report.aborted).toMatchObject({ code: 'CT_UNREACHABLE', stage: 'preflight' });
    expect(outcome.report.requirements.every((r) => r.status === 'error')).toBe(true);
    expect(outcome.report.verdictReason).toMatch(
      /^the run stopped in the preflight, before any check: the target does not answer/,
    );
  });

  it('refuses the credentials: exit 2, with the reports', async () => {
    const outcome = await certify(served.url, [], {
      LEDGER_CONFORMANCE_USER: reference.identities[0]!.basicUser,
      LEDGER_CONFORMANCE_PASSWORD: 'not-the-password',
    });
    note('credentials refused (401)', outcome);
    expectReports(outcome, 20_000);
    expect(outcome.code).toBe(2);
    expect(outcome.report.aborted).toMatchObject({ code: 'CT_CREDENTIALS_REJECTED', stage: 'preflight' });
  });

  it('outlives --run-timeout: exit 3 at the deadline, with the reports', async () => {
    const proxy = await startHostileProxy(served.url, { kind: 'hang', every: 1 });
    try {
      const outcome = await certify(proxy.url, ['--run-timeout', '1', '--timeout', '30']);
      note('never answers, --run-timeout 1', outcome);
      expectReports(outcome, 15_000);
      expect(outcome.code).toBe(3);
      expect(outcome.report.aborted).toMatchObject({ code: 'CT_RUN_TIMEOUT', stage: 'preflight' });
    } finally {
      await proxy.close();
    }
  });
});
