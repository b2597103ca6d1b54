/**
 * Which dataset `serve` answers from: a file (`--dataset`), or one generated from
 * `--dataset-seed`/`--dataset-size` (or their older names `--seed`/`--size`). A file and a
 * seed together, or an option and its older name with different values, are refused: one
 * dataset, named once.
 *
 * The older names stay because scripts written against earlier versions use them (the README
 * showed `serve --seed 7 --size 24`), but `--seed` is the seed of a run everywhere else, so they
 * are hidden from --help and each use says which name to write instead.
 */
import { UsageError } from '../core/errors.js';
import type { ReferenceConfig } from '../reference/index.js';
import { DEMO_IDENTITIES, type ReferenceIdentity } from '../reference/identities.js';
import { readDatasetFile } from '../reference/dataset-import.js';
import type { LoadedSpec } from '../contract/load.js';
import { datasetChoice, type DatasetFlags } from './dataset-options.js';

export interface ServeDatasetFlags extends DatasetFlags {
  dataset?: string;
  seed?: number;
  size?: number;
}

export interface DatasetSource {
  /** What to hand createReference (identities aside). */
  readonly config: Pick<ReferenceConfig, 'dataset' | 'seed' | 'size'>;
  readonly identities: readonly ReferenceIdentity[];
  /** For the start-up line. */
  readonly description: string;
  /** One line per older option name used, naming the one to write instead. */
  readonly notices: readonly string[];
}

function merged(name: string, value: number | undefined, alias: string, aliasValue: number | undefined): number | undefined {
  if (value !== undefined && aliasValue !== undefined && value !== aliasValue)
    throw new UsageError(alias, `is the older name of ${name}; give one of them`);
  return value ?? aliasValue;
}

export function datasetSource(flags: ServeDatasetFlags, spec: LoadedSpec): DatasetSource {
  const notices = [
    ...(flags.seed !== undefined
      ? ['serve --seed is the older name of --dataset-seed (elsewhere --seed is the seed of a run): write --dataset-seed']
      : []),
    ...(flags.size !== undefined ? ['serve --size is the older name of --dataset-size: write --dataset-size'] : []),
  ];
  const datasetSeed = merged('--dataset-seed', flags.datasetSeed, '--seed', flags.seed);
  const datasetSize = merged('--dataset-size', flags.datasetSize, '--size', flags.size);
  if (flags.dataset !== undefined) {
    if (datasetSeed !== undefined || datasetSize !== undefined)
      throw new UsageError('--dataset', 'cannot be combined with --dataset-seed or --dataset-size: the file is the dataset');
    const { dataset, identities } = readDatasetFile(flags.dataset, spec);
    return { config: { dataset }, identities, description: `dataset ${flags.dataset}`, notices };
  }
  const { seed, size } = datasetChoice({ datasetSeed, datasetSize });
  return { config: { seed, size }, identities: DEMO_IDENTITIES, description: `seed ${seed}`, notices };
}
