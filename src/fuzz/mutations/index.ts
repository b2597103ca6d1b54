/**
 * Every mutation, in order. The order and the weights decide what a seed draws (same-seed
 * replay is a published contract): a new mutation goes at the end, and a change to any of them
 * changes the cases of every seed.
 *
 * | mutation | breaks (trigger kind, or the data it names) | file |
 * | --- | --- | --- |
 * | drop or empty a parameter of a `missing` rule | `missing` | `missing.ts` |
 * | a declared parameter twice | `repeated` | `repeated.ts` |
 * | a value outside the parameter's schema | `invalid` (only parameters and keywords a rule lists) | `invalid.ts` |
 * | an identifierName its `type` does not resolve | `identifier-not-for-type` | `identifier-not-for-type.ts` |
 * | a value refused by `x-ledger-identifiers.valuePatterns` | `identifier-value-format` | `identifier-value-format.ts` |
 * | both selector styles | `both-selectors` | `both-selectors.ts` |
 * | neither selector style, or half of the second | `no-selector` | `no-selector.ts` |
 * | an absent customer, an identifierValue no one has, a lookup in a source or account the customer is not in | `customer-not-found` | `customer-not-found.ts` |
 * | an absent group | `group-not-found` | `group-not-found.ts` |
 * | absent event ids (the profile's, the longest, events without detail) | `event-id-not-found`, `event-without-detail` | `event-id-not-found.ts` |
 * | absent reference ids, up to `maxItems`; reference ids under another event name | `event-reference-not-found` | `event-reference-not-found.ts` |
 */
import fc from 'fast-check';
import type { Profile } from '../../profile/model.js';
import type { Level } from '../../core/report-model.js';
import type { LoadedSpec } from '../../contract/load.js';
import { bothStyles } from './both-selectors.js';
import { absentCustomer, elsewhereLookup, unknownIdentifierValue } from './customer-not-found.js';
import { absentEventIds } from './event-id-not-found.js';
import { absentReferences, referencesUnderAnotherName } from './event-reference-not-found.js';
import { absentGroup } from './group-not-found.js';
import { nameNotForType } from './identifier-not-for-type.js';
import { valueOutsidePattern } from './identifier-value-format.js';
import { outsideSchema } from './invalid.js';
import { materialOf } from './material.js';
import { leftOut } from './missing.js';
import type { Mutation, MutationContext, MutationDefinition } from './mutation.js';
import { noOrHalfSelector } from './no-selector.js';
import { sentTwice } from './repeated.js';

export type { Mutation } from './mutation.js';

export const MUTATIONS: readonly MutationDefinition[] = [
  // Rules decided by the request alone.
  leftOut,
  sentTwice,
  outsideSchema,
  nameNotForType,
  valueOutsidePattern,
  bothStyles,
  noOrHalfSelector,
  // Data the target does not hold: broken whatever level is judged.
  absentCustomer,
  absentGroup,
  unknownIdentifierValue,
  elsewhereLookup,
  absentEventIds,
  absentReferences,
  referencesUnderAnotherName,
];

/** The mutations the spec and the profile support (breaking only rules judged at `judged` or above, when given). */
export function mutationArb(spec: LoadedSpec, profile: Profile, judged?: Level): fc.Arbitrary<Mutation> {
  const ctx: MutationContext = { spec, profile, material: materialOf(spec, profile), judged };
  return fc.oneof(...MUTATIONS.filter((m) => m.applies(ctx)).map((m) => ({ weight: m.weight, arbitrary: m.arbitrary(ctx) })));
}
