/**
 * `ledger-conformance record`: certifies a real cluster once and keeps what it answered as a
 * golden transcript, with every personal value replaced by a stable pseudonym, beside the
 * pseudonymised profile and a dataset `serve --dataset` serves. A vendor then certifies a mock
 * against the recorded cluster with `run --transcript`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadEffectiveSpec } from '../../contract/load.js';
import { datasetFileText } from '../../reference/dataset-file.js';
import { profileFileText } from '../../reference/profile.js';
import { recordCluster } from '../../record/record-cluster.js';
import { transcriptText } from '../../transcript/line.js';
import { buildCatalog } from '../../../suites/index.js';
import { defaultedDatasetSeedOption, defaultedDatasetSizeOption } from '../dataset-options.js';
import type { CliIo } from '../io.js';
import {
  baseUrlOptionOf,
  connectionSettings,
  profileOptionOf,
  specSourceOf,
  withConnectionOptions,
  withRecordedRunOptions,
  withSpecOptions,
  type ConnectionFlags,
  type SpecFlags,
} from '../options.js';
import { resolveTargetSetup, type TargetFlags } from '../target-setup.js';
import { writableFolder } from '../writable.js';
import { DEFAULT_TRANSCRIPT_SEED } from './dataset.js';
import { DEFAULT_FUZZ_RUNS } from './run.js';

/** Set it to keep pseudonyms the same from one recording to the next (any text; it never leaves the machine). */
export const PSEUDONYM_KEY_VARIABLE = 'LEDGER_CONFORMANCE_PSEUDONYM_KEY';

interface RecordFlags extends SpecFlags, TargetFlags, ConnectionFlags {
  out: string;
  seed: number;
  fuzzRuns: number;
}

export function registerRecord(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = withConnectionOptions(withSpecOptions(program.command('record')))
    .description(
      'certify a real cluster and keep its answers as a golden transcript with personal data pseudonymised, with the profile and a dataset serve --dataset serves',
    )
    .addOption(baseUrlOptionOf('the cluster'))
    .addOption(profileOptionOf('cluster', { required: true }))
    .requiredOption('--out <dir>', 'folder to write golden.ndjson, profile.json and dataset.json into');
  withRecordedRunOptions(command, { seed: DEFAULT_TRANSCRIPT_SEED, fuzzRuns: DEFAULT_FUZZ_RUNS })
    .addOption(defaultedDatasetSeedOption('for the reference profile'))
    .addOption(defaultedDatasetSizeOption())
    .addHelpText(
      'after',
      `\nCredentials as for \`run\`; they are never written. ${PSEUDONYM_KEY_VARIABLE} keeps pseudonyms stable across recordings (random otherwise).\nExit codes: 0 recorded, 2 bad usage, profile or credentials, 3 the cluster could not be recorded.`,
    )
    .action(async (flags: RecordFlags) => {
      setExitCode(await executeRecord(flags, io));
    });
}

async function executeRecord(flags: RecordFlags, io: CliIo): Promise<number> {
  const spec = loadEffectiveSpec(specSourceOf(flags));
  const { baseUrl, profile, secrets, credentialSource } = resolveTargetSetup({ ...flags, embedded: false }, io, spec);
  const dir = await writableFolder('--out', flags.out);
  const now = new Date().toISOString();
  const key = io.env[PSEUDONYM_KEY_VARIABLE];
  const recording = await recordCluster({
    spec,
    remote: { destination: { kind: 'http', baseUrl: baseUrl! }, secrets, credentialSource, ...connectionSettings(flags, io.env) },
    profile,
    seed: flags.seed,
    fuzzRuns: flags.fuzzRuns,
    catalog: buildCatalog(spec),
    ...(key !== undefined && key !== '' ? { pseudonymKey: key } : {}),
    now,
  });
  if (recording.lines.length === 0) {
    io.err(`ledger-conformance record: ${baseUrl} answered none of the requests; nothing written`);
    return 3;
  }
  const files = {
    transcript: join(dir, 'golden.ndjson'),
    profile: join(dir, 'profile.json'),
    dataset: join(dir, 'dataset.json'),
  };
  await writeFile(files.transcript, transcriptText(recording.lines));
  await writeFile(files.profile, profileFileText(recording.profile));
  await writeFile(files.dataset, datasetFileText(recording.dataset));
  for (const file of Object.values(files)) io.out(file);
  const { dataset, report } = recording;
  io.err(
    `ledger-conformance record: ${recording.lines.length} request–answer pairs from ${baseUrl} (seed ${flags.seed}); ${recording.personalValues} personal values pseudonymised; dataset: ${dataset.customers.length} customers, ${dataset.groups.length} groups, ${dataset.events.length} events${recording.unownedEvents > 0 ? ` (${recording.unownedEvents} events no profile lookup explains left out)` : ''}`,
  );
  io.err(
    `ledger-conformance record: the recording run itself was ${report.verdict} (its report holds real values and is not written)`,
  );
  io.err(
    `ledger-conformance record: serve it with: ledger-conformance serve --dataset ${files.dataset}; certify a mock against it with: ledger-conformance run --profile ${files.profile} --transcript ${files.transcript} --seed ${flags.seed} --fuzz-runs ${flags.fuzzRuns}`,
  );
  return 0;
}
