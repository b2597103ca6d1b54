import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { makeFolder } from '../../core/make-folder.js';
import { builtInProfile, loadProfileFile, REFERENCE_PROFILE } from '../../profile/load.js';
import { datasetFileText, datasetToFile } from '../../reference/dataset-file.js';
import { createReference } from '../../reference/index.js';
import { profileFileText } from '../../reference/profile.js';
import { loadEffectiveSpec } from '../../contract/load.js';
import { transcriptText } from '../../transcript/line.js';
import { recordTranscript } from '../../transcript/record.js';
import { buildCatalog } from '../../../suites/index.js';
import { addDatasetOptions, datasetChoice, type DatasetFlags } from '../dataset-options.js';
import type { CliIo } from '../io.js';
import { specSourceOf, withRecordedRunOptions, withSpecOptions, type SpecFlags } from '../options.js';
import { DEFAULT_FUZZ_RUNS } from './run.js';

/** The run seed a transcript is recorded with when none is given: a transcript must be reproducible. */
export const DEFAULT_TRANSCRIPT_SEED = 1;

interface ExportFlags extends DatasetFlags, SpecFlags {
  out: string;
}

interface TranscriptFlags extends DatasetFlags, SpecFlags {
  out: string;
  profile: string;
  seed: number;
  fuzzRuns: number;
}

async function writeText(file: string, option: string, text: string): Promise<void> {
  try {
    await makeFolder(dirname(file));
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(option, `cannot write ${file}: ${(error as Error).message}`);
  }
}

/**
 * `ledger-conformance dataset export|transcript`: the reference's dataset and its golden
 * answers as files, for vendors whose mocks are written in other languages.
 */
export function registerDataset(program: Command, io: CliIo): void {
  const dataset = program
    .command('dataset')
    .description('the reference dataset and its golden transcript as files, for a mock built without this tool');

  addDatasetOptions(
    withSpecOptions(dataset.command('export')).description(
      'write the reference dataset (dataset.json) and the profile that certifies a target serving it (profile.json)',
    ),
  )
    .requiredOption('--out <dir>', 'folder to write dataset.json and profile.json into')
    .action((flags: ExportFlags) => exportDataset(flags, io));

  withRecordedRunOptions(
    addDatasetOptions(
      withSpecOptions(dataset.command('transcript')).description(
        "record the golden transcript (NDJSON): every request a certification of the reference sends, with the reference's answer",
      ),
    )
      .requiredOption('--out <file>', 'the transcript file to write')
      .option(
        '--profile <file>',
        'the profile the certification takes its handles from: "reference" (of the chosen dataset) or a JSON/YAML file',
        REFERENCE_PROFILE,
      ),
    { seed: DEFAULT_TRANSCRIPT_SEED, fuzzRuns: DEFAULT_FUZZ_RUNS },
  ).action(async (flags: TranscriptFlags) => {
    const spec = loadEffectiveSpec(specSourceOf(flags));
    const reference = createReference(spec, datasetChoice(flags));
    const profile =
      flags.profile === REFERENCE_PROFILE ? builtInProfile(reference.profile) : loadProfileFile(flags.profile, spec);
    const { lines, report } = await recordTranscript({
      spec,
      source: { reference },
      profile,
      seed: flags.seed,
      fuzzRuns: flags.fuzzRuns,
      catalog: buildCatalog(spec),
    });
    const file = resolve(flags.out);
    await writeText(file, '--out', transcriptText(lines));
    io.out(file);
    const fixed = lines.filter((l) => !l.seedDependent).length;
    io.err(
      `ledger-conformance: ${lines.length} requests (${fixed} sent whatever the seed, ${lines.length - fixed} drawn from seed ${flags.seed}) with the answers of the reference (dataset seed ${reference.dataset.seed}, ${reference.dataset.size} customers)`,
    );
    io.err(
      `ledger-conformance: a certification sends the same requests with --seed ${flags.seed} --fuzz-runs ${flags.fuzzRuns}; replay it against a target (here on port 8080) with: ${replayCommand(flags, file)}`,
    );
    const failed = report.requirements.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => r.id);
    if (failed.length > 0)
      io.err(
        `ledger-conformance: note: the reference did not pass this certification (${failed.join(', ')}): does the profile describe the reference dataset?`,
      );
  });
}

/**
 * The `run` line that replays a transcript, complete: a base URL (`--base-url` is required) and the
 * profile of the recording, with the demo identities when it was the built-in one.
 */
export function replayCommand(flags: { profile: string; datasetSeed?: number; datasetSize?: number }, file: string): string {
  const { seed, size } = datasetChoice(flags);
  const profile =
    flags.profile === REFERENCE_PROFILE
      ? `--profile reference --dataset-seed ${seed} --dataset-size ${size}`
      : `--profile ${flags.profile}`;
  return `ledger-conformance run --base-url http://127.0.0.1:8080 ${profile} --transcript ${file} --suite golden`;
}

/** `dataset export`: dataset.json and profile.json, and the commands that serve and certify them. */
async function exportDataset(flags: ExportFlags, io: CliIo): Promise<void> {
  const spec = loadEffectiveSpec(specSourceOf(flags));
  const reference = createReference(spec, datasetChoice(flags));
  const dir = resolve(flags.out);
  const files = [join(dir, 'dataset.json'), join(dir, 'profile.json')];
  await writeText(files[0]!, '--out', datasetFileText(datasetToFile(spec, reference.dataset, reference.identities)));
  await writeText(files[1]!, '--out', profileFileText(reference.profile));
  for (const file of files) io.out(file);
  const { seed, size } = reference.dataset;
  io.err(
    `ledger-conformance: dataset seed ${seed}, ${size} customers, ${reference.dataset.groups.length} groups, ${reference.dataset.events.size} events; serve it with: ledger-conformance serve --dataset ${files[0]} --port 8080`,
  );
  const primary = reference.identities.find((identity) => identity.role === 'primary')!;
  io.err(
    `ledger-conformance: certify a target serving it (here on port 8080) with: LEDGER_CONFORMANCE_USER=${primary.basicUser} LEDGER_CONFORMANCE_PASSWORD=${primary.basicPassword} ledger-conformance run --base-url http://127.0.0.1:8080 --profile ${files[1]} --seeds 5 (the demo identities of dataset.json; docs/vendors.md names the other two)`,
  );
}
