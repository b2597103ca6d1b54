/**
 * Helpers the suites share: handles from the profile turned into requests, and answers turned
 * into the words of a failure message.
 */
import type { Answer, CheckContext } from '../src/check/check.js';
import type { QueryPair } from '../src/core/query.js';
import type { EventHandle, ProfileCustomer, ProfileGroup } from '../src/profile/model.js';
import type { ErrorRule, Trigger } from '../src/contract/knobs.js';
import { resolvePointer } from '../src/core/pointer.js';
import { isAnswerOf, ruleAnswer } from '../src/contract/rules.js';
import { lookupPairs } from '../src/profile/lookup-pairs.js';

/** The group lookup parameters: a group handle is always sent with the group type. */
export function groupQuery(ctx: CheckContext, group: ProfileGroup, lookup = group.lookups[0]!): QueryPair[] {
  return [...lookupPairs(lookup), ['type', ctx.spec.knobs.userGroups.groupType]];
}

/**
 * How many event ids one request may carry: the eventIds schema's maxItems (S6: "Max 10 events
 * are allowed in params"). A check that selects more sends several requests; the engine refuses
 * to send a request over the limit (src/engine/documented-limits.ts).
 */
export function eventIdCap(spec: CheckContext['spec']): number {
  const maxItems = spec.parameter('eventIds').schema['maxItems'];
  return typeof maxItems === 'number' ? maxItems : Number.MAX_SAFE_INTEGER;
}

export function eventIdsQuery(events: readonly (EventHandle | string)[]): QueryPair[] {
  return [['eventIds', events.map((e) => (typeof e === 'string' ? e : e.eventLogId)).join(',')]];
}

/**
 * The event log ids an answer lists for a selection that names `ids` (repeats included):
 * each once, or as often as named, as `x-ledger-pagination.duplicates` says.
 */
export function asSelected(spec: CheckContext['spec'], ids: readonly string[]): string[] {
  return spec.knobs.pagination.duplicates === 'collapse' ? [...new Set(ids)] : [...ids];
}

/** The customers of the profile with at least `min` events, most events first. */
export function customersWithEvents(ctx: CheckContext, min = 1): ProfileCustomer[] {
  return [...ctx.profile.customers].filter((c) => c.events.length >= min).sort((a, b) => b.events.length - a.events.length);
}

/** A customer with events, or skip: the request most checks start from. */
export function someCustomer(ctx: CheckContext, min = 1): ProfileCustomer {
  return (
    customersWithEvents(ctx, min)[0] ??
    ctx.skip(`the profile lists no customer with ${min} or more events`, { profileField: '/customers/*/events' })
  );
}

/** A request the target must answer 200: a known customer, one of its events. */
export function baselineQuery(ctx: CheckContext): QueryPair[] {
  const customer = someCustomer(ctx);
  return [...lookupPairs(customer.lookups[0]!), ...eventIdsQuery([customer.events[0]!])];
}

/** `errors[0].code` of an error body, if it has one. */
export function errorCodeOf(answer: Answer): number | undefined {
  const errors = (answer.json as { errors?: unknown } | undefined)?.errors;
  const code = Array.isArray(errors) ? (errors[0] as { code?: unknown } | undefined)?.code : undefined;
  return typeof code === 'number' ? code : undefined;
}

/** The events of a 200 body, or undefined when the body has none. */
export function eventsOf(answer: Answer): Record<string, unknown>[] | undefined {
  const events = (answer.json as { events?: unknown } | undefined)?.events;
  return Array.isArray(events) ? (events as Record<string, unknown>[]) : undefined;
}

/** Event log ids of a 200 body, as strings. */
export function eventIdsOf(answer: Answer): string[] | undefined {
  return eventsOf(answer)?.map((e) => String(e['eventLogId']));
}

/** A short account of an answer for a Received line. */
export function describe(answer: Answer): string {
  const code = errorCodeOf(answer);
  const events = eventsOf(answer);
  const body =
    code !== undefined
      ? `, error ${code}`
      : events
        ? `, ${events.length} event(s)`
        : answer.bodyText
          ? `, body ${JSON.stringify(answer.bodyText.slice(0, 120))}`
          : ', empty body';
  return `${answer.status}${body}`;
}

/** Fails the check unless the answer is a 200 with events. */
export function expectEvents(ctx: CheckContext, answer: Answer, what: string): Record<string, unknown>[] {
  const events = eventsOf(answer);
  if (answer.status !== 200 || !events)
    ctx.fail(`${what} is not answered 200 with events`, {
      received: describe(answer),
      documented: '200 with an events list',
      answer,
    });
  return events!;
}

/** Fails the check unless the answer carries the rule's status and code. */
export function expectRule(ctx: CheckContext, answer: Answer, rule: ErrorRule, what: string): void {
  if (!isAnswerOf(rule, answer.status, errorCodeOf(answer))) {
    ctx.fail(`${what} is not answered with error ${rule.code}`, {
      received: describe(answer),
      documented: `${ruleAnswer(rule)} (${rule.pointer})`,
      answer,
    });
  }
}

/** The first rule of x-ledger-errors with this trigger kind: the spec's answer to that condition. */
export function ruleOfKind(ctx: CheckContext, kind: Trigger['kind']): ErrorRule {
  const rule = ctx.spec.knobs.errors.find((r) => r.trigger.kind === kind);
  if (!rule) throw new Error(`x-ledger-errors has no rule with trigger kind ${kind}`);
  return rule;
}

export { canonicalJson } from '../src/contract/canonical-json.js';
import { canonicalJson } from '../src/contract/canonical-json.js';

/** Canonical forms by body text: the same body comes back to many checks of a run. */
const comparable = new Map<string, string>();

/** The body of an answer in comparable form (JSON canonicalised, anything else as text). */
export function comparableBody(answer: Pick<Answer, 'json' | 'bodyText'>): string {
  if (answer.json === undefined) return answer.bodyText;
  let text = comparable.get(answer.bodyText);
  if (text === undefined) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the bound of a cache: clearing it at another size, always or never changes the work, never the answer
    if (comparable.size >= 5_000) comparable.clear();
    comparable.set(answer.bodyText, (text = canonicalJson(answer.json)));
  }
  return text;
}

/** Whether two answers carry the same body (JSON compared in canonical form). */
export function sameBody(a: Pick<Answer, 'json' | 'bodyText'>, b: Pick<Answer, 'json' | 'bodyText'>): boolean {
  // The same bytes are the same body: no need to parse or canonicalise them.
  return a.bodyText === b.bodyText || comparableBody(a) === comparableBody(b);
}

/** The first path at which two JSON values differ, as a JSON pointer, or undefined if equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object' || Array.isArray(a) !== Array.isArray(b))
    return path || '/';
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}/${i}`);
      if (d) return d;
    }
    return undefined;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    const d = firstDifference(ra[key], rb[key], `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (d) return d;
  }
  return undefined;
}

/** The value at a JSON pointer without `#` (`/` is the root, as firstDifference reports it; so is ``, as `#` is). */
export function valueAt(root: unknown, pointer: string): unknown {
  return pointer === '/' ? root : resolvePointer(root, `#${pointer}`);
}
