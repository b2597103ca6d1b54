/**
 * The behaviour lock: for a fixed seed, `conformance.json` is byte for byte what it was. A
 * refactoring must leave these snapshots alone; a change meant to alter the report updates
 * them (`npx vitest run test/architecture -u`) and the diff shows the reviewer what changed.
 *
 * Three runs cover the report's whole shape: `npm start`'s certification through the command
 * line, a faulted reference (failures with exchanges, curl lines and a fuzz counterexample), and
 * the richest hand-built report (waivers in every state, a baseline, a shard, required coverage).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { buildFaults } from '../../src/faults/index.js';
import { compareWithBaseline } from '../../src/report/baseline.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { renderJson } from '../../src/report/renderers/json.js';
import { stabilize } from '../../src/report/stabilize.js';
import { conformantReport, nonConformantReport } from '../report/fixtures.js';
import { certify, spec } from '../support/harness.js';

const SEED = 7;
const FUZZ_RUNS = 10;
const folders: string[] = [];

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function quietIo(): CliIo & { errors: string[] } {
  const errors: string[] = [];
  return { out: () => {}, err: (line) => errors.push(line), env: {}, color: false, errors };
}

describe('behaviour lock: conformance.json for a fixed seed', () => {
  it('of `run --embedded` (what npm start runs), through the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-lock-'));
    folders.push(dir);
    const io = quietIo();
    // A generous per-request timeout (it is not part of the report): a loaded two-core machine
    // must not turn a slow answer into a transport error and so into another report.
    const args = [
      '--seed',
      String(SEED),
      '--fuzz-runs',
      String(FUZZ_RUNS),
      '--timeout',
      '120',
      '--quiet',
      '--format',
      'json',
      '--report-dir',
      dir,
    ];
    const code = await main(['run', '--embedded', ...args], io);
    expect(io.errors.filter((line) => !/embedded reference listening|preflight:|seed \d+/.test(line))).toEqual([]);
    const written = readFileSync(join(dir, 'conformance.json'), 'utf8');
    const report = JSON.parse(written) as ConformanceReport;
    expect(
      report.requirements.filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status}: ${r.reasons.join(' | ')}`),
    ).toEqual([]);
    expect(code).toBe(0);
    // The file is a fixed point of the renderer, so comparing re-rendered stabilized reports compares files.
    expect(renderJson(report)).toBe(written);
    await expect(renderJson(stabilize(report))).toMatchFileSnapshot('./__snapshots__/embedded-seed-7.conformance.json');
  }, 120_000);

  it('of a reference with a fault planted, in-process: failures with their evidence', async () => {
    const fault = buildFaults(spec).find((f) => f.id === 'fuzz/email-upper-case-crash')!;
    const report = await certify({ fault, seed: SEED, fuzzRuns: FUZZ_RUNS });
    expect(report.verdict).toBe('non-conformant');
    expect(
      report.requirements.some((r) =>
        r.failures.some((f) => f.fuzz !== undefined && f.exchange !== undefined && f.curl !== undefined),
      ),
    ).toBe(true);
    await expect(renderJson(stabilize(report))).toMatchFileSnapshot(
      './__snapshots__/fault-email-upper-case-crash-seed-7.conformance.json',
    );
  }, 120_000);

  it('of a hand-built report with every optional section', async () => {
    const report = nonConformantReport();
    const full: ConformanceReport = {
      ...report,
      run: { ...report.run, shard: { index: 2, total: 3 } },
      coverage: { ...report.coverage, required: { percent: 95, met: false } },
      baseline: compareWithBaseline(report, { file: 'previous/conformance.json', report: conformantReport() }),
    };
    await expect(renderJson(full)).toMatchFileSnapshot('./__snapshots__/hand-built-full.conformance.json');
    await expect(renderJson({ ...conformantReport(), run: { ...conformantReport().run, mergedShards: 3 } })).toMatchFileSnapshot(
      './__snapshots__/hand-built-merged.conformance.json',
    );
  });
});
