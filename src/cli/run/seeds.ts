/**
 * `run --seeds N`: one certification under N run seeds in a row (`--seed`, or a random one, and
 * the N−1 after it). A target that matches what one seed sends can still break on the requests
 * another seed draws (fuzz cases, sampled handles, made-up absent values): a vendor whose mock
 * passed seed 1 found two bugs only at seeds 3 and 5. Each seed's five reports go to
 * `<report-dir>/seed-<s>/`; the seeds side by side (the implementations table, one column per
 * seed) to `<report-dir>/seeds.md` and `seeds.html`. The exit code is the worst seed's.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConformanceReport } from '../../core/report-model.js';
import { makeFolder } from '../../core/make-folder.js';
import { renderImplementationsHtml } from '../../report/implementations/html.js';
import { renderImplementationsMarkdown } from '../../report/implementations/markdown.js';
import { buildImplementationsTable } from '../../report/implementations/table.js';
import type { CliIo } from '../io.js';
import type { PreparedRun } from './prepare.js';
import { MAX_RUN_SEED } from './prepare.js';

/** The seeds of a run of `count` seeds starting at `first`, wrapping past the largest seed `--seed` accepts. */
export function seedsOf(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => (first + k) % (MAX_RUN_SEED + 1));
}

/** Non-conformant anywhere is non-conformant; else a seed that could not be judged makes the whole inconclusive. */
export function worstExitCode(codes: readonly number[]): number {
  if (codes.includes(1)) return 1;
  if (codes.includes(3)) return 3;
  return codes.find((code) => code !== 0) ?? 0;
}

/**
 * Runs `certifyOne` once per seed, each with its own report folder, then writes the seeds side by
 * side and prints one line per seed. Resolves to the worst exit code.
 */
export async function runSeeds(
  prepared: PreparedRun,
  count: number,
  io: CliIo,
  certifyOne: (prepared: PreparedRun) => Promise<{ report: ConformanceReport; exitCode: number }>,
): Promise<number> {
  const runs: { seed: number; report: ConformanceReport; exitCode: number }[] = [];
  for (const [k, seed] of seedsOf(prepared.seed, count).entries()) {
    io.out('');
    io.out(`── seed ${seed} (${k + 1} of ${count}) ──`);
    const reportDir = join(prepared.reportDir, `seed-${seed}`);
    await makeFolder(reportDir);
    runs.push({ seed, ...(await certifyOne({ ...prepared, seed, reportDir })) });
  }
  const table = buildImplementationsTable(
    runs.map(({ seed, report }) => ({ label: `seed ${seed}`, report })),
    prepared.spec.requirements.map((r) => r.id),
  );
  const written = [join(prepared.reportDir, 'seeds.md'), join(prepared.reportDir, 'seeds.html')];
  await writeFile(written[0]!, renderImplementationsMarkdown(table), 'utf8');
  await writeFile(written[1]!, renderImplementationsHtml(table), 'utf8');
  const exitCode = worstExitCode(runs.map((run) => run.exitCode));
  io.out('');
  io.out(`Seeds:   ${count} runs, exit code ${exitCode} (the worst seed's)`);
  for (const run of runs) {
    const failed = run.report.requirements.filter((r) => r.status === 'fail').map((r) => r.id);
    const detail = failed.length > 0 ? `: ${failed.join(', ')} failed` : '';
    io.out(`  seed ${run.seed}: ${run.report.verdict}${detail} (reports in ${join(prepared.reportDir, `seed-${run.seed}`)})`);
  }
  io.out(`Seeds side by side: ${written.join(', ')}`);
  return exitCode;
}
