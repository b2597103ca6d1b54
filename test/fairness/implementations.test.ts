/**
 * The fairness oracle (architecture §11): implementations of the endpoint that this project did
 * not write, each certified the way a QA engineer certifies a real cluster (a minimal profile
 * from its QA sheet, `discover`, `run --overlay`). Each must come out conformant with no MUST
 * failure and most MUSTs proven; each of its planted faults (FAULTS.md: a violation of something
 * the sources state) must add a MUST failure under the same overlay, or stop the run at the
 * preflight. A MUST failure on one of them is presumed to be the kit's bug until a sentence of
 * the public sources says otherwise.
 *
 * Java 17 and Python 3 are on every machine of this project's kind: a missing runtime fails
 * here, naming it, rather than skipping in silence.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/core/report-model.js';
import {
  certifyWith,
  discoverDialect,
  implementation,
  mustFailures,
  start,
  workFolder,
  type CommandResult,
  type Started,
} from './implementation.js';

const IMPLEMENTATIONS = ['jvm-retail', 'python-airline'];
/** The share of MUST requirements a run against each must prove (issue 26). */
const PROVEN_AT_LEAST = 0.75;
const MINUTES = 60_000;
/**
 * Seeds of the clean certification: each draws its own fuzz cases and samples. One seed missed a
 * false failure (a padded eventName, ERRATA D-WS) that the timed triage of 2026-12-06 found at
 * seed 926619789; the kit's own advice to vendors is five seeds or more.
 */
const SEEDS = 5;

/** The planted faults an implementation lists in its FAULTS.md table. */
function plantedFaults(folder: string): string[] {
  const text = readFileSync(join(folder, 'FAULTS.md'), 'utf8');
  return [...text.matchAll(/^\| *\d+ *\| *`([a-z0-9-]+)` *\|/gm)].map((m) => m[1]!);
}

function mustProven(report: ConformanceReport): { proven: number; total: number } {
  const must = report.requirements.filter((r) => r.level === 'MUST');
  return { proven: must.filter((r) => r.status === 'pass').length, total: must.length };
}

describe.each(IMPLEMENTATIONS)('%s, an implementation this project did not write', (name) => {
  const impl = implementation(name);
  const faults = plantedFaults(impl.folder);
  const work = workFolder(impl);
  let server: Started;
  let discovered: { overlay: string; result: CommandResult };
  let certified: { run: CommandResult; report: ConformanceReport | undefined; seedReports: ConformanceReport[] };

  beforeAll(async () => {
    if (!impl.available) throw new Error(`${impl.runtime} is not on this machine: ${name} starts with "${impl.sheet.start}"`);
    server = await start(impl);
    discovered = await discoverDialect(impl, server.url, work.folder, work.profile);
    certified = await certifyWith(impl, server.url, work.folder, work.profile, discovered.overlay, ['--seeds', String(SEEDS)]);
    if (!certified.report) throw new Error(`the run stopped (exit ${certified.run.code}): ${certified.run.stderr}`);
  }, 10 * MINUTES);
  afterAll(async () => server?.stop());

  it('lists at least ten planted faults, and keeps its clean-room brief', () => {
    expect(faults.length).toBeGreaterThanOrEqual(10);
    expect(readFileSync(join(impl.folder, 'BRIEF.md'), 'utf8')).toMatch(/What you may read/);
  });

  it('is described by discover from the minimal profile of its QA sheet', () => {
    expect([0, 1], discovered.result.stderr + discovered.result.stdout).toContain(discovered.result.code);
    expect(readFileSync(discovered.overlay, 'utf8')).toMatch(/^overlay: 1\.0\.0/m);
  });

  it(`is certified conformant under that overlay at each of ${SEEDS} seeds, with no MUST failure and at least ${PROVEN_AT_LEAST * 100} % of the MUSTs proven`, () => {
    expect(certified.seedReports.map((r) => r.run.seed)).toEqual(Array.from({ length: SEEDS }, (_, i) => 1 + i));
    for (const report of certified.seedReports) {
      const seed = `seed ${report.run.seed}`;
      expect(mustFailures(report), seed).toEqual([]);
      expect(report.verdict, seed).toBe('conformant');
      const { proven, total } = mustProven(report);
      expect(proven / total, `${seed}: ${proven} of ${total} MUST proven`).toBeGreaterThanOrEqual(PROVEN_AT_LEAST);
    }
    expect(certified.run.code).toBe(0);
  });

  it.each(faults)(
    'planted fault %s adds a MUST failure, or stops the run at the preflight',
    async (fault) => {
      const faulty = await start(impl, [fault]);
      try {
        const { run, report } = await certifyWith(impl, faulty.url, work.folder, work.profile, discovered.overlay, [
          '--fuzz-runs',
          '25',
        ]);
        const stoppedAtPreflight = run.code === 2 && /contradict|preflight/i.test(run.stderr + run.stdout);
        const caught = report?.requirements.some((r) => r.level === 'MUST' && r.status === 'fail') ?? false;
        expect(caught || stoppedAtPreflight, `${fault}: verdict ${report?.verdict}, exit ${run.code}\n${run.stderr}`).toBe(true);
      } finally {
        await faulty.stop();
      }
    },
    10 * MINUTES,
  );
});
