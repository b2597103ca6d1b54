/**
 * `--dataset-seed` and `--dataset-size`: which reference dataset a command generates. Every
 * command that chooses a dataset spells them the same way (`run`, `profile`, `serve`,
 * `dataset export`, `dataset transcript`); `run --seed` is the run's own seed, not the dataset's.
 */
import { Option, type Command } from 'commander';
import { DEFAULT_DATASET_SIZE } from '../reference/dataset.js';
import { DEFAULT_REFERENCE_SEED } from '../reference/index.js';
import { UsageError } from '../core/errors.js';
import { REFERENCE_PROFILE } from '../profile/load.js';
import { integerOption } from './options.js';

export interface DatasetFlags {
  datasetSeed?: number;
  datasetSize?: number;
}

const seedParser = integerOption('--dataset-seed', 0, 4294967295);
const sizeParser = integerOption('--dataset-size', 4, 10000);

export const datasetSeedOption = (): Option =>
  new Option('--dataset-seed <n>', `seed of the reference dataset (default: ${DEFAULT_REFERENCE_SEED})`).argParser(seedParser);

export const datasetSizeOption = (): Option =>
  new Option('--dataset-size <n>', `customers in the reference dataset (default: ${DEFAULT_DATASET_SIZE})`).argParser(sizeParser);

/** `--dataset-seed` with its default filled in; `use` says what the dataset is for (e.g. "for --embedded"). */
export const defaultedDatasetSeedOption = (use?: string): Option =>
  new Option('--dataset-seed <n>', `seed of the reference dataset${use ? ` (${use})` : ''}`)
    .argParser(seedParser)
    .default(DEFAULT_REFERENCE_SEED);

/** `--dataset-size` with its default filled in. */
export const defaultedDatasetSizeOption = (): Option =>
  new Option('--dataset-size <n>', 'customers in the reference dataset').argParser(sizeParser).default(DEFAULT_DATASET_SIZE);

/** Adds both options without defaults, so that a command can tell whether they were given. */
export function addDatasetOptions(command: Command): Command {
  return command.addOption(datasetSeedOption()).addOption(datasetSizeOption());
}

/** The seed and size asked for, defaults filled in. */
export function datasetChoice(flags: DatasetFlags): { seed: number; size: number } {
  return { seed: flags.datasetSeed ?? DEFAULT_REFERENCE_SEED, size: flags.datasetSize ?? DEFAULT_DATASET_SIZE };
}

/**
 * `--dataset-seed` and `--dataset-size` choose the dataset that `--embedded` serves and the built-in
 * `reference` profile describes. With a profile file against `--base-url` they choose nothing, so
 * giving them there is a usage error rather than an option silently ignored (a vendor who writes
 * `--dataset-seed 7` beside the exported profile.json believes the target is judged against seed 7).
 */
export function refuseIgnoredDatasetOptions(command: Command, flags: { embedded?: boolean; profile: string }): void {
  if (flags.embedded || flags.profile === REFERENCE_PROFILE) return;
  for (const [key, name] of [
    ['datasetSeed', '--dataset-seed'],
    ['datasetSize', '--dataset-size'],
  ] as const) {
    if (command.getOptionValueSource(key) !== 'cli') continue;
    throw new UsageError(
      name,
      `chooses the reference dataset that --embedded serves and the built-in "reference" profile describes; ` +
        `with --profile ${flags.profile} and a remote target it would change nothing. Leave it out (the profile file ` +
        `says what the target holds; its canonicalDataset, if any, names the dataset golden mode compares with), ` +
        `or add --embedded to judge that dataset in-process`,
    );
  }
}
