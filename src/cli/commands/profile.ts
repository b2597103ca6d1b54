import { randomInt } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { openTarget } from '../../engine/target.js';
import { learnedProfileYaml } from '../../preflight/learned-yaml.js';
import { runPreflight } from '../../preflight/index.js';
import { loadProfileFile } from '../../profile/load.js';
import { createReference } from '../../reference/index.js';
import { SCHEMAS_DIR } from '../../core/files.js';
import { loadEffectiveSpec } from '../../contract/load.js';
import { resolveSecrets } from '../credentials.js';
import { defaultedDatasetSeedOption, defaultedDatasetSizeOption, refuseIgnoredDatasetOptions } from '../dataset-options.js';
import { whileServing } from '../embedded.js';
import { chooseBaseUrl } from '../target-setup.js';
import type { CliIo } from '../io.js';
import { writableFolder } from '../writable.js';
import {
  baseUrlOptionOf,
  connectionSettings,
  integerOption,
  specSourceOf,
  withSpecOptions,
  type SpecFlags,
  withConnectionOptions,
  type ConnectionFlags,
} from '../options.js';

/** Where a profile written for `file` finds the published schema: relative, so editors follow it. */
function schemaPathFor(file: string | undefined): string {
  const from = file === undefined ? process.cwd() : dirname(resolve(file));
  const path = relative(from, resolve(SCHEMAS_DIR, 'profile.schema.json')).split('\\').join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * `ledger-conformance profile`: prints the built-in `reference` profile of a dataset (a template,
 * or the profile of a mock serving that dataset); `profile init` learns a full profile from a
 * minimal one and the target, and writes it for review.
 */
export function registerProfile(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const profile = program
    .command('profile')
    .description(
      'print the reference profile of a dataset, or (profile init) learn a full profile from a minimal one and the target',
    );
  withSpecOptions(profile.command('print', { isDefault: true }))
    .description('print the reference profile (JSON) of a reference dataset: a template for your own')
    .addOption(defaultedDatasetSeedOption())
    .addOption(defaultedDatasetSizeOption())
    .action((flags: SpecFlags & { datasetSeed: number; datasetSize: number }) => {
      const reference = createReference(loadEffectiveSpec(specSourceOf(flags)), {
        seed: flags.datasetSeed,
        size: flags.datasetSize,
      }).profile;
      io.out(JSON.stringify({ $schema: schemaPathFor(undefined), ...reference }, null, 2));
    });
  withConnectionOptions(withSpecOptions(profile.command('init')))
    .description(
      'run the preflight against a target and write the full profile it learns from a minimal one, with the request that taught each value',
    )
    .addOption(baseUrlOptionOf('the target'))
    .option('--embedded', 'learn from the embedded reference (--dataset-seed, --dataset-size)')
    .requiredOption('--profile <file>', 'the minimal profile (JSON or YAML)')
    .requiredOption('--out <file>', 'where the learned profile (YAML) is written')
    .addOption(defaultedDatasetSeedOption('for --embedded'))
    .addOption(defaultedDatasetSizeOption())
    .option('--seed <n>', 'seed of the made-up absent values', integerOption('--seed', 0, 2147483647))
    .addHelpText(
      'after',
      '\nCredentials and exit codes as for `run`: 0 written, 2 bad usage, profile or credentials (a table of the handles the target contradicts), 3 the target does not answer.',
    )
    .action(async (flags: InitFlags, self: Command) => {
      refuseIgnoredDatasetOptions(self, flags);
      setExitCode(await initProfile(flags, io));
    });
}

interface InitFlags extends SpecFlags, ConnectionFlags {
  baseUrl?: string;
  embedded?: boolean;
  profile: string;
  out: string;
  datasetSeed: number;
  datasetSize: number;
  seed?: number;
}

async function initProfile(flags: InitFlags, io: CliIo): Promise<number> {
  const spec = loadEffectiveSpec(specSourceOf(flags));
  const baseUrl = chooseBaseUrl(flags, io.env, 'to learn from the embedded reference');
  const file = loadProfileFile(flags.profile, spec);
  const { secrets, source } = resolveSecrets({ ...flags, builtInProfile: false }, io.env);
  const out = resolve(flags.out);
  await writableFolder('--out', dirname(out));
  const embedded = flags.embedded
    ? createReference(spec, { seed: flags.datasetSeed, size: flags.datasetSize }).handler
    : undefined;
  return whileServing(embedded, async (embeddedUrl) => {
    const target = openTarget({
      spec,
      destination: { kind: 'http', baseUrl: embeddedUrl ?? baseUrl! },
      secrets,
      ...connectionSettings(flags, io.env),
    });
    try {
      const seed = flags.seed ?? randomInt(0, 2147483647);
      const { loaded, summary } = await runPreflight({
        spec,
        transport: target.transport,
        baseUrl: target.baseUrl,
        file,
        seed,
        credentialSource: source,
      });
      const text = learnedProfileYaml(loaded.profile, summary.learned, {
        schema: schemaPathFor(out),
        header: [
          `Learned by ledger-conformance profile init from ${flags.profile} and ${target.baseUrl} (${summary.requests} requests, seed ${seed}, ${new Date().toISOString().slice(0, 10)}).`,
          'Review it: every "learned:" value is what the target answered, not what the test data is meant to hold.',
          ...summary.notes.map((note) => `Note: ${note}`),
        ],
      });
      await writeFile(out, text);
      io.err(
        `ledger-conformance: ${summary.learned.length} value${summary.learned.length === 1 ? '' : 's'} learned in ${summary.requests} requests; profile written to ${out}`,
      );
      return 0;
    } finally {
      await target.transport.close();
    }
  });
}
