/**
 * The bin runs the bundled command line (scripts/bundle.mjs), not the compiled sources the other
 * tests import: what it prints and writes must be what the sources do. A certification through
 * it, the help of every command, and the self-test's worker (an entry of its own, found beside
 * the bundle), each compared with the sources run in-process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/command-table.js';
import { main } from '../../src/cli/main.js';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import type { ConformanceReport } from '../../src/core/report-model.js';

const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const bin = join(PACKAGE_ROOT, manifest.bin['ledger-explode-conformance']!);

async function runBin(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** What the sources print for `args`, run in-process. */
async function printedBySources(args: readonly string[]): Promise<string> {
  let out = '';
  // As the process's io writes it: each line with its newline.
  await main(args, { out: (line) => (out += line + '\n'), err: () => {}, env: {}, color: false });
  return out;
}

describe('the bundled command line', () => {
  it('is what the bin runs', () => {
    expect(manifest.bin['ledger-explode-conformance']).toBe('dist/bundle/main.js');
  });

  it('prints the help of every command as the sources do', async () => {
    expect((await runBin(['--help'])).stdout).toBe(await printedBySources(['--help']));
    for (const { name } of COMMANDS) {
      const printed = await runBin([name, '--help']);
      expect(printed.code, name).toBe(0);
      expect(printed.stdout, name).toBe(await printedBySources([name, '--help']));
    }
  });

  it('certifies the embedded reference: conformant, every report written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-run-'));
    const { code, stderr } = await runBin(['run', '--embedded', '--seed', '3', '--report-dir', dir, '--quiet']);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.verdict).toBe('conformant');
    expect(report.counts.byLevel.MUST).toMatchObject({ fail: 0, error: 0 });
    for (const file of ['junit.xml', 'report.html', 'summary.md', 'ctrf.json'])
      expect(readFileSync(join(dir, file), 'utf8')).not.toBe('');
  });

  it("runs the self-test's workers from beside the bundle", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-selftest-'));
    const { code, stdout } = await runBin([
      'selftest',
      '--seeds',
      '1',
      '--fuzz-runs',
      '10',
      '--workers',
      '1',
      '--report-dir',
      dir,
    ]);
    // Ten fuzz runs a property leave some narrow faults unfound (its help says so): the exit code
    // is not the point here, the workers' results are.
    expect([0, 1]).toContain(code);
    expect(stdout).toMatch(/faults killed \d+\/\d+, seeds clean 1\/1/);
    expect(readFileSync(join(dir, 'kill-matrix.json'), 'utf8').length).toBeGreaterThan(0);
  });
});
