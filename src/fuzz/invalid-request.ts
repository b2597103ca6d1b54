/**
 * Requests that break at least one parameter rule, or name data the target does not hold: a
 * valid request with one to three mutations (`mutations/`, one file per trigger kind). Each
 * mutation is generated only when the spec has a rule it breaks (`x-ledger-errors`, by trigger
 * kind) or, for data, when the profile names absent handles. The answer a target owes is
 * predicted from the request by `src/contract/rules.ts` (see `oracle.ts`), never from the
 * mutation's intent.
 */
import fc from 'fast-check';
import type { QueryPair } from '../core/query.js';
import type { Profile } from '../profile/model.js';
import { LEVELS, type Level } from '../core/report-model.js';
import type { LoadedSpec } from '../contract/load.js';
import { sometimesReencodedArb } from './encoding.js';
import { memoizedBySpecAndProfile } from './memo.js';
import { mutationArb } from './mutations/index.js';
import { judgedAt, rulesBrokenBy } from './oracle.js';
import type { FuzzRequest } from './request.js';
import { usualValidRequestArb } from './valid-request.js';

/**
 * Requests that break at least one parameter rule or name absent data: a valid request with
 * one to three mutations (named in `notes`), sometimes encoded differently. Leniencies of the
 * valid request are kept: a target that does not grant them answers as they say. With
 * `judgedAt`, only requests whose broken rules are all judged at that level or above.
 */
export function invalidRequestArb(
  spec: LoadedSpec,
  profile: Profile,
  options: { readonly judgedAt?: Level } = {},
): fc.Arbitrary<FuzzRequest> {
  return INVALID_REQUESTS_BY_LEVEL.get(options.judgedAt)!(spec, profile);
}

/** One memo per judging level (or none), each shared by every property that judges at it. */
const INVALID_REQUESTS_BY_LEVEL = new Map(
  [undefined, ...LEVELS].map((level) => [
    level,
    memoizedBySpecAndProfile((spec: LoadedSpec, profile: Profile) => buildInvalidRequestArb(spec, profile, level)),
  ]),
);

function buildInvalidRequestArb(spec: LoadedSpec, profile: Profile, judged: Level | undefined): fc.Arbitrary<FuzzRequest> {
  const requests = fc
    .tuple(usualValidRequestArb(spec, profile), fc.array(mutationArb(spec, profile, judged), { minLength: 1, maxLength: 3 }))
    .map(([base, mutations]): FuzzRequest => ({
      pairs: mutations.reduce<QueryPair[]>((q, m) => m.apply(q), [...base.pairs]),
      notes: mutations.map((m) => m.name),
      ...(base.leniencies ? { leniencies: base.leniencies } : {}),
    }));
  // Mutations can combine into a break of a rule judged below `judged` (a value of two kinds):
  // such requests are left to that rule's own requirement.
  const kept =
    judged === undefined ? requests : requests.filter((r) => rulesBrokenBy(spec, r).every((m) => judgedAt(spec, m.rule, judged)));
  return kept.chain(sometimesReencodedArb);
}
