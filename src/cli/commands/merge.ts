import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { writableFolder } from '../writable.js';
import { readBaseline, withBaseline } from '../../report/baseline.js';
import { renderImplementationsHtml } from '../../report/implementations/html.js';
import { renderImplementationsMarkdown } from '../../report/implementations/markdown.js';
import { buildImplementationsTable } from '../../report/implementations/table.js';
import { assertShardsOfOneRun, mergeShards } from '../../report/merge.js';
import type { ConformanceReport } from '../../core/report-model.js';
import { labelOf, readReportFile, reportFilesIn, type ReportFile } from '../../report/read.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/renderers/index.js';
import { writeReports } from '../../report/write.js';
import { loadSpec } from '../../contract/load.js';
import type { CliIo } from '../io.js';
import { listOption } from '../options.js';
import { summaryLines } from '../summary.js';

interface MergeFlags {
  reportDir: string;
  format?: ReportFormat[];
  baseline?: string;
  table?: boolean;
}

/**
 * `ledger-conformance merge`: joins the shard reports of one run into the report of the whole
 * run (exit code as `run`), or, with `--table`, puts the runs of several targets side by side.
 */
export function registerMerge(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command('merge')
    .description('merge the shard reports of one run (run --shard i/n) into one, or (--table) tabulate several targets')
    .argument('<dirs...>', 'report folders (or conformance.json files); a folder may hold one report folder per shard')
    .requiredOption('--report-dir <dir>', 'where the merged reports (or the table) are written')
    .option(
      '--format <formats>',
      `report formats, comma-separated (${REPORT_FORMATS.join(', ')})`,
      listOption('--format', REPORT_FORMATS) as (v: string, p: ReportFormat[] | undefined) => ReportFormat[],
    )
    .option('--baseline <file>', 'gate the merged run on regressions against this earlier conformance.json')
    .option('--table', 'write implementations.md and implementations.html: one column per argument (a target, its shards merged)')
    .addHelpText(
      'after',
      `
Every conformance.json is checked against schemas/conformance-report.schema.json first. Shards
of different runs (seed, spec, target, shard total, profile, suites, …) are refused.

Exit codes: as run for a merge (0 conformant, 1 non-conformant or a regression, 3 inconclusive);
0 once the table is written; 2 for a bad report file or bad usage.`,
    )
    .action(async (dirs: string[], flags: MergeFlags) => {
      setExitCode(flags.table ? await writeTable(dirs, flags, io) : await mergeRun(dirs, flags, io));
    });
}

function readAll(path: string): ReportFile[] {
  return reportFilesIn(path, 'merge').map((file) => readReportFile(file, 'merge'));
}

function catalogOrder(): string[] {
  return loadSpec().requirements.map((r) => r.id);
}

/** The report of one run from the files that hold it (one whole run, or all its shards). */
function oneRun(files: readonly ReportFile[]): ConformanceReport {
  assertShardsOfOneRun(files);
  return files.length === 1 && files[0]!.report.run.shard === undefined ? files[0]!.report : mergeShards(files, catalogOrder());
}

async function mergeRun(dirs: readonly string[], flags: MergeFlags, io: CliIo): Promise<number> {
  const baseline = flags.baseline === undefined ? undefined : readBaseline(flags.baseline);
  const merged = oneRun(dirs.flatMap(readAll));
  // The shards' own baselines compared a share of the run; the merged run is compared afresh.
  const { baseline: _shardBaseline, ...plain } = merged;
  const report = baseline ? withBaseline(plain, baseline) : plain;
  const files = await writeReports(report, await writableFolder('--report-dir', flags.reportDir), flags.format ?? REPORT_FORMATS);
  for (const line of summaryLines(report, files, { color: io.color })) io.out(line);
  return report.exitCode;
}

async function writeTable(dirs: readonly string[], flags: MergeFlags, io: CliIo): Promise<number> {
  if (flags.baseline !== undefined)
    throw new UsageError('--baseline', 'cannot be combined with --table: a baseline gates one target');
  const labels = dirs.map(labelOf);
  const targets = dirs.map((dir, k) => ({
    // Folders with the same last name (a/eu, b/eu) keep their whole path, so columns stay apart.
    label: labels.filter((l) => l === labels[k]).length > 1 ? dir : labels[k]!,
    report: oneRun(readAll(dir)),
  }));
  const table = buildImplementationsTable(targets, catalogOrder());
  const dir = await writableFolder('--report-dir', flags.reportDir);
  const written = [join(dir, 'implementations.md'), join(dir, 'implementations.html')];
  await writeFile(written[0]!, renderImplementationsMarkdown(table), 'utf8');
  await writeFile(written[1]!, renderImplementationsHtml(table), 'utf8');
  io.out(`Implementations table: ${targets.length} targets, ${table.rows.length} requirements`);
  for (const c of table.columns)
    io.out(`  ${c.label}: ${c.verdict} (${c.passed} of ${c.judged} passed), ${c.baseUrl}, ${c.date}`);
  io.out(`Written: ${written.join(', ')}`);
  return 0;
}
