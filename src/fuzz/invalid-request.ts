/**
 * Requests that break at least one parameter rule, or name data the target does not hold: a
 * valid request with one to three mutations. Each mutation is generated only when the spec
 * has a rule it breaks (`x-ledger-errors`, by trigger kind) or, for data, when the profile
 * names absent handles. The answer a target owes is predicted from the request by
 * `src/spec/rules.ts` (see `oracle.ts`), never from the mutation's intent.
 *
 * | mutation | breaks (trigger kind, or the data it names) |
 * | --- | --- |
 * | drop or empty a parameter of a `missing` rule | `missing` |
 * | a declared parameter twice | `repeated` |
 * | a value outside the parameter's schema: booleans in other spellings, integers of the wrong type or past a bound, enum near-misses, malformed, empty or overlong list items, more than `maxItems` items | `invalid` (only parameters and keywords a rule lists) |
 * | an identifierName its `type` does not resolve (`x-ledger-identifiers.byType`) | `identifier-not-for-type` |
 * | a value refused by `x-ledger-identifiers.valuePatterns` | `identifier-value-format` |
 * | both selector styles; neither, or half of the second | `both-selectors`, `no-selector` |
 * | an absent customer or group, a lookup in a source or account the customer is not in, an identifierValue no one has (empty, overlong, non-ASCII, injection-shaped…) | customer or group not found |
 * | absent event ids (the profile's, 18-digit, events without detail); absent reference ids, up to `maxItems`; reference ids under another event name | event lookups |
 */
import fc from 'fast-check';
import type { QueryPair } from '../core/query.js';
import type { IdentifierHandle, Profile } from '../profile/model.js';
import type { Trigger } from '../spec/knobs.js';
import type { LoadedSpec } from '../spec/load.js';
import { sometimesReencodedArb } from './encoding.js';
import { knownAccountIds, knownIdentifierValues, lookupPairs } from './owners.js';
import { type FuzzRequest } from './request.js';
import { withValue, without, firstValue } from '../core/query.js';
import { memoizedBySpecAndProfile } from './memo.js';
import { hostileStringArb, lengthBoundary } from './strings.js';
import { plainValidRequestArb } from './valid-request.js';
import type { Level } from '../core/report-model.js';
import type { ParameterModel } from '../spec/parameters.js';
import { parseQuery, syntaxViolations } from '../spec/rules.js';
import { firstPerParameter, judgedAt, rulesBrokenBy } from './oracle.js';
import { invalidValueArb } from './values.js';

/** One way to break a request, named for reports. */
export interface Mutation {
  readonly name: string;
  readonly apply: (pairs: readonly QueryPair[]) => QueryPair[];
}

const SELECTORS = ['eventIds', 'eventName', 'eventReferenceIds'];

/** What the mutations draw their data from: the profile's events and absent handles. */
interface Material {
  readonly eventIds: readonly string[];
  readonly referencesByName: ReadonlyMap<string, readonly string[]>;
  readonly allReferences: ReadonlySet<string>;
  /** Event ids no ledger holds with detail: absent, or of types without explode detail. */
  readonly absentEventIds: readonly string[];
  /** Reference ids the profile never names, the longest one the item pattern allows among them. */
  readonly absentReferences: readonly string[];
  /** An event name and one of its reference ids, to complete a reference-style selector. */
  readonly someName: string;
  readonly someReference: string;
}

function materialOf(spec: LoadedSpec, profile: Profile): Material {
  const events = [...profile.customers.flatMap((c) => c.events), ...profile.groups.flatMap((g) => g.events)];
  const eventIds = [...new Set(events.map((e) => e.eventLogId))];
  const referencesByName = new Map<string, string[]>();
  for (const e of events) {
    if (e.eventReferenceId === undefined) continue;
    referencesByName.set(e.eventName, [...new Set([...(referencesByName.get(e.eventName) ?? []), e.eventReferenceId])]);
  }
  const allReferences = new Set([...referencesByName.values()].flat());
  const known = new Set(eventIds);
  const idsParameter = spec.parameter('eventIds');
  const idItem = (id: string): boolean => idsParameter.check(id).valid && !id.includes(',');
  const longestId = lengthBoundary(idItem, '9')?.longest;
  const absentEventIds = [...new Set([...profile.absent.eventIds, ...profile.customers.flatMap((c) => c.eventIdsWithoutDetail), ...(longestId ? [longestId] : [])])].filter(
    (id) => idItem(id) && !known.has(id),
  );
  const refsParameter = spec.parameter('eventReferenceIds');
  const refItem = (ref: string): boolean => refsParameter.check(ref).valid && !ref.includes(',');
  const longestRef = lengthBoundary(refItem, 'z')?.longest;
  const absentReferences = [...new Set([...profile.absent.eventReferenceIds, ...(longestRef ? [longestRef] : []), 'r0', 'NoSuchRef-1'])].filter((r) => refItem(r) && !allReferences.has(r));
  const [someName, someRefs] = [...referencesByName][0] ?? [spec.eventNames[0]!, absentReferences];
  return { eventIds, referencesByName, allReferences, absentEventIds, absentReferences, someName, someReference: someRefs[0] ?? '1' };
}


/** The request turned to the event-id style (the reference style's parameters dropped). */
const asIdStyle = (pairs: readonly QueryPair[]): QueryPair[] => without(pairs, 'eventName', 'eventReferenceIds');

/** The request turned to the reference style: eventIds dropped, an event name and reference ids kept or supplied. */
function asReferenceStyle(pairs: readonly QueryPair[], material: Material): QueryPair[] {
  let out = without(pairs, 'eventIds');
  if (firstValue(out, 'eventName') === undefined) out = withValue(out, 'eventName', material.someName);
  if (firstValue(out, 'eventReferenceIds') === undefined) out = withValue(out, 'eventReferenceIds', material.someReference);
  return out;
}

/** The lookup replaced by a handle; `type` and the primary-user flag set for it. */
function replaceLookup(spec: LoadedSpec, pairs: readonly QueryPair[], handle: IdentifierHandle, type: string | undefined): QueryPair[] {
  const rest = without(pairs, 'identifierName', 'identifierValue', 'source', 'accountId', 'type', spec.knobs.userGroups.primaryUserParameter);
  return [...lookupPairs(handle), ...(type !== undefined ? ([['type', type]] as QueryPair[]) : []), ...rest];
}

function syntaxMutations(spec: LoadedSpec, profile: Profile, material: Material, judged: Level | undefined): fc.WeightedArbitrary<Mutation>[] {
  const out: fc.WeightedArbitrary<Mutation>[] = [];
  // Whether the spec has a rule of this kind that the property judges.
  const hasRule = (s: LoadedSpec, kind: Trigger['kind']): boolean => s.knobs.errors.some((r) => r.trigger.kind === kind && (judged === undefined || judgedAt(s, r, judged)));
  // Whether the rule that claims this value of the parameter is one the property judges.
  const judgesValue = (p: ParameterModel, value: string): boolean => {
    if (judged === undefined) return true;
    const claim = firstPerParameter(syntaxViolations(spec, parseQuery(spec, [[p.name, value]]))).find((m) => m.parameter === p.name);
    return claim !== undefined && judgedAt(spec, claim.rule, judged);
  };
  const declared = spec.parameters.map((p) => p.name);

  const missing = [...new Set(spec.knobs.errors.flatMap((r) => (r.trigger.kind === 'missing' ? r.trigger.parameters : [])))];
  if (missing.length > 0) {
    out.push({
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...missing), fc.boolean()).map(([name, empty]) => ({
        name: empty ? `${name} empty` : `${name} left out`,
        apply: (q) => (empty ? withValue(q, name, '') : without(q, name)),
      })),
    });
  }

  if (hasRule(spec, 'repeated')) {
    out.push({
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...declared), fc.constantFrom('same', '1', 'true', 'x', '')).map(([name, second]) => ({
        name: `${name} sent twice`,
        apply: (q) => {
          const first = firstValue(q, name);
          const again = second === 'same' ? (first ?? 'x') : second;
          return first === undefined ? [...q, [name, again], [name, again]] : [...q, [name, again]];
        },
      })),
    });
  }

  // Values a parameter's schema refuses, for parameters an `invalid` rule lists.
  const samples: Record<string, readonly string[]> = {
    eventIds: material.eventIds,
    eventReferenceIds: [...material.allReferences],
    [spec.knobs.alternateCurrencies.namesParameter]: profile.alternateCurrencyNames,
  };
  const invalid = spec.parameters.flatMap((p) => {
    const ruled = spec.knobs.errors.some((r) => r.trigger.kind === 'invalid' && r.trigger.parameters.includes(p.name) && (judged === undefined || judgedAt(spec, r, judged)));
    const value = ruled ? invalidValueArb(spec, p, samples[p.name] ?? []) : undefined;
    // A filter that (almost) never passes would make fast-check spin: a parameter whose drawn
    // values the property never judges is left out.
    const judgedValues = value && fc.sample(value, { seed: 0, numRuns: 50 }).some((v) => judgesValue(p, v)) ? value.filter((v) => judgesValue(p, v)) : undefined;
    return judgedValues ? [{ parameter: p.name, value: judgedValues }] : [];
  });
  if (invalid.length > 0) {
    out.push({
      weight: 6,
      arbitrary: fc.constantFrom(...invalid).chain(({ parameter, value }) =>
        value.map(
          (v): Mutation => ({
            name: `${parameter}=${JSON.stringify(v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v)}`,
            apply: (q) => {
              // A selector value goes with its own style, so that its rule is the one reached.
              const styled = parameter === 'eventIds' ? asIdStyle(q) : parameter === 'eventName' || parameter === 'eventReferenceIds' ? asReferenceStyle(q, material) : [...q];
              return withValue(styled, parameter, v);
            },
          }),
        ),
      ),
    });
  }

  const nameMembers = (spec.parameter('identifierName').enumValues ?? []).map(String);
  const notForType = Object.entries(spec.knobs.identifiers.byType).flatMap(([type, names]) => nameMembers.filter((n) => !names.includes(n)).map((name) => ({ type, name })));
  if (hasRule(spec, 'identifier-not-for-type') && notForType.length > 0) {
    out.push({
      weight: 1,
      arbitrary: fc.constantFrom(...notForType).map(({ type, name }) => ({ name: `identifierName ${name} for type ${type}`, apply: (q) => withValue(withValue(q, 'type', type), 'identifierName', name) })),
    });
  }

  const patterns = Object.entries(spec.knobs.identifiers.valuePatterns);
  if (hasRule(spec, 'identifier-value-format') && patterns.length > 0) {
    out.push({
      weight: 1,
      arbitrary: fc.constantFrom(...patterns).chain(([name, pattern]) =>
        fc
          .oneof(fc.constantFrom('0', '007', '-5', '1.0', 'abc', '1e5', '12345678901234567890'), hostileStringArb())
          .filter((v) => v !== '' && !new RegExp(pattern, 'u').test(v))
          .map((v) => ({ name: `identifierName ${name} with value ${JSON.stringify(v.slice(0, 40))}`, apply: (q: readonly QueryPair[]) => withValue(withValue(q, 'identifierName', name), 'identifierValue', v) })),
      ),
    });
  }

  if (hasRule(spec, 'both-selectors')) {
    out.push({
      weight: 1,
      arbitrary: fc.constantFrom('eventName', 'eventReferenceIds', 'both').map((added) => ({
        name: `both selector styles (${added} added)`,
        apply: (q) => {
          if (firstValue(q, 'eventIds') === undefined) return withValue(q, 'eventIds', material.eventIds[0] ?? '1');
          let out = [...q];
          if (added !== 'eventReferenceIds') out = withValue(out, 'eventName', material.someName);
          if (added !== 'eventName') out = withValue(out, 'eventReferenceIds', material.someReference);
          return out;
        },
      })),
    });
  }

  if (hasRule(spec, 'no-selector')) {
    out.push({
      weight: 1,
      arbitrary: fc.constantFrom('none', 'eventName', 'eventReferenceIds').map((kept) => ({
        name: kept === 'none' ? 'no selector' : `only ${kept} of the selectors`,
        apply: (q) => {
          const out = without(q, ...SELECTORS);
          if (kept === 'none') return out;
          const value = firstValue(q, kept) ?? (kept === 'eventName' ? material.someName : material.someReference);
          return [...out, [kept, value]];
        },
      })),
    });
  }
  return out;
}

function dataMutations(spec: LoadedSpec, profile: Profile, material: Material): fc.WeightedArbitrary<Mutation>[] {
  const out: fc.WeightedArbitrary<Mutation>[] = [];
  const { groupType } = spec.knobs.userGroups;
  const ids = spec.knobs.identifiers;
  const known = knownIdentifierValues(profile);
  const accounts = new Set(knownAccountIds(profile));

  const missingCustomers = [...profile.absent.customers, ...profile.customers.flatMap((c) => c.notFoundLookups)];
  if (missingCustomers.length > 0) {
    out.push({
      weight: 2,
      arbitrary: fc.constantFrom(...missingCustomers).map((handle) => ({
        name: `customer not there: ${handle.identifierName}=${handle.identifierValue} in ${handle.source}${handle.accountId ? `/${handle.accountId}` : ''}`,
        apply: (q) => replaceLookup(spec, q, handle, undefined),
      })),
    });
  }
  if (profile.absent.groups.length > 0) {
    out.push({
      weight: 1,
      arbitrary: fc.constantFrom(...profile.absent.groups).map((handle) => ({
        name: `group not there: ${handle.identifierName}=${handle.identifierValue}`,
        apply: (q) => replaceLookup(spec, q, handle, groupType),
      })),
    });
  }

  // An identifierValue nobody has: empty, blank, overlong, non-ASCII, injection-shaped...
  out.push({
    weight: 3,
    arbitrary: hostileStringArb()
      .filter((v) => !known.has(v.toLowerCase()))
      .map((v) => ({ name: `identifierValue=${JSON.stringify(v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v)}`, apply: (q) => withValue(q, 'identifierValue', v) })),
  });

  // A customer looked up in an account it is not in, of a source that has accounts.
  const sourcesWithAccounts = (spec.parameter('source').enumValues ?? []).map(String).filter((s) => !ids.accountIdIgnoredFor.includes(s));
  if (sourcesWithAccounts.length > 0) {
    out.push({
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...sourcesWithAccounts),
          fc.oneof(fc.constant(undefined), hostileStringArb().filter((a) => a !== '' && !accounts.has(a))),
        )
        .map(([source, account]) => ({
          name: `customer looked up in ${source}${account === undefined ? ' without accountId' : ` account ${JSON.stringify(account.slice(0, 40))}`}`,
          apply: (q) => {
            const rest = without(q, 'source', 'accountId', 'type', spec.knobs.userGroups.primaryUserParameter);
            return [...rest, ['source', source], ...(account !== undefined ? ([['accountId', account]] as QueryPair[]) : [])];
          },
        })),
    });
  }

  if (material.absentEventIds.length > 0) {
    out.push({
      weight: 2,
      arbitrary: fc.subarray([...material.absentEventIds], { minLength: 1, maxLength: Math.min(3, material.absentEventIds.length) }).map((absent) => ({
        name: `event ids this ledger cannot explode: ${absent.join(',')}`,
        apply: (q) => {
          const kept = firstValue(q, 'eventIds');
          return withValue(asIdStyle(q), 'eventIds', [...(kept ? [kept] : []), ...absent].join(','));
        },
      })),
    });
  }

  if (material.absentReferences.length > 0) {
    const maxItems = (spec.parameter('eventReferenceIds').schema['maxItems'] as number | undefined) ?? 10;
    out.push({
      weight: 3,
      arbitrary: fc.array(fc.constantFrom(...material.absentReferences), { minLength: 1, maxLength: maxItems }).map((absent) => ({
        name: `reference ids no event has: ${absent.length}`,
        apply: (q) => {
          const styled = asReferenceStyle(q, material);
          const kept = (firstValue(styled, 'eventReferenceIds') ?? '').split(',').filter((r) => r !== '');
          return withValue(styled, 'eventReferenceIds', [...kept, ...absent].slice(-maxItems).join(','));
        },
      })),
    });
  }

  // Reference ids under an event name that has none of them.
  const names = spec.eventNames.filter((n) => spec.parameter('eventName').check(n).valid);
  if (material.referencesByName.size > 0 && names.length > 1) {
    out.push({
      weight: 1,
      arbitrary: fc.nat().map((pick) => ({
        name: 'reference ids under another event name',
        apply: (q) => {
          const styled = asReferenceStyle(q, material);
          const refs = (firstValue(styled, 'eventReferenceIds') ?? '').split(',');
          const others = names.filter((n) => n !== firstValue(styled, 'eventName') && !refs.some((r) => material.referencesByName.get(n)?.includes(r)));
          return others.length === 0 ? styled : withValue(styled, 'eventName', others[pick % others.length]!);
        },
      })),
    });
  }
  return out;
}

/** The mutations the spec and the profile support (breaking only rules judged at `judged` or above, when given). */
export function mutationArb(spec: LoadedSpec, profile: Profile, judged?: Level): fc.Arbitrary<Mutation> {
  const material = materialOf(spec, profile);
  return fc.oneof(...syntaxMutations(spec, profile, material, judged), ...dataMutations(spec, profile, material));
}

/**
 * Requests that break at least one parameter rule or name absent data: a valid request with
 * one to three mutations (named in `notes`), sometimes encoded differently. Leniencies of the
 * valid request are kept: a target that does not grant them answers as they say.
 */
export function invalidFuzzRequestArb(spec: LoadedSpec, profile: Profile, judged?: Level): fc.Arbitrary<FuzzRequest> {
  let build = INVALID_FUZZ_REQUESTS_BY_LEVEL.get(judged);
  if (build === undefined) {
    build = memoizedBySpecAndProfile((s: LoadedSpec, p: Profile) => buildInvalidFuzzRequestArb(s, p, judged));
    INVALID_FUZZ_REQUESTS_BY_LEVEL.set(judged, build);
  }
  return build(spec, profile);
}

const INVALID_FUZZ_REQUESTS_BY_LEVEL = new Map<Level | undefined, (spec: LoadedSpec, profile: Profile) => fc.Arbitrary<FuzzRequest>>();

function buildInvalidFuzzRequestArb(spec: LoadedSpec, profile: Profile, judged: Level | undefined): fc.Arbitrary<FuzzRequest> {
  const requests = fc
    .tuple(plainValidRequestArb(spec, profile), fc.array(mutationArb(spec, profile, judged), { minLength: 1, maxLength: 3 }))
    .map(([base, mutations]): FuzzRequest => ({
      pairs: mutations.reduce<QueryPair[]>((q, m) => m.apply(q), [...base.pairs]),
      notes: mutations.map((m) => m.name),
      ...(base.leniencies ? { leniencies: base.leniencies } : {}),
    }));
  // Mutations can combine into a break of a rule judged below `judged` (a value of two kinds):
  // such requests are left to that rule's own requirement.
  const kept = judged === undefined ? requests : requests.filter((r) => rulesBrokenBy(spec, r).every((m) => judgedAt(spec, m.rule, judged)));
  return kept.chain(sometimesReencodedArb);
}

/** Invalid requests as parameter lists with the names of their mutations. */
export function invalidRequestArb(spec: LoadedSpec, profile: Profile): fc.Arbitrary<{ pairs: QueryPair[]; mutations: string[] }> {
  return invalidFuzzRequestArb(spec, profile).map((r) => ({ pairs: [...r.pairs], mutations: [...(r.notes ?? [])] }));
}
