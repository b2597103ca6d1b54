/**
 * Peak memory of whole command lines, as the operating system counts it: `run --embedded
 * --suite fuzz` at two budgets, so that what a run keeps per request shows as growth.
 */
import { runCommandLine } from './children.js';

export interface MemoryRow {
  readonly fuzzRuns: number;
  /** Requests the run sent (its report says): five per fuzz run. */
  readonly requests: number;
  readonly peakMb: number;
  readonly seconds: number;
  readonly exitCode: number;
}

export async function measureMemory(budgets: readonly number[]): Promise<MemoryRow[]> {
  const rows: MemoryRow[] = [];
  for (const fuzzRuns of budgets) {
    const { peakMb, exitCode, seconds, report } = await runCommandLine([
      'run',
      '--embedded',
      '--suite',
      'fuzz',
      '--fuzz-runs',
      String(fuzzRuns),
      '--seed',
      '1',
    ]);
    rows.push({ fuzzRuns, requests: report.run.requests.total, peakMb, seconds, exitCode });
    console.error(`  memory: --fuzz-runs ${fuzzRuns}: peak ${peakMb.toFixed(0)} MB (exit ${exitCode})`);
  }
  return rows;
}
