/**
 * Requests that keep every parameter rule and name data the profile says exists: a conformant
 * target answers each of them 200 with a valid body (PARAM-VALID-ACCEPTED). What is generated,
 * and where the spec says it:
 * - the lookup of a customer or group of the profile (`#/components/parameters/identifierName`,
 *   `identifierValue`, `source`, `accountId`), with `identifierName` in any letter case when
 *   the parameter is `x-ledger-case-insensitive`, values of `x-ledger-identifiers.caseInsensitiveValues`
 *   in any letter case, and an ignored `accountId` on the sources of `accountIdIgnoredFor`;
 * - `type` left out or set to its default for a customer; the group type, with or without the
 *   primary-user flag, for a group (`x-ledger-user-groups`); the flag on a customer, where it
 *   changes nothing;
 * - one selector style: `eventIds` (a subset of the ledger's events, repeats included) or
 *   `eventName` with 1 to `maxItems` `eventReferenceIds` of that name (repeats included);
 * - every other optional parameter left out or given a valid value from its schema (booleans,
 *   bounded integers with their bounds, enums): `offset`, `limit`, the `get*` flags;
 * - alternate currencies (`x-ledger-alternate-currencies`): the include flag, names the org
 *   defines and names it does not (those yield a warning, not an error);
 * - parameters in the spec's order or shuffled, and sometimes an equivalent encoding.
 */
import fc from 'fast-check';
import type { QueryPair } from '../core/query.js';
import type { EventHandle, Profile } from '../profile/model.js';
import { refusedParameters } from '../profile/org-settings.js';
import type { LoadedSpec } from '../contract/load.js';
import { sometimesReencodedArb } from './encoding.js';
import { latitudeAt } from './oracle.js';
import { ownersOf, type Owner, knownAccountIds } from './owners.js';
import { lookupPairs } from '../profile/lookup-pairs.js';
import type { FuzzRequest, Leniency } from './request.js';
import { lazyArb } from './lazy.js';
import { memoizedBySpecAndProfile } from './memo.js';
import { caseVariantArb } from './strings.js';
import { validValueArb } from './values.js';

/** Parameters whose values the owner, the selector or the currency knob decide. */
function parametersWithRoles(spec: LoadedSpec): Set<string> {
  const { userGroups, alternateCurrencies } = spec.knobs;
  return new Set([
    'identifierName',
    'identifierValue',
    'source',
    'accountId',
    'type',
    userGroups.primaryUserParameter,
    'eventIds',
    'eventName',
    'eventReferenceIds',
    alternateCurrencies.includeParameter,
    alternateCurrencies.namesParameter,
  ]);
}

/** Half of the time absent, else a value. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });
const pairIf = (name: string, value: string | undefined): QueryPair[] => (value === undefined ? [] : [[name, value]]);

/** The lookup, with the letter-case latitudes the spec grants, and the leniencies they need. */
function lookupArb(
  spec: LoadedSpec,
  profile: Profile,
  owner: Owner,
): fc.Arbitrary<{ pairs: QueryPair[]; leniencies: Leniency[] }> {
  const { lookup } = owner;
  const ids = spec.knobs.identifiers;
  const nameParameter = spec.parameter('identifierName');
  const name = nameParameter.caseInsensitive
    ? fc.oneof(fc.constant(lookup.identifierName), caseVariantArb(lookup.identifierName))
    : fc.constant(lookup.identifierName);
  const valueCaseFree = ids.caseInsensitiveValues.includes(lookup.identifierName);
  const value = valueCaseFree
    ? fc.oneof(fc.constant(lookup.identifierValue), caseVariantArb(lookup.identifierValue))
    : fc.constant(lookup.identifierValue);
  // An accountId where the spec says it is ignored: one the profile knows, or any other.
  const ignoredAccount =
    lookup.accountId === undefined && ids.accountIdIgnoredFor.includes(lookup.source)
      ? fc.option(fc.constantFrom(...knownAccountIds(profile), 'any-account'), { nil: undefined, freq: 5 })
      : fc.constant(undefined);

  const nameLatitude = latitudeAt(
    spec,
    nameParameter.pointer,
    spec.knobs.errors.filter((r) => r.trigger.kind === 'invalid' && r.trigger.parameters.includes('identifierName')),
  );
  const notFound = owner.kind === 'group' ? 'group-not-found' : 'customer-not-found';
  const valueLatitude = latitudeAt(
    spec,
    `${spec.operationPointer}/x-ledger-identifiers/caseInsensitiveValues`,
    spec.knobs.errors.filter((r) => r.trigger.kind === notFound),
  );
  return fc.tuple(name, value, ignoredAccount).map(([n, v, account]) => {
    const leniencies: Leniency[] = [];
    if (n !== lookup.identifierName && nameLatitude) leniencies.push(nameLatitude);
    if (v !== lookup.identifierValue && valueLatitude) leniencies.push(valueLatitude);
    const pairs = lookupPairs({
      ...lookup,
      identifierName: n,
      identifierValue: v,
      ...(account !== undefined ? { accountId: account } : {}),
    });
    return { pairs, leniencies };
  });
}

/** `type` and the primary-user flag: what the owner needs, and what a customer may add. */
function ownerParametersArb(spec: LoadedSpec, owner: Owner): fc.Arbitrary<QueryPair[]> {
  const flag = spec.knobs.userGroups.primaryUserParameter;
  if (owner.kind === 'group') {
    if (owner.extra.some(([n]) => n === flag)) return fc.constant([...owner.extra]);
    return sometimes(fc.constant('false')).map((v) => [...owner.extra, ...pairIf(flag, v)]);
  }
  const customerType = spec.parameter('type').defaultValue;
  const type = customerType === undefined ? fc.constant(undefined) : sometimes(fc.constant(String(customerType)));
  return fc.tuple(type, sometimes(fc.constantFrom('true', 'false'))).map(([t, p]) => [...pairIf('type', t), ...pairIf(flag, p)]);
}

/** One selector style over the owner's events, with list items the parameters' schemas accept. */
function selectorArb(spec: LoadedSpec, events: readonly EventHandle[]): fc.Arbitrary<QueryPair[]> {
  const idsParameter = spec.parameter('eventIds');
  const ids = events.map((e) => e.eventLogId).filter((id) => idsParameter.check(id).valid);
  const parts: fc.Arbitrary<QueryPair[]>[] = [];
  if (ids.length > 0) {
    // A subset of the ledger, plus up to two repeats (the same event selected twice appears once),
    // never more items than the schema's maxItems (S6's cap of ten counts items as sent).
    const cap = (idsParameter.schema['maxItems'] as number | undefined) ?? Infinity;
    parts.push(
      fc
        .tuple(
          fc.subarray(ids, { minLength: 1, maxLength: Math.min(ids.length, cap) }),
          fc.subarray(ids, { maxLength: Math.min(2, ids.length) }),
        )
        .map(([chosen, repeats]): QueryPair[] => [['eventIds', [...chosen, ...repeats].slice(0, cap).join(',')]]),
    );
  }
  const nameParameter = spec.parameter('eventName');
  const refsParameter = spec.parameter('eventReferenceIds');
  const references = new Map<string, string[]>();
  for (const e of events) {
    if (
      e.eventReferenceId === undefined ||
      !nameParameter.check(e.eventName).valid ||
      !refsParameter.check(e.eventReferenceId).valid
    )
      continue;
    const refs = references.get(e.eventName) ?? [];
    if (!refs.includes(e.eventReferenceId)) refs.push(e.eventReferenceId);
    references.set(e.eventName, refs);
  }
  if (references.size > 0) {
    const minItems = (refsParameter.schema['minItems'] as number | undefined) ?? 1;
    const maxItems = (refsParameter.schema['maxItems'] as number | undefined) ?? minItems + 10;
    // Any count from minItems to maxItems, items drawn with repeats: every list length is reachable
    // whatever the ledger holds, and a list shrinks toward its shortest failing length.
    const byName = new Map(
      [...references].map(([eventName, refs]) => [
        eventName,
        fc.array(fc.constantFrom(...refs), { minLength: minItems, maxLength: maxItems }).map((chosen): QueryPair[] => [
          ['eventName', eventName],
          ['eventReferenceIds', chosen.join(',')],
        ]),
      ]),
    );
    parts.push(fc.constantFrom(...references.keys()).chain((eventName) => byName.get(eventName)!));
  }
  if (parts.length === 0) throw new Error('selectorArb: no event of the owner has an id or reference id its parameter accepts');
  return fc.oneof(...parts);
}

/**
 * Every optional parameter without a role: absent or a valid value of its schema. A flag the
 * main identity's org refuses (`orgSettings` of the profile) is never turned on: that request
 * is owed the org-setting rule's error, not a 200.
 */
function optionalArb(spec: LoadedSpec, profile: Profile): fc.Arbitrary<QueryPair[]> {
  const roles = parametersWithRoles(spec);
  const refused = refusedParameters(spec, profile);
  const optional = spec.parameters
    .filter((p) => !p.required && !roles.has(p.name))
    .flatMap((p) => {
      const value = validValueArb(p)?.filter((v) => !refused.has(p.name) || v.toLowerCase() !== 'true');
      return value ? [sometimes(value).map((v) => pairIf(p.name, v))] : [];
    });
  return fc.tuple(...optional).map((parts) => parts.flat());
}

/** The currency selection: the include flag, and names the org defines or does not. */
function currencyArb(spec: LoadedSpec, profile: Profile): fc.Arbitrary<QueryPair[]> {
  const ac = spec.knobs.alternateCurrencies;
  const namesParameter = spec.parameter(ac.namesParameter);
  const names = [...new Set([...profile.alternateCurrencyNames, ...profile.absent.alternateCurrencyNames])].filter(
    (n) => !n.includes(',') && namesParameter.check(n).valid,
  );
  const maxItems = namesParameter.schema['maxItems'] as number | undefined;
  const include = sometimes(fc.constantFrom('true', 'false'));
  const named =
    names.length > 0
      ? sometimes(fc.subarray(names, { minLength: 1, maxLength: Math.min(maxItems ?? names.length, names.length) }))
      : fc.constant(undefined);
  return fc
    .tuple(include, named)
    .map(([i, n]) => [...pairIf(ac.includeParameter, i), ...pairIf(ac.namesParameter, n?.join(','))]);
}

/** Mostly in the order built (readable counterexamples), sometimes shuffled: order must not matter. */
function orderArb(pairs: readonly QueryPair[]): fc.Arbitrary<QueryPair[]> {
  const shuffled = lazyArb(() =>
    fc.shuffledSubarray([...pairs], { minLength: pairs.length, maxLength: pairs.length }).map((p): QueryPair[] => [...p]),
  );
  return fc.oneof({ arbitrary: fc.constant<QueryPair[]>([...pairs]), weight: 3 }, { arbitrary: shuffled, weight: 1 });
}

/** Valid requests with their leniencies, in the usual encoding (the base of invalid requests too). */
export const usualValidRequestArb = memoizedBySpecAndProfile(buildUsualValidRequestArb);

function buildUsualValidRequestArb(spec: LoadedSpec, profile: Profile): fc.Arbitrary<FuzzRequest> {
  const owners = ownersOf(spec, profile);
  if (owners.length === 0) throw new Error('validRequestArb: the profile names no customer or group with events');
  const optional = optionalArb(spec, profile);
  const currencies = currencyArb(spec, profile);
  // Built once per owner, not once per case: arbitraries hold no state, so the cases are the same.
  const partsOf = new Map<Owner, ReturnType<typeof ownerPartsArb>>();
  const ownerPartsArb = (owner: Owner) =>
    fc.tuple(
      lookupArb(spec, profile, owner),
      ownerParametersArb(spec, owner),
      selectorArb(spec, owner.events),
      optional,
      currencies,
    );
  return fc
    .constantFrom(...owners)
    .chain((owner) => partsOf.get(owner) ?? partsOf.set(owner, ownerPartsArb(owner)).get(owner)!)
    .chain(([lookup, ownerPairs, selector, rest, currency]) =>
      orderArb([...lookup.pairs, ...ownerPairs, ...selector, ...rest, ...currency]).map((pairs): FuzzRequest => ({
        pairs,
        ...(lookup.leniencies.length > 0 ? { leniencies: lookup.leniencies } : {}),
      })),
    );
}

/**
 * Valid requests with their leniencies, sometimes encoded differently (`encoding: 'usual'`:
 * always in the usual encoding, e.g. to send `pairs` as they are).
 */
export function validRequestArb(
  spec: LoadedSpec,
  profile: Profile,
  options: { readonly encoding?: 'varied' | 'usual' } = {},
): fc.Arbitrary<FuzzRequest> {
  const usual = usualValidRequestArb(spec, profile);
  return options.encoding === 'usual' ? usual : usual.chain(sometimesReencodedArb);
}
