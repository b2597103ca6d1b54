/**
 * Peak memory of whole command lines, as the operating system counts it: `run --embedded
 * --suite fuzz` at two budgets, so that what a run keeps per request shows as growth.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peakRssOf } from './children.js';

export interface MemoryRow {
  readonly fuzzRuns: number;
  /** Requests the run sent (its report says): five per fuzz run. */
  readonly requests: number;
  readonly peakMb: number;
  readonly seconds: number;
  readonly exitCode: number;
}

export async function measureMemory(budgets: readonly number[]): Promise<MemoryRow[]> {
  const reportDir = await mkdtemp(join(tmpdir(), 'ledger-bench-'));
  const rows: MemoryRow[] = [];
  try {
    for (const fuzzRuns of budgets) {
      const args = ['run', '--embedded', '--suite', 'fuzz', '--fuzz-runs', String(fuzzRuns), '--seed', '1', '--quiet', '--report-dir', reportDir];
      const { peakMb, exitCode, seconds } = await peakRssOf(args);
      const report = JSON.parse(await readFile(join(reportDir, 'conformance.json'), 'utf8')) as { run: { requests: { total: number } } };
      rows.push({ fuzzRuns, requests: report.run.requests.total, peakMb, seconds, exitCode });
      console.error(`  memory: --fuzz-runs ${fuzzRuns}: peak ${peakMb.toFixed(0)} MB (exit ${exitCode})`);
    }
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
  return rows;
}
