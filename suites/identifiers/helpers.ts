/**
 * Helpers of the identifiers suite (the user-groups suite re-exports the generic ones): the
 * spec's answer for a trigger kind, one page that holds a whole selection, and soft judgements
 * of an answer against the events a profile says it selects.
 */
import { isAnswerOf, ruleAnswer } from '../../src/contract/rules.js';
import type { Answer, CheckContext } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { EventHandle, IdentifierHandle, ProfileCustomer } from '../../src/profile/model.js';
import type { Random } from '../../src/core/random.js';
import type { ErrorRule } from '../../src/contract/knobs.js';
import { asSelected, comparableBody, describe, errorCodeOf, eventIdCap, eventIdsOf, firstDifference } from '../support.js';

/**
 * The largest page the spec allows, and the query that asks for it: selections are kept to one
 * page so that these checks judge selection, not paging.
 */
export function wholePage(ctx: CheckContext): { readonly size: number; readonly query: QueryPair[] } {
  const limit = ctx.spec.parameter('limit');
  const largest = (limit.schema['maximum'] ?? limit.defaultValue) as number | undefined;
  // Never more ids than one request may carry (S6's ten), whatever the page size allows.
  const size = Math.min(largest ?? Number.POSITIVE_INFINITY, eventIdCap(ctx.spec));
  return largest === undefined ? { size, query: [] } : { size, query: [[limit.name, String(size)]] };
}

/** At most `size` events, drawn with `random` when there are more. */
export function upTo<T>(random: Random, items: readonly T[], size: number): T[] {
  return items.length <= size ? [...items] : random.sample(items, size);
}

/** The customer with most events first, then `count - 1` others drawn with `random`. */
export function sampleCustomers(random: Random, ranked: readonly ProfileCustomer[], count: number): ProfileCustomer[] {
  if (ranked.length === 0) return [];
  return [ranked[0]!, ...random.sample(ranked.slice(1), count - 1)];
}

/** A lookup as a reader of a report knows it: `email=a@b.c in MARTJACK/mj-1`. */
export function lookupText(lookup: IdentifierHandle): string {
  return `${lookup.identifierName}=${lookup.identifierValue} in ${lookup.source}${lookup.accountId !== undefined ? `/${lookup.accountId}` : ''}`;
}

/** Ids for a Received/Documented line, cut short when there are many. */
export function idList(ids: readonly string[], max = 8): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')}, … (${ids.length} in all)`;
}

/**
 * Soft-fails unless the answer is a 200 whose events are exactly `expected` (as a set), each
 * once, or as often as named when x-ledger-pagination.duplicates is `repeat`. True when it is.
 */
export function checkExactEvents(ctx: CheckContext, answer: Answer, expected: readonly EventHandle[], what: string): boolean {
  const named = asSelected(
    ctx.spec,
    expected.map((e) => e.eventLogId),
  );
  const wanted = [...new Set(named)];
  const times = (list: readonly string[], id: string): number => list.filter((x) => x === id).length;
  const once = ctx.spec.knobs.pagination.duplicates === 'collapse';
  const documented = `200 with exactly ${named.length} event(s), ${once ? 'each once' : 'each as often as named'} (x-ledger-pagination duplicates: ${ctx.spec.knobs.pagination.duplicates}): ${idList(named)}`;
  const ids = eventIdsOf(answer);
  if (answer.status !== 200 || !ids) {
    ctx.softFail(`${what} is not answered 200 with events`, { received: describe(answer), documented, answer });
    return false;
  }
  let exact = true;
  const miscounted = wanted.filter((id) => ids.includes(id) && times(ids, id) !== times(named, id));
  if (miscounted.length > 0) {
    exact = false;
    ctx.softFail(`${what} returns an event ${once ? 'more than once' : 'a different number of times than named'}`, {
      received: `${ids.length} event(s); ${miscounted.map((id) => `${id} ${times(ids, id)} time(s)`).join(', ')}`,
      documented,
      answer,
    });
  }
  const missing = wanted.filter((id) => !ids.includes(id));
  const extra = [...new Set(ids)].filter((id) => !wanted.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    exact = false;
    const parts = [
      `${ids.length} event(s)`,
      ...(missing.length > 0 ? [`missing ${idList(missing)}`] : []),
      ...(extra.length > 0 ? [`not selected ${idList(extra)}`] : []),
    ];
    ctx.softFail(`${what} does not return exactly the selected events`, { received: parts.join('; '), documented, answer });
  }
  return exact;
}

/** Soft-fails unless the answer carries the rule's status and code. True when it does. */
export function checkRule(ctx: CheckContext, answer: Answer, rule: ErrorRule, what: string): boolean {
  if (isAnswerOf(rule, answer.status, errorCodeOf(answer))) return true;
  ctx.softFail(`${what} is not answered with error ${rule.code}`, {
    received: describe(answer),
    documented: `${ruleAnswer(rule)} (${rule.pointer})`,
    answer,
  });
  return false;
}

/** Soft-fails unless `answer` has the status and body of `baseline`. True when it does. */
export function checkSameAnswer(ctx: CheckContext, answer: Answer, baseline: Answer, what: string, documented: string): boolean {
  if (answer.status === baseline.status && comparableBody(answer) === comparableBody(baseline)) return true;
  const where =
    answer.status === baseline.status && answer.json !== undefined && baseline.json !== undefined
      ? ` (first difference at ${firstDifference(baseline.json, answer.json)})`
      : '';
  ctx.softFail(what, { received: `${describe(answer)}${where}`, documented: `${documented}: ${describe(baseline)}`, answer });
  return false;
}
