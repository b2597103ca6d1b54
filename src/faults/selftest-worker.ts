/**
 * A worker thread of the self-test: judges (seed, fault) pairs sent by the main thread, so that
 * the kill matrix uses every core. Each worker loads the same effective spec as the main thread
 * (its source comes as workerData), and builds the catalog and the faults from it once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildCatalog } from '../../suites/index.js';
import { loadEffectiveSpec, type SpecSource } from '../contract/load.js';
import { buildFaults } from './index.js';
import { judgeOnce, type Judgement, type Job } from './selftest.js';

const spec = loadEffectiveSpec(workerData as SpecSource);
const catalog = buildCatalog(spec);
const byId = new Map(buildFaults(spec).map((f) => [f.id, f]));

parentPort!.on('message', (job: Job) => {
  judgeOnce(spec, catalog, job.faultId === null ? undefined : byId.get(job.faultId), job.seed, job.fuzzRuns, job.full).then(
    (judgement: Judgement) => parentPort!.postMessage({ job, judgement }),
    (error: unknown) => parentPort!.postMessage({ job, error: (error as Error)?.stack ?? String(error) }),
  );
});
