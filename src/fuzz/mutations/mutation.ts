/**
 * What a mutation is. A mutation breaks a valid request one way: it breaks a rule of
 * `x-ledger-errors` (one file per trigger kind) or names data the target does not hold. Each is
 * a record: its name, its weight among the others, whether the spec and the profile support it
 * (`applies`), and the arbitrary that draws its instances. `index.ts` lists them in order; the
 * order and the weights decide what a seed draws, so they change only with the replay contract.
 */
import type fc from 'fast-check';
import type { QueryPair } from '../../core/query.js';
import type { Profile } from '../../profile/model.js';
import type { Level } from '../../core/report-model.js';
import type { Trigger } from '../../contract/knobs.js';
import type { LoadedSpec } from '../../contract/load.js';
import { judgedAt } from '../oracle.js';
import type { Material } from './material.js';

/** One way a request was broken, named for reports. */
export interface Mutation {
  readonly name: string;
  readonly apply: (pairs: readonly QueryPair[]) => QueryPair[];
}

/** What the mutations are drawn from. */
export interface MutationContext {
  readonly spec: LoadedSpec;
  readonly profile: Profile;
  readonly material: Material;
  /** Break only rules judged at this level or above; any rule when undefined. */
  readonly judged: Level | undefined;
}

export interface MutationDefinition {
  /** What it breaks, for readers: the trigger kind, or the data it names. */
  readonly name: string;
  /** Its share of the draws among the mutations that apply. */
  readonly weight: number;
  /** Whether the spec and the profile give it something to break. */
  readonly applies: (ctx: MutationContext) => boolean;
  /** Its instances; only built when it applies. */
  readonly arbitrary: (ctx: MutationContext) => fc.Arbitrary<Mutation>;
}

export function defineMutation(definition: MutationDefinition): MutationDefinition {
  return definition;
}

/** Whether the spec has a rule of this kind that the property judges. */
export function hasRule({ spec, judged }: MutationContext, kind: Trigger['kind']): boolean {
  return spec.knobs.errors.some((r) => r.trigger.kind === kind && (judged === undefined || judgedAt(spec, r, judged)));
}

/** A value as a mutation's name shows it: JSON, long ones cut. */
export function shown(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 40)}…(${value.length} chars)` : value);
}
