/**
 * The latency floor: through a proxy that holds every request `delayMs`, no client can finish
 * `requests` in less than `requests × delay ÷ concurrency`. Each row is a run's wall time over
 * that floor, for a workload at one concurrency. Beside it, the same requests replayed through
 * the same proxy by a bare undici loop, with no check waiting on any answer: what this machine,
 * as busy as it is at that moment, lets any client reach.
 *
 * The timed runs are warm: each workload first runs once untimed, to record its requests, so
 * the process has compiled the closed schema variants, built the fuzz generators and warmed
 * its JIT. The whole command, start to exit, is command.ts's.
 */
import type { Reference } from '../src/reference/index.js';
import type { LoadedSpec } from '../src/contract/load.js';
import { startProxy } from './children.js';
import { recordRequests, replay, type WireRequest } from './replay.js';
import { timeRun, type Workload } from './workload.js';

export interface LatencyRow {
  readonly workload: string;
  readonly concurrency: number;
  readonly delayMs: number;
  readonly requests: number;
  readonly seconds: number;
  readonly floorSeconds: number;
  readonly ratio: number;
  /** The bare loop's wall time for the same requests through the same proxy. */
  readonly loopSeconds: number;
  readonly verdict: string;
}

export async function measureLatency(
  spec: LoadedSpec,
  reference: Reference,
  upstream: string,
  delayMs: number,
  workloads: readonly Workload[],
  concurrencies: readonly number[],
): Promise<LatencyRow[]> {
  const proxy = await startProxy(upstream, delayMs);
  const rows: LatencyRow[] = [];
  try {
    for (const workload of workloads) {
      const requests: WireRequest[] = await recordRequests(
        reference.handler,
        async (url) => void (await timeRun(spec, reference, url, workload, 4)),
      );
      for (const concurrency of concurrencies) {
        const run = await timeRun(spec, reference, proxy.url, workload, concurrency);
        const loop = await replay(proxy.url, requests, concurrency);
        const floorSeconds = (run.requests * delayMs) / 1000 / concurrency;
        rows.push({
          workload: workload.name,
          concurrency,
          delayMs,
          requests: run.requests,
          seconds: run.seconds,
          floorSeconds,
          ratio: run.seconds / floorSeconds,
          loopSeconds: loop.seconds,
          verdict: run.verdict,
        });
        console.error(
          `  latency: ${workload.name}, concurrency ${concurrency}: ${run.seconds.toFixed(2)} s, floor ${floorSeconds.toFixed(2)} s, bare loop ${loop.seconds.toFixed(2)} s`,
        );
      }
    }
  } finally {
    await proxy.stop();
  }
  return rows;
}
