/**
 * The worked vendor example of the README: a 33-line mock in plain node:http, fed only the
 * files `dataset export` and `dataset transcript` write, passes a full certification with
 * golden mode on, and a replay of the transcript.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { basicAuthHeader } from '../../src/http/redact.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import { loadSpec } from '../../src/contract/load.js';
import { buildCatalog } from '../../suites/index.js';
import { startChildServer, type ChildServer } from '../support/process.js';

const MOCK = join(PACKAGE_ROOT, 'examples', 'vendor-mock', 'mock.mjs');
const SEED = '7';
// The demo identities, as a vendor's CI would set them for its mock.
const ENV = {
  LEDGER_CONFORMANCE_USER: 'demo.till',
  LEDGER_CONFORMANCE_PASSWORD: 'demo-password',
  LEDGER_CONFORMANCE_TOKEN: 'demo-oauth-token',
  LEDGER_CONFORMANCE_FORBIDDEN_USER: 'noaccess.till',
  LEDGER_CONFORMANCE_FORBIDDEN_PASSWORD: 'noaccess-password',
  LEDGER_CONFORMANCE_BREAKUP_DISABLED_USER: 'legacy.till',
  LEDGER_CONFORMANCE_BREAKUP_DISABLED_PASSWORD: 'legacy-password',
};

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'ledger-vendor-'));
const readReport = (dir: string): ConformanceReport =>
  JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;

function io(env: Record<string, string | undefined> = {}): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env, color: false, lines, errors };
}

let exported: string;
let transcript: string;
let mock: ChildServer;
beforeAll(async () => {
  exported = tempDir();
  transcript = join(tempDir(), 'golden.ndjson');
  expect(await main(['dataset', 'export', '--out', exported], io())).toBe(0);
  expect(await main(['dataset', 'transcript', '--profile', 'reference', '--seed', SEED, '--out', transcript], io())).toBe(0);
  mock = await startChildServer([MOCK, join(exported, 'dataset.json'), transcript]);
});
afterAll(async () => {
  await mock?.stop();
});

describe('the vendor mock example', () => {
  it('is about 30 lines of plain Node.js that import nothing but node: modules', () => {
    const source = readFileSync(MOCK, 'utf8');
    expect(source.trimEnd().split('\n').length).toBeLessThanOrEqual(35);
    expect([...source.matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['node:crypto', 'node:fs', 'node:http']);
  });

  it('passes a full certification with golden mode on (the exported profile declares canonicalDataset)', async () => {
    const reports = tempDir();
    const cli = io(ENV);
    const code = await main(
      [
        'run',
        '--base-url',
        mock.url,
        '--profile',
        join(exported, 'profile.json'),
        '--seed',
        SEED,
        '--quiet',
        '--report-dir',
        reports,
      ],
      cli,
    );
    const report = readReport(reports);
    expect(
      report.requirements
        .filter((r) => r.status !== 'pass')
        .map((r) => `${r.id} ${r.status} ${r.failures[0]?.title ?? r.reasons.join(' ')}`),
    ).toEqual([]);
    expect(code).toBe(0);
    expect(report.verdict).toBe('conformant');
    const catalog = buildCatalog(loadSpec());
    expect(report.requirements.map((r) => r.id).sort()).toEqual(
      [...new Set([...catalog.checks, ...catalog.observers].map((c) => c.requirement))].sort(),
    );
    expect(report.requirements.find((r) => r.id === 'GOLDEN-MATCH')!.checks).toEqual([
      expect.objectContaining({ id: 'golden/golden-match', status: 'pass' }),
    ]);
    expect(report.fuzz!.runs).toBe(100);
  });

  it('passes the replay of its transcript', async () => {
    const reports = tempDir();
    expect(
      await main(
        [
          'run',
          '--base-url',
          mock.url,
          '--profile',
          join(exported, 'profile.json'),
          '--transcript',
          transcript,
          '--suite',
          'golden',
          '--quiet',
          '--report-dir',
          reports,
        ],
        io(ENV),
      ),
    ).toBe(0);
    expect(
      readReport(reports)
        .requirements.find((r) => r.id === 'GOLDEN-MATCH')!
        .checks.map((c) => [c.id, c.status]),
    ).toEqual([
      ['golden/golden-match', 'pass'],
      ['golden/transcript', 'pass'],
    ]);
  });

  it('fails under --seeds: the seed after the transcript’s draws requests the mock never saw, and the worst seed decides', async () => {
    const reports = tempDir();
    const cli = io(ENV);
    const args = ['run', '--base-url', mock.url, '--profile', join(exported, 'profile.json'), '--quiet'];
    expect(await main([...args, '--seed', SEED, '--seeds', '2', '--report-dir', reports], cli)).toBe(1);
    expect(readReport(join(reports, `seed-${SEED}`)).verdict).toBe('conformant');
    const next = readReport(join(reports, `seed-${Number(SEED) + 1}`));
    expect(next.verdict).toBe('non-conformant');
    expect(next.run.seed).toBe(Number(SEED) + 1);
    expect(cli.lines).toContain("Seeds:   2 runs, exit code 1 (the worst seed's)");
    expect(cli.lines.some((line) => line.startsWith(`  seed ${Number(SEED) + 1}: non-conformant: `))).toBe(true);
    expect(readFileSync(join(reports, 'seeds.md'), 'utf8')).toContain(`| seed ${SEED} |`);
  });

  it('answers only what the transcript holds: any other request is a 501 (the README says why)', async () => {
    const response = await fetch(
      `${mock.url}/v2/pointsLedger/getLedgerExplodeInfo?identifierName=mobile&identifierValue=1&source=INSTORE&eventIds=1`,
      {
        headers: { authorization: basicAuthHeader(ENV.LEDGER_CONFORMANCE_USER, ENV.LEDGER_CONFORMANCE_PASSWORD) },
      },
    );
    expect(response.status).toBe(501);
    expect(await response.text()).toBe('not in the transcript');
  });
});
