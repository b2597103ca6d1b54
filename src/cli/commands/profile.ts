import type { Command } from 'commander';
import { DEFAULT_DATASET_SIZE } from '../../reference/dataset.js';
import { createReference, DEFAULT_REFERENCE_SEED } from '../../reference/index.js';
import { profileFileText } from '../../reference/profile.js';
import { loadEffectiveSpec } from '../../spec/load.js';
import type { CliIo } from '../io.js';
import { integerOption, specSourceOf, withSpecOptions, type SpecFlags } from '../options.js';

/**
 * `ledger-conformance profile`: prints the built-in `reference` profile of a dataset, as the
 * start of a profile for another target or as the profile of a mock serving that dataset.
 */
export function registerProfile(program: Command, io: CliIo): void {
  withSpecOptions(program.command('profile'))
    .description('print the reference profile (JSON) of a reference dataset: a template for your own')
    .option('--dataset-seed <n>', 'seed of the reference dataset', integerOption('--dataset-seed', 0, 4294967295), DEFAULT_REFERENCE_SEED)
    .option('--dataset-size <n>', 'customers in the reference dataset', integerOption('--dataset-size', 4, 10000), DEFAULT_DATASET_SIZE)
    .action((flags: SpecFlags & { datasetSeed: number; datasetSize: number }) => {
      const profile = createReference(loadEffectiveSpec(specSourceOf(flags)), { seed: flags.datasetSeed, size: flags.datasetSize }).profile;
      io.out(profileFileText(profile).trimEnd());
    });
}
