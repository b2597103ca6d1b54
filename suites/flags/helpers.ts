/**
 * What the flags checks share (the alternate-currencies suite uses it too): reveals removed from
 * answers, events sampled by type from the profile, and answers combined.
 */
import type { Answer, CheckContext } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { EventHandle } from '../../src/profile/model.js';
import { createRandom } from '../../src/core/random.js';
import type { Reveal } from '../../src/contract/knobs.js';
import { forEachContainer, holds, removeAt } from '../../src/contract/reveal-paths.js';
import { describe, errorCodeOf, eventIdCap, eventIdsQuery, groupQuery } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The events of a body, or an empty list. */
export function bodyEvents(body: unknown): Json[] {
  const events = isObject(body) ? body['events'] : undefined;
  return Array.isArray(events) ? (events.filter(isObject) as Json[]) : [];
}

/** A copy of a body with each reveal's path removed from the events of the types it lists. */
export function withoutReveals(body: unknown, reveals: readonly Reveal[]): unknown {
  const copy = structuredClone(body);
  for (const event of bodyEvents(copy)) {
    for (const reveal of reveals) if (reveal.eventNames.includes(String(event['eventName']))) removeAt(event, reveal.path);
  }
  return copy;
}

/**
 * The reveals a flag that is off may still show as an empty list (`whenOff: absent-or-empty`,
 * as S1's sample of a redemption without flags shows `customFields: []`).
 */
export function emptyWhenOff(ctx: CheckContext): Reveal[] {
  return Object.values(ctx.spec.knobs.flags).flatMap((knob) => (knob.whenOff === 'absent-or-empty' ? knob.reveals : []));
}

/**
 * A copy of a body without the empty lists that `emptyWhenOff` allows, so that an answer with
 * the flag off compares with one that shows nothing there. A list that is not empty stays.
 */
export function withoutEmptyLists(body: unknown, reveals: readonly Reveal[]): unknown {
  if (reveals.length === 0) return body;
  const copy = structuredClone(body);
  for (const event of bodyEvents(copy)) {
    for (const reveal of reveals) {
      if (!reveal.eventNames.includes(String(event['eventName']))) continue;
      forEachContainer(event, reveal.path, (container, key) => {
        if (holds(container, key) && !Array.isArray(container)) {
          const value = (container as Json)[key];
          if (Array.isArray(value) && value.length === 0) delete (container as Json)[key];
        }
      });
    }
  }
  return copy;
}

/**
 * Where the answer `off` shows something that `on` does not show as it is: the first JSON
 * pointer, or undefined when `on` covers `off`. A flag only adds: everything the answer without it
 * shows is in the answer with it, unchanged (an empty list stands for nothing shown).
 */
export function uncovered(on: unknown, off: unknown, at = ''): string | undefined {
  if (Array.isArray(off)) {
    if (off.length === 0) return undefined;
    if (!Array.isArray(on) || on.length !== off.length) return at || '/';
    for (let i = 0; i < off.length; i++) {
      const found = uncovered(on[i], off[i], `${at}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isObject(off)) {
    if (!isObject(on)) return at || '/';
    for (const key of Object.keys(off)) {
      const found = uncovered(on[key], off[key], `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return Object.is(on, off) ? undefined : at || '/';
}

/** The flags a reveal needs besides its own. */
export const requiresOf = (reveals: readonly Reveal[]): string[] => [...new Set(reveals.flatMap((r) => r.requires ?? []))];

/**
 * Two answers merged as additions: objects take the keys of both, arrays of one length merge
 * item by item, equal values stay, and an empty list stands for nothing shown (S1 §3.12.11's
 * breakup sample shows `lineItems: []` in a bill that only holds what another flag adds).
 * Anything else is a conflict, reported by its path.
 */
export function mergeAdditions(a: unknown, b: unknown, at = ''): { value: unknown } | { conflict: string } {
  if (a === undefined || (Array.isArray(a) && a.length === 0 && Array.isArray(b))) return { value: b };
  if (b === undefined || (Array.isArray(b) && b.length === 0 && Array.isArray(a))) return { value: a };
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return { conflict: at || '/' };
    const items: unknown[] = [];
    for (let i = 0; i < a.length; i++) {
      const merged = mergeAdditions(a[i], b[i], `${at}/${i}`);
      if ('conflict' in merged) return merged;
      items.push(merged.value);
    }
    return { value: items };
  }
  if (isObject(a) && isObject(b)) {
    const out: Json = {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const merged = mergeAdditions(a[key], b[key], `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if ('conflict' in merged) return merged;
      out[key] = merged.value;
    }
    return { value: out };
  }
  return Object.is(a, b) ? { value: a } : { conflict: at || '/' };
}

/** A ledger the profile knows: how to ask for it, and its events. */
export interface Ledger {
  readonly what: string;
  readonly query: QueryPair[];
  readonly events: readonly EventHandle[];
}

/** Every ledger of the profile: customers with the most events first, then groups. */
export function ledgersOf(ctx: CheckContext): Ledger[] {
  const customers = [...ctx.profile.customers]
    .filter((c) => c.events.length > 0 && c.lookups.length > 0)
    .sort((a, b) => b.events.length - a.events.length);
  const groups = ctx.profile.groups.filter((g) => g.events.length > 0 && g.lookups.length > 0);
  return [
    ...customers.map((c) => ({ what: `customer ${c.key}`, query: lookupPairs(c.lookups[0]!), events: c.events })),
    ...groups.map((g) => ({ what: `group ${g.key}`, query: groupQuery(ctx, g), events: g.events })),
  ];
}

/** Events asked for together: one ledger, at most one page of them. */
export interface EventBatch {
  readonly ledger: Ledger;
  readonly events: readonly EventHandle[];
  /** Lookup, eventIds and the page size that holds them all. */
  readonly query: QueryPair[];
}

export interface SampleOptions {
  /** Event types to cover: up to `perType` events of each, from the first ledger that has them. */
  readonly types: ReadonlySet<string>;
  readonly perType: number;
  /** Events of other types to add, from ledgers already picked, one per type. */
  readonly others: number;
  /** Other types to take first (e.g. those the knobs list for neighbouring flags). */
  readonly preferredOthers?: ReadonlySet<string>;
}

/**
 * A seeded sample of the profile's events: each wanted type from the first ledger that has
 * it, a few events of other types, batched by ledger in pages of the largest limit. Events are
 * dealt to a ledger's batches in turn, so that each batch spans the ledger from its oldest
 * picked event to its newest.
 */
export function sampleEvents(ctx: CheckContext, options: SampleOptions): EventBatch[] {
  const random = createRandom(ctx.seed);
  const maxLimit = ctx.spec.parameter('limit').schema['maximum'];
  if (typeof maxLimit !== 'number') throw new Error('the spec gives limit no maximum');
  const ledgers = ledgersOf(ctx);
  const picked = new Map<Ledger, EventHandle[]>();
  const add = (ledger: Ledger, events: readonly EventHandle[]): void => {
    const list = picked.get(ledger) ?? [];
    picked.set(ledger, [...list, ...events.filter((e) => !list.includes(e))]);
  };
  for (const type of options.types) {
    const ledger = ledgers.find((l) => l.events.some((e) => e.eventName === type));
    if (ledger)
      add(
        ledger,
        random.sample(
          ledger.events.filter((e) => e.eventName === type),
          options.perType,
        ),
      );
  }
  let others = options.others;
  for (const ledger of [...picked.keys()]) {
    const byType = new Map<string, EventHandle[]>();
    for (const e of ledger.events.filter((e) => !options.types.has(e.eventName)))
      byType.set(e.eventName, [...(byType.get(e.eventName) ?? []), e]);
    const preferred = (type: string): number => (options.preferredOthers?.has(type) ? 0 : 1);
    const types = random.sample([...byType.keys()], byType.size).sort((a, b) => preferred(a) - preferred(b));
    for (const type of types.slice(0, Math.max(0, others))) {
      add(ledger, [random.pick(byType.get(type)!)]);
      others -= 1;
    }
  }
  const batches: EventBatch[] = [];
  for (const [ledger, events] of picked) {
    // Ledger order, so that the batch reads like the profile.
    const ordered = ledger.events.filter((e) => events.includes(e));
    const count = Math.ceil(ordered.length / Math.min(maxLimit, eventIdCap(ctx.spec)));
    for (let k = 0; k < count; k++) {
      const dealt = ordered.filter((_, i) => i % count === k);
      batches.push({ ledger, events: dealt, query: [...ledger.query, ...eventIdsQuery(dealt), ['limit', String(maxLimit)]] });
    }
  }
  return batches;
}

/** Every event type of the profile's ledgers. */
export function profileEventTypes(ctx: CheckContext): Set<string> {
  return new Set(ledgersOf(ctx).flatMap((l) => l.events.map((e) => e.eventName)));
}

/**
 * Skips the check when the answer is the documented refusal of a flag for the caller's org
 * (`org-setting-disabled`): the identity cannot show what the flag adds.
 */
export function skipIfOrgSettingOff(ctx: CheckContext, answer: Answer, flagsOn: readonly string[]): void {
  for (const rule of ctx.spec.knobs.errors) {
    if (rule.trigger.kind !== 'org-setting-disabled' || !flagsOn.includes(rule.trigger.parameter)) continue;
    if (answer.status === rule.status && errorCodeOf(answer) === rule.code) {
      ctx.skip(
        `the primary identity's org has ${rule.trigger.setting} off: ${rule.trigger.parameter}=true is answered ${describe(answer)}`,
      );
    }
  }
}

/** `name=value` pairs for a Received line. */
export const showQuery = (pairs: readonly QueryPair[]): string => pairs.map(([n, v]) => `${n}=${v}`).join('&');
