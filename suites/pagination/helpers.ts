/**
 * What the pagination checks share: the paging rules read from the spec (the `offset`/`limit`
 * schemas and `x-ledger-pagination`), the selection they page through, and page reading.
 */
import type { Answer, CheckContext } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { ProfileCustomer } from '../../src/profile/model.js';
import { createRandom } from '../../src/core/random.js';
import type { PaginationKnob } from '../../src/contract/knobs.js';
import type { LoadedSpec } from '../../src/contract/load.js';
import { customersWithEvents, eventIdCap, eventIdsQuery, expectEvents } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';

export interface PagingRules {
  readonly minLimit: number;
  readonly maxLimit: number;
  readonly defaultLimit: number;
  readonly defaultOffset: number;
  /** The largest offset the schema accepts. */
  readonly maxOffset: number;
  readonly knob: PaginationKnob;
}

function integerOf(spec: LoadedSpec, parameter: string, keyword: string): number {
  const value = spec.parameter(parameter).schema[keyword];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`the spec gives ${parameter} no integer ${keyword}`);
  return value;
}

export function pagingRules(spec: LoadedSpec): PagingRules {
  const knob = spec.knobs.pagination;
  if (knob.order.by !== 'eventLogId') throw new Error(`the pagination suite cannot order by ${String(knob.order.by)}`);
  return {
    minLimit: integerOf(spec, 'limit', 'minimum'),
    maxLimit: integerOf(spec, 'limit', 'maximum'),
    defaultLimit: integerOf(spec, 'limit', 'default'),
    defaultOffset: integerOf(spec, 'offset', 'default'),
    maxOffset: integerOf(spec, 'offset', 'maximum'),
    knob,
  };
}

/** Page sizes judged one by one; above this many, a spread of them. */
const EVERY_SIZE_UP_TO = 12;

/**
 * The page sizes the checks read: every size the schema accepts when there are few (the
 * canonical 1 to 10), else the ten smallest, a spread of the middle and the two largest, so
 * that a maximum of 100 costs a few hundred requests, not thousands. Smallest first.
 */
export function pageSizes(rules: PagingRules): number[] {
  const { minLimit: min, maxLimit: max } = rules;
  if (max - min + 1 <= EVERY_SIZE_UP_TO) return Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const spread = [1, 2, 3, 4].map((k) => Math.round(min + 10 + ((max - 2 - (min + 10)) * k) / 5));
  return [...new Set([...Array.from({ length: 10 }, (_, i) => min + i), ...spread, max - 1, max])].sort((a, b) => a - b);
}

/** The `offset` that asks for the zero-based page `index` of `limit` events. */
export function offsetOfPage(rules: PagingRules, index: number, limit: number): number {
  switch (rules.knob.offsetMeaning) {
    case 'page-number':
      return index;
    case 'item-offset':
      return index * limit;
    default:
      throw new Error(`unknown offsetMeaning ${String(rules.knob.offsetMeaning)}`);
  }
}

/** The position of the first event that an `offset` asks for. */
export function startOf(rules: PagingRules, offset: number, limit: number): number {
  return rules.knob.offsetMeaning === 'page-number' ? offset * limit : offset;
}

export function pageQuery(rules: PagingRules, index: number, limit: number): QueryPair[] {
  return [
    ['offset', String(offsetOfPage(rules, index, limit))],
    ['limit', String(limit)],
  ];
}

export const pageCount = (total: number, limit: number): number => Math.ceil(total / limit);

const compareIds = (a: string, b: string): number => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The ids as the order knob sorts them, each once or as often as named (the duplicates knob). */
export function inKnobOrder(rules: PagingRules, ids: readonly string[]): string[] {
  const sorted = (rules.knob.duplicates === 'collapse' ? [...new Set(ids)] : [...ids]).sort(compareIds);
  switch (rules.knob.order.direction) {
    case 'ascending':
      return sorted;
    case 'descending':
      return sorted.reverse();
    default:
      throw new Error(`unknown order direction ${String(rules.knob.order.direction)}`);
  }
}

export interface PagedSelection {
  readonly customer: ProfileCustomer;
  /** Lookup and eventIds: the request every page adds offset and limit to. */
  readonly base: QueryPair[];
  /** The selected event log ids, each once, in the (shuffled) order they are sent. */
  readonly ids: string[];
}

/**
 * As many events of the customer with the most events as one request may carry (less `room` for
 * ids a check adds), sent in a seeded random order so that the target's order is its own and not
 * the request's.
 */
export function wholeLedger(ctx: CheckContext, min = 2, room = 0): PagedSelection {
  const customer =
    customersWithEvents(ctx, min)[0] ??
    ctx.skip(`the profile lists no customer with ${min} or more events to page through`, { profileField: '/customers/*/events' });
  const distinct = [...new Set(customer.events.map((e) => e.eventLogId))];
  const ids = createRandom(ctx.seed).sample(distinct, Math.min(distinct.length, eventIdCap(ctx.spec) - room));
  return { customer, base: [...lookupPairs(customer.lookups[0]!), ...eventIdsQuery(ids)], ids };
}

/** Pages 0 to count-1 of `limit` events, asked for at once. */
export async function readPages(
  ctx: CheckContext,
  base: readonly QueryPair[],
  rules: PagingRules,
  limit: number,
  count: number,
): Promise<Answer[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => ctx.send([...base, ...pageQuery(rules, index, limit)])));
}

/** The event log ids of a page, failing the check when the page is not a 200 with events. */
export function idsOfPage(ctx: CheckContext, answer: Answer, what: string): string[] {
  return expectEvents(ctx, answer, what).map((e) => String(e['eventLogId']));
}

/** The whole selection at the largest page size, pages put end to end. */
export async function fullList(
  ctx: CheckContext,
  selection: PagedSelection,
  rules: PagingRules,
): Promise<{ ids: string[]; pages: Answer[] }> {
  const pages = await readPages(ctx, selection.base, rules, rules.maxLimit, pageCount(selection.ids.length, rules.maxLimit));
  return { ids: pages.flatMap((page, index) => idsOfPage(ctx, page, `Page ${index} at limit ${rules.maxLimit}`)), pages };
}

/** The page that holds position `index` of pages put end to end (the last page when past them). */
export function pageHolding(pages: readonly { answer: Answer; ids: readonly string[] }[], index: number): Answer {
  let seen = 0;
  for (const page of pages) {
    seen += page.ids.length;
    if (index < seen) return page.answer;
  }
  return pages[pages.length - 1]!.answer;
}

/** A list of ids for a Received/Documented line, cut short when long. */
export function showIds(ids: readonly string[], max = 12): string {
  return ids.length <= max ? `[${ids.join(', ')}]` : `[${ids.slice(0, max).join(', ')}, … ${ids.length - max} more]`;
}

/** Where two id lists first differ, in words. */
export function firstMismatch(received: readonly string[], expected: readonly string[]): string {
  const at = received.findIndex((id, i) => id !== expected[i]);
  const index = at === -1 ? Math.min(received.length, expected.length) : at;
  return `position ${index}: ${received[index] ?? 'nothing'} instead of ${expected[index] ?? 'nothing'}`;
}

/** Ids that occur more than once in a list. */
export function repeatedIds(ids: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([id]) => id);
}
