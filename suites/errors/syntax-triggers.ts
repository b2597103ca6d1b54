/**
 * Trigger builders of the rules decided from the request alone (`src/contract/rules.ts`), one per
 * trigger kind. Each starts from a valid baseline of the profile and changes exactly one thing;
 * the check then proves with `firstSyntaxViolation` that each request breaks the rule meant.
 */
import type { CheckContext } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { Random } from '../../src/core/random.js';
import type { ErrorRule, SyntaxTrigger } from '../../src/contract/knobs.js';
import type { ParameterModel } from '../../src/contract/parameters.js';
import { hasParameter, without, withValue } from '../../src/core/query.js';
import { trimsToValid } from '../../src/contract/surrounding-whitespace.js';
import { claimedEarlier, invalidValues, onePerKeywordSet, type Baselines, type Variant } from './helpers.js';

type Kind = SyntaxTrigger['kind'];
type TriggerOf<K extends Kind> = Extract<SyntaxTrigger, { kind: K }>;
export type SyntaxBuilder<K extends Kind> = (
  ctx: CheckContext,
  rule: ErrorRule,
  trigger: TriggerOf<K>,
  base: Baselines,
  random: Random,
) => Variant[];

/** The parameters of the second selector style: they only make sense without eventIds. */
const REFERENCE_SELECTOR = ['eventName', 'eventReferenceIds'];

// Identifier values tried against a value pattern; only those it refuses are kept.
const IDENTIFIER_POOL = ['abc', '0', '-1', '01', '1.5', '1e3', ' 1', '9'.repeat(19)];

const missing: SyntaxBuilder<'missing'> = (_ctx, _rule, trigger, base) =>
  trigger.parameters.flatMap((name): Variant[] => [
    { what: `${name} absent`, query: without(base.byIds, name) },
    { what: `${name} empty`, query: withValue(base.byIds, name, '') },
  ]);

/** A valid value of a parameter other than its default, for a repeat that disagrees with itself. */
function anotherValidValue(parameter: ParameterModel): string | undefined {
  const fallback = parameter.defaultValue;
  const candidates = [
    ...(parameter.enumValues ?? []).map(String),
    ...(typeof fallback === 'boolean' ? [String(!fallback)] : []),
    ...(typeof fallback === 'number' ? [String(fallback + 1), String(fallback - 1)] : []),
  ];
  return candidates.find((v) => v !== String(fallback) && parameter.check(v).valid);
}

const repeated: SyntaxBuilder<'repeated'> = (ctx, _rule, _trigger, base, random) => {
  // Each parameter of the baseline, sent twice with the same value.
  const same = base.byIds.map(([name, value]): Variant => ({
    what: `${name} sent twice with the same value`,
    query: [...base.byIds, [name, value]],
  }));
  // An optional parameter sent twice with two valid values.
  const optional = ctx.spec.parameters.filter(
    (p) => p.defaultValue !== undefined && anotherValidValue(p) !== undefined && !hasParameter(base.byIds, p.name),
  );
  const differing = random.sample(optional, Math.min(2, optional.length)).map((p): Variant => ({
    what: `${p.name} sent twice with two valid values`,
    query: [...base.byIds, [p.name, String(p.defaultValue)], [p.name, anotherValidValue(p)!]],
  }));
  return [...same, ...differing];
};

/** Items the schema accepts for an array parameter, from the profile, to mix with a bad item. */
function validItemsOf(ctx: CheckContext, name: string, base: Baselines): string[] {
  if (name === 'eventIds') return base.customer.events.map((e) => e.eventLogId);
  if (name === 'eventReferenceIds') return [...(base.references?.references ?? [])];
  if (name === ctx.spec.knobs.alternateCurrencies.namesParameter) return [...ctx.profile.alternateCurrencyNames];
  return [];
}

const invalid: SyntaxBuilder<'invalid'> = (ctx, rule, trigger, base, random) => {
  const variants: Variant[] = [];
  const unbuildable: string[] = [];
  for (const name of trigger.parameters) {
    const start = REFERENCE_SELECTOR.includes(name) ? base.byReferences : base.byIds;
    if (!start) {
      unbuildable.push(name);
      continue;
    }
    const parameter = ctx.spec.parameter(name);
    const reachable = invalidValues(ctx, parameter, validItemsOf(ctx, name, base))
      .filter((v) => !claimedEarlier(ctx, rule, name, v))
      // With keywords, only values that break nothing but those keywords.
      .filter((v) => !trigger.keywords || v.failed.every((k) => trigger.keywords!.includes(k)));
    // Read leniently (x-ledger-parsing.booleans), a boolean has no invalid value: nothing to send.
    if (reachable.length === 0 && parameter.kind === 'boolean' && ctx.spec.knobs.parsing.booleans === 'lenient') continue;
    if (reachable.length === 0)
      throw new Error(`misbuilt trigger: no value of ${name} derived from its schema reaches ${rule.pointer}`);
    for (const v of onePerKeywordSet(reachable, random)) {
      variants.push({
        what: `${name}=${JSON.stringify(v.value.length > 40 ? `${v.value.slice(0, 40)}…` : v.value)} (breaks ${v.failed.join(', ')})`,
        query: withValue(start, name, v.value),
      });
    }
  }
  if (variants.length === 0)
    ctx.skip(`the profile lists no event with a reference id, needed to send ${unbuildable.join(' and ')}`, {
      profileField: '/customers/*/events/*/eventReferenceId',
    });
  return variants;
};

/** A value for identifier name `name` that its value pattern accepts, from the profile's lookups. */
function identifierValueFor(ctx: CheckContext, name: string, current: string): string | undefined {
  const pattern = ctx.spec.knobs.identifiers.valuePatterns[name];
  if (pattern === undefined) return current;
  const re = new RegExp(pattern, 'u');
  const known = [...ctx.profile.customers.flatMap((c) => c.lookups), ...ctx.profile.groups.flatMap((g) => g.lookups)].map(
    (l) => l.identifierValue,
  );
  return [current, ...known].find((v) => re.test(v));
}

/** A baseline per `type` value the profile can name: customers (type implicit and explicit), groups. */
interface TypedBaseline {
  readonly type: string;
  readonly query: QueryPair[];
  readonly label: string;
  /** The default type sent explicitly: one variant there suffices. */
  readonly explicitDefault: boolean;
}

function typedBaselines(ctx: CheckContext, base: Baselines): TypedBaseline[] {
  const defaultType = String(ctx.spec.parameter('type').defaultValue);
  return [
    { type: defaultType, query: base.byIds, label: 'a customer', explicitDefault: false },
    {
      type: defaultType,
      query: withValue(base.byIds, 'type', defaultType),
      label: `a customer with type=${defaultType}`,
      explicitDefault: true,
    },
    ...(base.groupByIds
      ? [{ type: ctx.spec.knobs.userGroups.groupType, query: base.groupByIds, label: 'a group', explicitDefault: false }]
      : []),
  ];
}

const identifierNotForType: SyntaxBuilder<'identifier-not-for-type'> = (ctx, _rule, _trigger, base) => {
  const names = (ctx.spec.parameter('identifierName').enumValues ?? []).map(String);
  const variants: Variant[] = [];
  for (const { type, query, label, explicitDefault } of typedBaselines(ctx, base)) {
    const resolved = ctx.spec.knobs.identifiers.byType[type] ?? [];
    const foreign = names.filter((n) => !resolved.includes(n));
    for (const name of explicitDefault ? foreign.slice(0, 1) : foreign) {
      const value = identifierValueFor(ctx, name, query.find(([n]) => n === 'identifierValue')![1]);
      if (value === undefined) continue;
      variants.push({
        what: `identifierName=${name} for ${label}`,
        query: withValue(withValue(query, 'identifierName', name), 'identifierValue', value),
      });
    }
  }
  if (variants.length === 0) ctx.skip('every documented identifierName is resolved by every type the profile can name');
  return variants;
};

const identifierValueFormat: SyntaxBuilder<'identifier-value-format'> = (ctx, _rule, _trigger, base, random) => {
  const variants: Variant[] = [];
  for (const [name, pattern] of Object.entries(ctx.spec.knobs.identifiers.valuePatterns)) {
    const re = new RegExp(pattern, 'u');
    // x-ledger-parsing.surroundingWhitespace `unjudged`: " 1" may be read as 1.
    const bad = IDENTIFIER_POOL.filter((v) => !re.test(v) && !trimsToValid(ctx.spec, v, (trimmed) => re.test(trimmed)));
    for (const { type, query, label, explicitDefault } of typedBaselines(ctx, base)) {
      if (explicitDefault || !(ctx.spec.knobs.identifiers.byType[type] ?? []).includes(name)) continue;
      for (const value of random.sample(bad, Math.min(query === base.byIds ? 3 : 1, bad.length))) {
        variants.push({
          what: `identifierName=${name} with identifierValue=${JSON.stringify(value)} for ${label}`,
          query: withValue(withValue(query, 'identifierName', name), 'identifierValue', value),
        });
      }
    }
  }
  if (variants.length === 0) ctx.skip('no identifier name with a value pattern is resolved by a type the profile can name');
  return variants;
};

const bothSelectors: SyntaxBuilder<'both-selectors'> = (_ctx, _rule, _trigger, base) => {
  const eventName = base.references?.eventName ?? base.customer.events[0]!.eventName;
  const reference = base.references?.references[0];
  const variants: Variant[] = [{ what: 'eventIds with eventName', query: [...base.byIds, ['eventName', eventName]] }];
  if (reference !== undefined) {
    variants.push({ what: 'eventIds with eventReferenceIds', query: [...base.byIds, ['eventReferenceIds', reference]] });
    variants.push({
      what: 'eventIds with eventName and eventReferenceIds',
      query: [...base.byIds, ['eventName', eventName], ['eventReferenceIds', reference]],
    });
  }
  if (base.byReferences && base.references) {
    variants.push({
      what: 'eventName and eventReferenceIds with eventIds',
      query: [...base.byReferences, ['eventIds', base.references.events[0]!.eventLogId]],
    });
  }
  return variants;
};

const noSelector: SyntaxBuilder<'no-selector'> = (_ctx, _rule, _trigger, base) => {
  const bare = without(base.byIds, 'eventIds', ...REFERENCE_SELECTOR);
  const eventName = base.references?.eventName ?? base.customer.events[0]!.eventName;
  const reference = base.references?.references[0];
  return [
    { what: 'no selector at all', query: bare },
    { what: 'eventName without eventReferenceIds', query: [...bare, ['eventName', eventName]] },
    ...(reference !== undefined
      ? [{ what: 'eventReferenceIds without eventName', query: [...bare, ['eventReferenceIds', reference]] as QueryPair[] }]
      : []),
  ];
};

export const SYNTAX_BUILDERS: { readonly [K in Kind]: SyntaxBuilder<K> } = {
  missing,
  repeated,
  invalid,
  'identifier-not-for-type': identifierNotForType,
  'identifier-value-format': identifierValueFormat,
  'both-selectors': bothSelectors,
  'no-selector': noSelector,
};
