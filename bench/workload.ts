/**
 * One timed run of the engine, as the benchmark measures it: `runSession` in this process
 * against a base URL (the reference in a child process, or the delay proxy in front of it),
 * from the first request to the report model. Loading the spec and writing reports are not in
 * the time: they do not depend on the target.
 */
import { runSession } from '../src/engine/session.js';
import { buildCatalog } from '../suites/index.js';
import { referenceSecrets } from '../src/reference/identities.js';
import type { Destination } from '../src/engine/destination.js';
import { builtInProfile } from '../src/profile/load.js';
import type { Reference } from '../src/reference/index.js';
import type { LoadedSpec } from '../src/contract/load.js';

/** What a run certifies: the whole catalog, or the fuzz suite alone. */
export interface Workload {
  readonly name: string;
  readonly suites?: readonly string[];
  readonly fuzzRuns: number;
}

export interface TimedRun {
  readonly seconds: number;
  readonly requests: number;
  readonly verdict: string;
}

/** The seed of every measured run: the same requests each time. */
export const BENCH_SEED = 1;

/** `target`: a base URL, or any destination (the reference called in-process). */
export async function timeRun(
  spec: LoadedSpec,
  reference: Reference,
  target: string | Destination,
  workload: Workload,
  concurrency: number,
): Promise<TimedRun> {
  const started = performance.now();
  const { report } = await runSession({
    spec,
    catalog: buildCatalog(spec),
    profile: builtInProfile(reference.profile),
    destination: typeof target === 'string' ? { kind: 'http', baseUrl: target } : target,
    secrets: referenceSecrets(reference.identities),
    seed: BENCH_SEED,
    fuzzRuns: workload.fuzzRuns,
    gatingLevel: 'MUST',
    concurrency,
    ...(workload.suites ? { suites: workload.suites } : {}),
  });
  return { seconds: (performance.now() - started) / 1000, requests: report.run.requests.total, verdict: report.verdict };
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
