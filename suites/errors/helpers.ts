/**
 * Helpers of the errors suite: the valid baselines every trigger starts from, invalid values
 * derived from a parameter's schema, and the proof that a built request breaks the rule meant.
 */
import type { CheckContext } from '../../src/check/check.js';
import type { IdentityName } from '../../src/http/types.js';
import type { QueryPair } from '../../src/core/query.js';
import type { ErrorRule } from '../../src/contract/knobs.js';
import type { ParameterModel } from '../../src/contract/parameters.js';
import { firstSyntaxViolation, parseQuery } from '../../src/contract/rules.js';
import { isBlank } from '../../src/core/server-trim.js';
import { validOnceTrimmed } from '../../src/contract/surrounding-whitespace.js';
import { sentAsAbsent } from '../../src/contract/empty-as-absent.js';
import type { Random } from '../../src/core/random.js';
import { ownersOf, referenceSets, type Owner, type ReferenceSet } from '../parameters/helpers.js';
import { eventIdsQuery } from '../support.js';

/** One request of a check, and what it does, for failure messages. */
export interface Variant {
  readonly what: string;
  readonly query: readonly QueryPair[];
  readonly identity?: IdentityName;
}

/** Valid requests of the profile that a trigger changes in exactly one place. */
export interface Baselines {
  /** The customer with the most events, selected by one event id. */
  readonly customer: Owner;
  readonly byIds: QueryPair[];
  /** A ledger selected by event name and one of its reference ids, when the profile knows one. */
  readonly references?: ReferenceSet;
  readonly byReferences?: QueryPair[];
  /** A user group selected by one event id, when the profile knows one. */
  readonly group?: Owner;
  readonly groupByIds?: QueryPair[];
}

export function baselines(ctx: CheckContext): Baselines {
  const owners = ownersOf(ctx);
  const customer = owners.filter((o) => o.kind === 'customer').sort((a, b) => b.events.length - a.events.length)[0];
  if (!customer) ctx.skip('the profile lists no customer with events', { profileField: '/customers/*/events' });
  const references = referenceSets(
    ctx,
    owners.filter((o) => o.kind === 'customer'),
  )[0];
  const group = owners.find((o) => o.kind === 'group');
  return {
    customer: customer!,
    byIds: [...customer!.lookup, ...eventIdsQuery([customer!.events[0]!])],
    ...(references
      ? {
          references,
          byReferences: [
            ...references.owner.lookup,
            ['eventName', references.eventName],
            ['eventReferenceIds', references.references[0]!],
          ],
        }
      : {}),
    ...(group ? { group, groupByIds: [...group.lookup, ...eventIdsQuery([group.events[0]!])] } : {}),
  };
}

/** The index of the rule a request breaks first, if it breaks one decided from the request alone. */
export function firstRuleBroken(ctx: CheckContext, query: readonly QueryPair[]): ErrorRule | undefined {
  return firstSyntaxViolation(ctx.spec, parseQuery(ctx.spec, query))?.rule;
}

/** Throws (the check is misbuilt, not the target wrong) unless the variant breaks `rule` first. */
export function assertBreaks(ctx: CheckContext, rule: ErrorRule, variant: Variant): void {
  const broken = firstRuleBroken(ctx, variant.query);
  if (broken?.index !== rule.index) {
    throw new Error(
      `misbuilt trigger "${variant.what}": it breaks ${broken ? `${broken.pointer} (${broken.code})` : 'no rule decided from the request'} first, not ${rule.pointer} (${rule.code})`,
    );
  }
}

/** Throws unless the variant keeps every rule decided from the request alone. */
export function assertWellFormed(ctx: CheckContext, variant: Variant): void {
  const broken = firstRuleBroken(ctx, variant.query);
  if (broken)
    throw new Error(`misbuilt trigger "${variant.what}": it breaks ${broken.pointer} (${broken.code}) before any lookup`);
}

// Raw values tried against a schema; only those the schema refuses are kept.
const TEXT_POOL = ['', ' ', 'a b', '!', '1.5', '-1', 'abc', '9'.repeat(19), 'x'.repeat(65)];
// Spellings some readings accept (Spring: yes, 1, TRUE, empty) and none does (maybe, 2).
const BOOLEAN_POOL = ['yes', '1', 'TRUE', '', 'maybe', '2'];
const INTEGER_POOL = ['abc', '1.5', '', '0x10'];

/** A raw value the parameter's schema refuses, with the keywords it breaks. */
export interface InvalidValue {
  readonly value: string;
  readonly failed: readonly string[];
  /** Sent whatever the sampling: a value the spec itself names, or the one most likely to be mishandled. */
  readonly always: boolean;
}

/**
 * Values of a parameter that its schema refuses, derived from the schema: wrong types, numbers
 * past each bound, strings outside the enum (other letter case too, when the enum is not
 * case-insensitive), items that break the item pattern, one item too many. `validItems` are
 * items the schema accepts, for lists that mix a good item with a bad one.
 */
export function invalidValues(ctx: CheckContext, parameter: ParameterModel, validItems: readonly string[]): InvalidValue[] {
  const candidates: { value: string; always: boolean }[] = [];
  const add = (value: string, always = false): void => void candidates.push({ value, always });
  const schema = parameter.schema;
  switch (parameter.kind) {
    case 'boolean':
      BOOLEAN_POOL.forEach((v) => add(v));
      break;
    case 'integer':
      INTEGER_POOL.forEach((v) => add(v));
      if (typeof schema['minimum'] === 'number') add(String(schema['minimum'] - 1));
      if (typeof schema['maximum'] === 'number') add(String(schema['maximum'] + 1));
      break;
    case 'string': {
      TEXT_POOL.forEach((v) => add(v));
      const members = (parameter.enumValues ?? []).filter((m): m is string => typeof m === 'string');
      // A near miss of a documented value, the likeliest to slip through a lenient check.
      if (members.length > 0) add(`${members[0]}X`, true);
      // Letter case is significant unless the parameter says otherwise.
      if (!parameter.caseInsensitive)
        for (const m of members.slice(0, 2)) add(m.toLowerCase() !== m ? m.toLowerCase() : m.toUpperCase(), true);
      // Ledger event types without explode detail that samples show refused by name (S3 lists
      // the others as possible values: sending them would judge what no source settles).
      if (ctx.spec.eventNames.every((n) => members.includes(n))) ctx.spec.knobs.eventsRefusedByName.forEach((n) => add(n, true));
      break;
    }
    case 'array': {
      // One past a signed 64-bit long, always tried: a JVM refuses it as malformed, a reader with
      // integers of any size looks it up (the eventIds item format knob tells them apart).
      add('9'.repeat(19), true);
      TEXT_POOL.forEach((v) => add(v));
      const badItem = ['abc', '!', ...TEXT_POOL].find((v) => v !== '' && !parameter.check(v).valid);
      if (validItems.length > 0 && badItem !== undefined) add(`${validItems[0]},${badItem}`, true);
      // A valid item with a sign: a Java long parser reads it, a digits-only rule does not.
      if (validItems.length > 0) add(`+${validItems[0]}`, true);
      const maxItems = schema['maxItems'];
      // One item too many, every item different: a target that collapses repeated ids
      // (x-ledger-pagination.duplicates) would count fewer. Made-up items are decimal numbers.
      if (typeof maxItems === 'number' && validItems.length > 0)
        add(distinctItems(parameter, validItems, maxItems + 1).join(','), true);
      break;
    }
  }
  const seen = new Set<string>();
  return candidates.flatMap((c) => {
    // Sent empty, an optional parameter may have been sent not at all: not a bad value of it.
    if (seen.has(c.value) || sentAsAbsent(ctx.spec, parameter, c.value)) return [];
    // x-ledger-parsing.surroundingWhitespace `unjudged`: a value a trim makes valid is not known to be bad.
    if (validOnceTrimmed(ctx.spec, parameter, c.value)) return [];
    seen.add(c.value);
    const check = parameter.check(c.value);
    return check.valid ? [] : [{ ...c, failed: [...check.failedKeywords].sort() }];
  });
}

/**
 * Whether a rule before `rule` already claims this value of `parameter`: an empty value of a
 * parameter a `missing` rule lists, or a value breaking only keywords of an earlier `invalid`
 * rule of that parameter. Such a value does not reach `rule`.
 */
export function claimedEarlier(ctx: CheckContext, rule: ErrorRule, parameter: string, value: InvalidValue): boolean {
  return ctx.spec.knobs.errors.some((earlier) => {
    if (earlier.index >= rule.index) return false;
    const t = earlier.trigger;
    // A blank value counts as missing as well (src/contract/rules.ts).
    if (t.kind === 'missing') return isBlank(value.value) && t.parameters.includes(parameter);
    if (t.kind === 'invalid' && t.parameters.includes(parameter))
      return !t.keywords || value.failed.every((k) => t.keywords!.includes(k));
    return false;
  });
}

/** One value per distinct set of failed keywords (picked with the seed), plus every `always` value. */
export function onePerKeywordSet(values: readonly InvalidValue[], random: Random): InvalidValue[] {
  const bySignature = new Map<string, InvalidValue[]>();
  for (const v of values.filter((v) => !v.always)) {
    const key = v.failed.join('+');
    bySignature.set(key, [...(bySignature.get(key) ?? []), v]);
  }
  return [...values.filter((v) => v.always), ...[...bySignature.values()].map((group) => random.pick(group))];
}

/** The same request for another customer: the lookup pairs swapped, when they are all there. */
export function withLookup(
  query: readonly QueryPair[],
  from: readonly QueryPair[],
  to: readonly QueryPair[],
): QueryPair[] | undefined {
  if (!from.every(([n, v]) => query.some(([qn, qv]) => qn === n && qv === v))) return undefined;
  const names = new Set([...from.map(([n]) => n), ...to.map(([n]) => n), 'accountId']);
  return [...to, ...query.filter(([n]) => !names.has(n))];
}

/** `a, b and c` (the first `max` names, then how many more). */
export function listOf(names: readonly string[], max = 3): string {
  const shown = names.length > max ? [...names.slice(0, max), `${names.length - max} more`] : [...names];
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}` : (shown[0] ?? '');
}

/** `count` different items the parameter accepts: the given ones first, then made-up decimal numbers. */
function distinctItems(parameter: ParameterModel, given: readonly string[], count: number): string[] {
  const items = [...new Set(given)];
  for (let n = 1_000_000_001; items.length < count; n += 7919) if (parameter.check(String(n)).valid) items.push(String(n));
  return items.slice(0, count);
}
