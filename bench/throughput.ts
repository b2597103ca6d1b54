/**
 * The engine against the wire: a run's requests per second over a bare undici loop replaying
 * the very same requests against the same server at the same concurrency. The two take turns
 * (engine, loop, engine, loop…) so that a machine that slows down slows both; each pair gives
 * one ratio.
 */
import type { Reference } from '../src/reference/index.js';
import type { LoadedSpec } from '../src/contract/load.js';
import { recordRequests, replay } from './replay.js';
import { median, timeRun, type Workload } from './workload.js';

export interface ThroughputRow {
  readonly workload: string;
  readonly concurrency: number;
  readonly requests: number;
  /** Median requests per second of the engine and of the loop. */
  readonly engine: number;
  readonly loop: number;
  /** Engine over loop: median, lowest and highest of the pairs. */
  readonly ratio: number;
  readonly ratioMin: number;
  readonly ratioMax: number;
  readonly pairs: number;
  /**
   * Client CPU time per request (this process: the server runs in another), median of the
   * pairs. Less at the mercy of other work on the machine than wall time.
   */
  readonly engineCpuUs: number;
  readonly loopCpuUs: number;
}

/** Runs `work`, returning its result and the CPU time this process spent, in microseconds. */
async function withCpu<T>(work: () => Promise<T>): Promise<{ result: T; cpuUs: number }> {
  const before = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(before);
  return { result, cpuUs: used.user + used.system };
}

export async function measureThroughput(
  spec: LoadedSpec,
  reference: Reference,
  upstream: string,
  workload: Workload,
  concurrency: number,
  pairs: number,
): Promise<ThroughputRow> {
  const requests = await recordRequests(reference.handler, async (url) => {
    await timeRun(spec, reference, url, workload, concurrency);
  });
  // A warm-up of each, not counted: the first run compiles what the others reuse.
  await timeRun(spec, reference, upstream, workload, concurrency);
  await replay(upstream, requests, concurrency);
  const engine: number[] = [];
  const loop: number[] = [];
  const engineCpu: number[] = [];
  const loopCpu: number[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    const { result: run, cpuUs: runCpu } = await withCpu(() => timeRun(spec, reference, upstream, workload, concurrency));
    if (run.requests !== requests.length)
      throw new Error(`the engine sent ${run.requests} requests, the recording holds ${requests.length}`);
    const { result: replayed, cpuUs: replayCpu } = await withCpu(() => replay(upstream, requests, concurrency));
    if (replayed.failures > 0) throw new Error(`${replayed.failures} replayed requests failed`);
    engine.push(run.requests / run.seconds);
    loop.push(requests.length / replayed.seconds);
    engineCpu.push(runCpu / run.requests);
    loopCpu.push(replayCpu / requests.length);
  }
  const ratios = engine.map((e, i) => e / loop[i]!);
  console.error(
    `  throughput: ${workload.name}, concurrency ${concurrency}: ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}`,
  );
  return {
    workload: workload.name,
    concurrency,
    requests: requests.length,
    engine: median(engine),
    loop: median(loop),
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    pairs,
    engineCpuUs: median(engineCpu),
    loopCpuUs: median(loopCpu),
  };
}
