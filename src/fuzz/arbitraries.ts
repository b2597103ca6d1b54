/**
 * fast-check arbitraries of requests, derived from the spec's parameter model and the
 * profile's handles. Nothing here lists a parameter's values or bounds: enums, patterns,
 * minimum/maximum, maxItems, which parameters are booleans or required, and which identifier
 * names each type resolves are all read from the spec. A new parameter or enum value in the
 * spec is generated without a code change.
 */
import fc from 'fast-check';
import type { QueryPair } from '../http/types.js';
import type { EventHandle, IdentifierHandle, Profile } from '../profile/model.js';
import type { LoadedSpec } from '../spec/load.js';
import type { ParameterModel } from '../spec/parameters.js';

/** Whose ledger a request explodes, and the events that ledger is known to hold. */
interface Owner {
  readonly lookup: IdentifierHandle;
  /** Extra parameters that select the ledger (`type`, the primary-user flag). */
  readonly extra: readonly QueryPair[];
  readonly events: readonly EventHandle[];
  /** Lookups of customers (not groups) may vary the case of case-insensitive values. */
  readonly isGroup: boolean;
}

function ownersOf(spec: LoadedSpec, profile: Profile): Owner[] {
  const groupType = spec.knobs.userGroups.groupType;
  const primaryFlag = spec.knobs.userGroups.primaryUserParameter;
  const owners: Owner[] = [];
  // The type parameter's default is the customer type: sent explicitly or left out.
  const customerType: QueryPair = ['type', String(spec.parameter('type').defaultValue)];
  for (const customer of profile.customers) {
    if (customer.events.length === 0) continue;
    for (const lookup of customer.lookups) {
      owners.push({ lookup, extra: [], events: customer.events, isGroup: false });
      owners.push({ lookup, extra: [customerType], events: customer.events, isGroup: false });
    }
  }
  for (const group of profile.groups) {
    const primary = profile.customers.find((c) => c.key === group.primaryMember);
    for (const lookup of group.lookups) {
      if (group.events.length > 0) owners.push({ lookup, extra: [['type', groupType]], events: group.events, isGroup: true });
      if (primary && primary.events.length > 0) owners.push({ lookup, extra: [['type', groupType], [primaryFlag, 'true']], events: primary.events, isGroup: true });
    }
  }
  return owners;
}

/** The same letters with each one's case chosen by a mask: shrinks toward the unchanged text. */
function caseVariantArb(text: string): fc.Arbitrary<string> {
  return fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flip) => [...text].map((ch, i) => (flip[i] ? (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) : ch)).join(''));
}

/** The lookup parameters of an owner; case varies only where the spec says case does not matter. */
function lookupArb(spec: LoadedSpec, owner: Owner): fc.Arbitrary<QueryPair[]> {
  const { lookup } = owner;
  const name = spec.parameter('identifierName').caseInsensitive ? caseVariantArb(lookup.identifierName) : fc.constant(lookup.identifierName);
  const value =
    !owner.isGroup && spec.knobs.identifiers.caseInsensitiveValues.includes(lookup.identifierName) ? caseVariantArb(lookup.identifierValue) : fc.constant(lookup.identifierValue);
  return fc.tuple(name, value).map(([n, v]) => [
    ['identifierName', n],
    ['identifierValue', v],
    ['source', lookup.source],
    ...(lookup.accountId !== undefined ? ([['accountId', lookup.accountId]] as QueryPair[]) : []),
    ...owner.extra,
  ]);
}

/** eventIds (a subset, maybe with repeats) or eventName with up to maxItems reference ids. */
function selectorArb(spec: LoadedSpec, events: readonly EventHandle[]): fc.Arbitrary<QueryPair[]> {
  const ids = events.map((e) => e.eventLogId);
  const byId = fc
    .tuple(fc.subarray(ids, { minLength: 1 }), fc.subarray(ids, { maxLength: Math.min(2, ids.length) }))
    .map(([chosen, repeats]): QueryPair[] => [['eventIds', [...chosen, ...repeats].join(',')]]);
  const maxReferences = spec.parameter('eventReferenceIds').schema['maxItems'] as number;
  const referencesByName = new Map<string, string[]>();
  for (const e of events) {
    if (e.eventReferenceId === undefined) continue;
    const refs = referencesByName.get(e.eventName) ?? [];
    if (!refs.includes(e.eventReferenceId)) refs.push(e.eventReferenceId);
    referencesByName.set(e.eventName, refs);
  }
  if (referencesByName.size === 0) return byId;
  const byReference = fc
    .constantFrom(...referencesByName.keys())
    .chain((eventName) =>
      fc.subarray(referencesByName.get(eventName)!, { minLength: 1, maxLength: Math.min(maxReferences, referencesByName.get(eventName)!.length) }).map((refs): QueryPair[] => [
        ['eventName', eventName],
        ['eventReferenceIds', refs.join(',')],
      ]),
    );
  return fc.oneof(byId, byReference);
}

/** Any value the parameter's schema accepts, biased toward its bounds (integers and booleans). */
function validValueArb(parameter: ParameterModel): fc.Arbitrary<string> {
  const schema = parameter.schema;
  if (parameter.kind === 'boolean') return fc.constantFrom('true', 'false');
  if (parameter.kind === 'integer') {
    const min = schema['minimum'] as number;
    const max = schema['maximum'] as number;
    // Mostly small values (pages that exist), sometimes the bounds or anything in range.
    return fc.oneof(
      { arbitrary: fc.integer({ min, max: Math.min(max, min + 4) }).map(String), weight: 4 },
      { arbitrary: fc.constantFrom(String(min), String(max)), weight: 1 },
      { arbitrary: fc.integer({ min, max }).map(String), weight: 1 },
    );
  }
  if (parameter.enumValues) return fc.constantFrom(...parameter.enumValues.map(String));
  throw new Error(`no generator of valid values for ${parameter.name}`);
}

/** Optional parameters that shape the answer but select nothing: flags, paging. */
function optionalArb(spec: LoadedSpec, skip: ReadonlySet<string>): fc.Arbitrary<QueryPair[]> {
  const optional = spec.parameters.filter((p) => !p.required && !skip.has(p.name) && (p.kind === 'boolean' || p.kind === 'integer'));
  // Each optional parameter is left out half of the time, so defaults are exercised as often as values.
  return fc
    .tuple(...optional.map((p) => fc.option(validValueArb(p), { nil: undefined, freq: 1 }).map((v) => (v === undefined ? [] : [[p.name, v] as QueryPair]))))
    .map((parts) => parts.flat());
}

function currencyArb(spec: LoadedSpec, profile: Profile): fc.Arbitrary<QueryPair[]> {
  const ac = spec.knobs.alternateCurrencies;
  const names = [...profile.alternateCurrencyNames, ...profile.absent.alternateCurrencyNames];
  const include = fc.option(fc.constantFrom('true', 'false'), { nil: undefined });
  const named = names.length > 0 ? fc.option(fc.subarray(names, { minLength: 1 }), { nil: undefined }) : fc.constant(undefined);
  return fc.tuple(include, named).map(([i, n]) => [
    ...(i !== undefined ? ([[ac.includeParameter, i]] as QueryPair[]) : []),
    ...(n !== undefined ? ([[ac.namesParameter, n.join(',')]] as QueryPair[]) : []),
  ]);
}

/** Puts the parameters in a random order: order must not matter to a target. */
function shuffled(pairs: readonly QueryPair[]): fc.Arbitrary<QueryPair[]> {
  return fc.shuffledSubarray([...pairs], { minLength: pairs.length, maxLength: pairs.length });
}

/**
 * Requests that keep every parameter rule and name data the profile says exists: a
 * conformant target answers each of them 200.
 */
export function validRequestArb(spec: LoadedSpec, profile: Profile): fc.Arbitrary<QueryPair[]> {
  const owners = ownersOf(spec, profile);
  if (owners.length === 0) throw new Error('validRequestArb: the profile names no customer or group with events');
  const ac = spec.knobs.alternateCurrencies;
  const selectingOrOwning = new Set([ac.includeParameter, spec.knobs.userGroups.primaryUserParameter]);
  return fc
    .constantFrom(...owners)
    .chain((owner) => fc.tuple(lookupArb(spec, owner), selectorArb(spec, owner.events), optionalArb(spec, selectingOrOwning), currencyArb(spec, profile)))
    .chain((parts) => shuffled(parts.flat()));
}

/** Text that looks like trouble: empty, long, non-ASCII, encoded, injection-shaped. */
export function hostileStringArb(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '%00',
      '%2C',
      '%25',
      "' OR '1'='1",
      '1; DROP TABLE ledger--',
      '<script>alert(1)</script>',
      '../../etc/passwd',
      '${jndi:ldap://127.0.0.1/a}',
      '{{7*7}}',
      'null',
      'undefined',
      'NaN',
      '-1',
      '\u0000',
      '\u202e',
      '😀',
      'Ünïcödé',
    ),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
    fc.integer({ min: 200, max: 4000 }).map((n) => 'x'.repeat(n)),
  );
}

/** A string that is not one of `values` (compared without case when `caseInsensitive`). */
function outsideEnumArb(values: readonly unknown[], caseInsensitive: boolean): fc.Arbitrary<string> {
  const norm = (s: string): string => (caseInsensitive ? s.toLowerCase() : s);
  const known = new Set(values.map((v) => norm(String(v))));
  const nearMisses = values.flatMap((v) => [String(v) + 'X', String(v).slice(1), caseInsensitive ? [] : [String(v).toLowerCase(), String(v).toUpperCase()]].flat());
  return fc.oneof(fc.constantFrom(...nearMisses), hostileStringArb()).filter((s) => !known.has(norm(s)));
}

/** A value the parameter's schema refuses. */
function invalidValueArb(parameter: ParameterModel): fc.Arbitrary<string> {
  const schema = parameter.schema;
  switch (parameter.kind) {
    case 'boolean':
      return fc.oneof(fc.constantFrom('TRUE', 'False', 'yes', '1', '0', 'on', ''), hostileStringArb()).filter((s) => s !== 'true' && s !== 'false');
    case 'integer': {
      const min = schema['minimum'] as number | undefined;
      const max = schema['maximum'] as number | undefined;
      const out: fc.Arbitrary<string>[] = [fc.constantFrom('1.5', 'abc', '', '0x10', '1e3', ' 1').filter((s) => !/^[+-]?[0-9]+$/.test(s))];
      if (min !== undefined) out.push(fc.integer({ min: min - 1000, max: min - 1 }).map(String));
      if (max !== undefined) out.push(fc.constantFrom(String(max + 1), '99999999999999999999'));
      return fc.oneof(...out);
    }
    case 'array': {
      const items = parameter.itemSchema!;
      const maxItems = schema['maxItems'] as number | undefined;
      const pattern = items['pattern'] ? new RegExp(items['pattern'] as string, 'u') : undefined;
      const badItem = hostileStringArb().filter((s) => !pattern || !pattern.test(s));
      const goodItem = pattern?.test('1') ? '1' : 'a1';
      const out: fc.Arbitrary<string>[] = [badItem.map((bad) => `${goodItem},${bad}`), fc.constantFrom('', ',', `${goodItem},,${goodItem}`)];
      if (maxItems !== undefined) out.push(fc.integer({ min: maxItems + 1, max: maxItems + 5 }).map((n) => Array.from({ length: n }, (_, i) => (pattern?.test(String(i + 1)) ? String(i + 1) : `a${i}`)).join(',')));
      return fc.oneof(...out);
    }
    case 'string':
      if (parameter.enumValues) return outsideEnumArb(parameter.enumValues, parameter.caseInsensitive);
      return fc.constant('');
  }
}

/** One way to break a valid request, with a name for reports. */
export interface Mutation {
  readonly name: string;
  readonly apply: (pairs: QueryPair[]) => QueryPair[];
}

const drop = (pairs: readonly QueryPair[], name: string): QueryPair[] => pairs.filter(([n]) => n !== name);
const set = (pairs: readonly QueryPair[], name: string, value: string): QueryPair[] =>
  pairs.some(([n]) => n === name) ? pairs.map(([n, v]) => [n, n === name ? value : v] as QueryPair) : [...pairs, [name, value]];

function mutationArb(spec: LoadedSpec, profile: Profile): fc.Arbitrary<Mutation> {
  const required = spec.parameters.filter((p) => p.required);
  const constrained = spec.parameters.filter((p) => p.kind !== 'string' || p.enumValues !== undefined);
  const maxReferences = spec.parameter('eventReferenceIds').schema['maxItems'] as number;
  const someEvent = profile.customers.flatMap((c) => c.events).find((e) => e.eventReferenceId !== undefined);
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc.constantFrom(...required).map((p) => ({ name: `drop ${p.name}`, apply: (q) => drop(q, p.name) })),
    fc.constantFrom(...required).map((p) => ({ name: `empty ${p.name}`, apply: (q) => set(q, p.name, '') })),
    fc.constantFrom(...constrained).chain((p) => invalidValueArb(p).map((v) => ({ name: `invalid ${p.name}=${JSON.stringify(v)}`, apply: (q: QueryPair[]) => set(q, p.name, v) }))),
    fc.constantFrom(...spec.parameters).chain((p) =>
      fc.constantFrom('1', 'true', 'x').map((v) => ({ name: `repeat ${p.name}`, apply: (q: QueryPair[]) => [...q, [p.name, q.find(([n]) => n === p.name)?.[1] ?? v] as QueryPair, [p.name, v] as QueryPair] })),
    ),
    fc.constant<Mutation>({
      name: 'both selectors',
      apply: (q) => (q.some(([n]) => n === 'eventIds') ? [...q, ['eventName', someEvent?.eventName ?? 'TransactionAdd'], ['eventReferenceIds', someEvent?.eventReferenceId ?? '1']] : [...q, ['eventIds', '1']]),
    }),
    fc.constantFrom('eventIds', 'eventName', 'eventReferenceIds').map((keep) => ({
      name: `selector reduced to ${keep}`,
      apply: (q: QueryPair[]) => q.filter(([n]) => !['eventIds', 'eventName', 'eventReferenceIds'].includes(n) || n === keep),
    })),
    fc.integer({ min: maxReferences + 1, max: maxReferences + 4 }).map((n) => ({
      name: `${n} reference ids`,
      apply: (q: QueryPair[]) => set(set(drop(q, 'eventIds'), 'eventName', someEvent?.eventName ?? 'TransactionAdd'), 'eventReferenceIds', Array.from({ length: n }, (_, i) => `r${i}`).join(',')),
    })),
    fc.tuple(fc.constantFrom(...spec.parameters.filter((p) => p.kind === 'string' && !p.enumValues)), hostileStringArb()).map(([p, v]) => ({
      name: `hostile ${p.name}=${JSON.stringify(v)}`,
      apply: (q: QueryPair[]) => set(q, p.name, v),
    })),
    fc.constantFrom(...Object.entries(spec.knobs.identifiers.byType)).chain(([type, names]) => {
      const others = (spec.parameter('identifierName').enumValues ?? []).map(String).filter((n) => !names.includes(n));
      return others.length === 0
        ? fc.constant<Mutation>({ name: 'noop', apply: (q) => q })
        : fc.constantFrom(...others).map((n) => ({ name: `identifierName ${n} for ${type}`, apply: (q: QueryPair[]) => set(set(q, 'type', type), 'identifierName', n) }));
    }),
    fc.constantFrom(...Object.keys(spec.knobs.identifiers.valuePatterns)).chain((name) =>
      hostileStringArb()
        .filter((v) => !new RegExp(spec.knobs.identifiers.valuePatterns[name]!, 'u').test(v) && v !== '')
        .map((v) => ({ name: `${name} value ${JSON.stringify(v)}`, apply: (q: QueryPair[]) => set(set(q, 'identifierName', name), 'identifierValue', v) })),
    ),
  ];
  return fc.oneof(...mutations);
}

/**
 * Requests that break at least one parameter rule: a valid request with one to three
 * mutations. The answer a target owes each is predicted by `src/spec/rules.ts`.
 */
export function invalidRequestArb(spec: LoadedSpec, profile: Profile): fc.Arbitrary<{ pairs: QueryPair[]; mutations: string[] }> {
  return fc.tuple(validRequestArb(spec, profile), fc.array(mutationArb(spec, profile), { minLength: 1, maxLength: 3 })).map(([pairs, mutations]) => ({
    pairs: mutations.reduce((q, m) => m.apply(q), pairs),
    mutations: mutations.map((m) => m.name),
  }));
}
