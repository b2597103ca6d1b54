/**
 * Helpers of the parameters suite (the errors suite borrows them too): the ledgers of the
 * profile as owners a request can name, their events grouped by reference id, and small edits
 * of a query.
 */
import type { CheckContext } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { EventHandle } from '../../src/profile/model.js';
import { groupQuery } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';

/** A ledger the profile knows, with the lookup that names it. */
export interface Owner {
  /** `customer c01` or `group g1`, for failure messages. */
  readonly label: string;
  readonly kind: 'customer' | 'group';
  /** The lookup parameters (with the group type for a group). */
  readonly lookup: QueryPair[];
  readonly events: readonly EventHandle[];
  /** Events of the ledger of types without explode detail (the profile lists them for customers). */
  readonly eventIdsWithoutDetail: readonly string[];
}

/** Every customer and group of the profile that has events, customers first. */
export function ownersOf(ctx: CheckContext): Owner[] {
  return [
    ...ctx.profile.customers
      .filter((c) => c.events.length > 0 && c.lookups.length > 0)
      .map((c): Owner => ({
        label: `customer ${c.key}`,
        kind: 'customer',
        lookup: lookupPairs(c.lookups[0]!),
        events: c.events,
        eventIdsWithoutDetail: c.eventIdsWithoutDetail,
      })),
    ...ctx.profile.groups
      .filter((g) => g.events.length > 0 && g.lookups.length > 0)
      .map((g): Owner => ({
        label: `group ${g.key}`,
        kind: 'group',
        lookup: groupQuery(ctx, g),
        events: g.events,
        eventIdsWithoutDetail: [],
      })),
  ];
}

/** Events of one name in one ledger that carry a reference id, and their distinct references. */
export interface ReferenceSet {
  readonly owner: Owner;
  readonly eventName: string;
  /** Distinct reference ids, in ledger order. */
  readonly references: readonly string[];
  /** The owner's events of that name (with or without a reference). */
  readonly events: readonly EventHandle[];
}

/**
 * Per owner and documented event name, the reference ids the profile knows; those with the most
 * distinct references first (ties keep profile order).
 */
export function referenceSets(ctx: CheckContext, owners: readonly Owner[] = ownersOf(ctx)): ReferenceSet[] {
  const pattern = itemPatternOf(ctx, 'eventReferenceIds');
  const sets: ReferenceSet[] = [];
  for (const owner of owners) {
    const names = [...new Set(owner.events.map((e) => e.eventName))].filter((n) => ctx.spec.eventNames.includes(n));
    for (const eventName of names) {
      const events = owner.events.filter((e) => e.eventName === eventName);
      // A reference the parameter's own schema refuses cannot be asked for.
      const references = [
        ...new Set(
          events.map((e) => e.eventReferenceId).filter((r): r is string => r !== undefined && (!pattern || pattern.test(r))),
        ),
      ];
      if (references.length > 0) sets.push({ owner, eventName, references, events });
    }
  }
  return sets.sort((a, b) => b.references.length - a.references.length);
}

/** The events of a reference set that a list of reference ids selects. */
export function selectedBy(set: ReferenceSet, references: readonly string[]): EventHandle[] {
  return set.events.filter((e) => e.eventReferenceId !== undefined && references.includes(e.eventReferenceId));
}

/** `count` items taken from `items` in turn, starting again from the first when they run out. */
export function cycle<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[i % items.length]!);
}

/** The item pattern of an array parameter, if its schema has one. */
export function itemPatternOf(ctx: CheckContext, parameter: string): RegExp | undefined {
  const pattern = ctx.spec.parameter(parameter).itemSchema?.['pattern'];
  return typeof pattern === 'string' ? new RegExp(pattern, 'u') : undefined;
}

/** The page size of a request that does not send `limit`. */
export function defaultPageSize(ctx: CheckContext): number {
  const size = ctx.spec.parameter('limit').defaultValue;
  if (typeof size !== 'number') throw new Error('the spec gives limit no default');
  return size;
}
