/**
 * A worker thread of the self-test: judges (seed, fault) pairs sent by the main thread, so that
 * the kill matrix uses every core. Each worker loads the spec and the references once.
 */
import { parentPort } from 'node:worker_threads';
import { loadSpec } from '../spec/load.js';
import { FAULTS } from './index.js';
import { judgeOnce, type Judgement, type Job } from './selftest.js';

const spec = loadSpec();
const byId = new Map(FAULTS.map((f) => [f.id, f]));

parentPort!.on('message', (job: Job) => {
  judgeOnce(spec, job.faultId === null ? undefined : byId.get(job.faultId), job.seed, job.fuzzRuns, job.full).then(
    (judgement: Judgement) => parentPort!.postMessage({ job, judgement }),
    (error: unknown) => parentPort!.postMessage({ job, error: (error as Error)?.stack ?? String(error) }),
  );
});
