/**
 * The latency floor: through a proxy that holds every request `delayMs`, no client can finish
 * `requests` in less than `requests × delay ÷ concurrency`. Each row is a run's wall time over
 * that floor, for a workload at one concurrency.
 */
import type { Reference } from '../src/reference/index.js';
import type { LoadedSpec } from '../src/spec/load.js';
import { startProxy } from './children.js';
import { timeRun, type Workload } from './workload.js';

export interface LatencyRow {
  readonly workload: string;
  readonly concurrency: number;
  readonly delayMs: number;
  readonly requests: number;
  readonly seconds: number;
  readonly floorSeconds: number;
  readonly ratio: number;
  readonly verdict: string;
}

export async function measureLatency(spec: LoadedSpec, reference: Reference, upstream: string, delayMs: number, workloads: readonly Workload[], concurrencies: readonly number[]): Promise<LatencyRow[]> {
  const proxy = await startProxy(upstream, delayMs);
  const rows: LatencyRow[] = [];
  try {
    for (const workload of workloads) {
      for (const concurrency of concurrencies) {
        const run = await timeRun(spec, reference, proxy.url, workload, concurrency);
        const floorSeconds = (run.requests * delayMs) / 1000 / concurrency;
        rows.push({ workload: workload.name, concurrency, delayMs, requests: run.requests, seconds: run.seconds, floorSeconds, ratio: run.seconds / floorSeconds, verdict: run.verdict });
        console.error(`  latency: ${workload.name}, concurrency ${concurrency}: ${run.seconds.toFixed(2)} s, floor ${floorSeconds.toFixed(2)} s`);
      }
    }
  } finally {
    await proxy.stop();
  }
  return rows;
}
