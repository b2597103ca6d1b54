/**
 * The embedded reference: dataset, handler, profile and server, put together from the spec.
 */
import type { Profile } from '../profile/model.js';
import { builtFrom, type LoadedSpec } from '../contract/load.js';
import { precompiledReferenceProfileJson } from '../core/precompiled.js';
import { DEFAULT_DATASET_SIZE, generateDataset, type Dataset } from './dataset.js';
import { createReferenceHandler, type ReferenceHooks } from './handler.js';
import type { ReferenceHandler } from '../core/handler.js';
import { DEMO_IDENTITIES, type ReferenceIdentity } from './identities.js';
import { referenceProfile } from './profile.js';

export const DEFAULT_REFERENCE_SEED = 20261126;

export interface Reference {
  readonly dataset: Dataset;
  readonly handler: ReferenceHandler;
  readonly profile: Profile;
  readonly identities: readonly ReferenceIdentity[];
}

export interface ReferenceConfig {
  /** A dataset read from a file (`serve --dataset`); generated from `seed` and `size` when absent. */
  readonly dataset?: Dataset;
  readonly seed?: number;
  readonly size?: number;
  readonly identities?: readonly ReferenceIdentity[];
  readonly hooks?: ReferenceHooks;
}

export function createReference(spec: LoadedSpec, config: ReferenceConfig = {}): Reference {
  const seed = config.seed ?? DEFAULT_REFERENCE_SEED;
  const size = config.size ?? DEFAULT_DATASET_SIZE;
  const identities = config.identities ?? DEMO_IDENTITIES;
  // The dataset and the handler are made when first asked for: a run on the built-in profile
  // against a target of its own reads the profile the build computed and needs neither before
  // its first request (the golden observer's replay asks for them later).
  let dataset = config.dataset;
  const datasetOf = (): Dataset => (dataset ??= generatedDataset(spec, seed, size));
  let handler: ReferenceHandler | undefined;
  const built = config.dataset === undefined ? builtProfile(spec, seed, size) : undefined;
  return {
    get dataset() {
      return datasetOf();
    },
    get handler() {
      return (handler ??= createReferenceHandler({
        spec,
        dataset: datasetOf(),
        identities,
        ...(config.hooks ? { hooks: config.hooks } : {}),
      }));
    },
    profile: built ?? referenceProfile(spec, datasetOf()),
    identities,
  };
}

/** The profile of the default dataset as the build computed it, when `spec` is the packaged spec the build read. */
function builtProfile(spec: LoadedSpec, seed: number, size: number): Profile | undefined {
  if (!spec.precompiled) return undefined;
  const json = precompiledReferenceProfileJson(builtFrom(spec.sha256), seed, size);
  return json === undefined ? undefined : (JSON.parse(json) as Profile);
}

/**
 * Datasets generated in this process, by spec, seed and size. A run on the built-in profile
 * generates the reference's dataset for its profile and again for the golden observer's replay;
 * a dataset is never changed (its events are copied before they are handed out), so one serves
 * both, and the second costs nothing when the checks start.
 */
const generated = new WeakMap<LoadedSpec, Map<string, Dataset>>();

function generatedDataset(spec: LoadedSpec, seed: number, size: number): Dataset {
  let bySeedAndSize = generated.get(spec);
  if (bySeedAndSize === undefined) generated.set(spec, (bySeedAndSize = new Map()));
  const key = `${seed} ${size}`;
  let dataset = bySeedAndSize.get(key);
  if (dataset === undefined) bySeedAndSize.set(key, (dataset = generateDataset(spec, { seed, size })));
  return dataset;
}
