/**
 * A fault: one small, plausible mistake a real implementation could make, planted in the
 * reference. The self-test proves each check can fail by running the catalog against every
 * fault and asserting that the requirements the fault declares are reported failed.
 */
import type { ReferenceHandler } from '../core/handler.js';
import type { ReferenceHooks } from '../reference/handler.js';
import { createReferenceHandler } from '../reference/handler.js';
import type { Dataset } from '../reference/dataset.js';
import type { ReferenceIdentity } from '../reference/identities.js';
import type { Knobs } from '../contract/knobs.js';
import type { LoadedSpec } from '../contract/load.js';

export interface FaultContext {
  readonly spec: LoadedSpec;
  readonly dataset: Dataset;
  readonly identities: readonly ReferenceIdentity[];
  /** The correct reference. */
  readonly reference: ReferenceHandler;
  /** A reference built from different knobs: an implementation of a wrong rule. */
  withKnobs(change: (knobs: Knobs) => Knobs): ReferenceHandler;
  /** A reference with one of its seams changed (see ReferenceHooks). */
  withHooks(hooks: ReferenceHooks): ReferenceHandler;
}

export interface Fault {
  /** `<suite>/<slug>`, stable: the kill matrix is keyed by it. */
  readonly id: string;
  /** The mistake, in a sentence a developer would recognise. */
  readonly title: string;
  /** Requirement ids the catalog must report failed against this fault. */
  readonly trips: readonly string[];
  readonly build: (ctx: FaultContext) => ReferenceHandler;
  /**
   * Why the mistake cannot be told from correct behaviour in the spec's dialect, if it cannot
   * (e.g. a flag ignored, where an off flag may show empty lists): the catalog leaves it out there.
   */
  readonly notApplicable?: (spec: LoadedSpec) => string | undefined;
}

export function defineFault(fault: Fault): Fault {
  return fault;
}

export function faultContext(
  spec: LoadedSpec,
  dataset: Dataset,
  identities: readonly ReferenceIdentity[],
  reference: ReferenceHandler,
): FaultContext {
  return {
    spec,
    dataset,
    identities,
    reference,
    withKnobs: (change) => createReferenceHandler({ spec: { ...spec, knobs: change(spec.knobs) }, dataset, identities }),
    withHooks: (hooks) => createReferenceHandler({ spec, dataset, identities, hooks }),
  };
}
