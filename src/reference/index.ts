/**
 * The embedded reference: dataset, handler, profile and server, put together from the spec.
 */
import type { Profile } from '../profile/model.js';
import type { LoadedSpec } from '../contract/load.js';
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
  const dataset =
    config.dataset ??
    generateDataset(spec, { seed: config.seed ?? DEFAULT_REFERENCE_SEED, size: config.size ?? DEFAULT_DATASET_SIZE });
  const identities = config.identities ?? DEMO_IDENTITIES;
  return {
    dataset,
    handler: createReferenceHandler({ spec, dataset, identities, ...(config.hooks ? { hooks: config.hooks } : {}) }),
    profile: referenceProfile(spec, dataset),
    identities,
  };
}
