/**
 * What a probe of `discover` is: a few requests that tell, for the knobs of one
 * `x-ledger-dialects` probe kind, which evidenced alternative a target shows. A probe never
 * widens the alternatives: it matches what it saw against the listed ones, and reports
 * "unmatched" otherwise, so that discover can never turn a fault into a dialect.
 */
import type { Answer } from '../check/check.js';
import type { QueryPair } from '../core/query.js';
import { lookupPairs } from '../profile/lookup-pairs.js';
import type { EventHandle, Profile } from '../profile/model.js';
import type { DialectAlternative, DialectKnob } from '../contract/knobs.js';
import type { LoadedSpec } from '../contract/load.js';
import { canonicalJson } from '../contract/canonical-json.js';

export interface ProbeContext {
  readonly spec: LoadedSpec;
  readonly profile: Profile;
  /** A GET to the endpoint with the main identity; throws when no response came back. */
  send(query: readonly QueryPair[]): Promise<Answer>;
}

/** What a probe saw at one knob, with the answers that show it. */
export type Observation =
  | {
      readonly kind: 'matched';
      readonly alternative: DialectAlternative;
      readonly shownBy: readonly Answer[];
      readonly note: string;
    }
  | { readonly kind: 'unmatched'; readonly shownBy: readonly Answer[]; readonly note: string }
  | { readonly kind: 'skipped'; readonly reason: string };

/** Probes every knob that names it; the observations are keyed by the knob's pointer. */
export type Probe = (ctx: ProbeContext, knobs: readonly DialectKnob[]) => Promise<Map<string, Observation>>;

export const matched = (alternative: DialectAlternative, shownBy: readonly Answer[], note: string): Observation => ({
  kind: 'matched',
  alternative,
  shownBy,
  note,
});
export const unmatched = (shownBy: readonly Answer[], note: string): Observation => ({ kind: 'unmatched', shownBy, note });

export const skipped = (reason: string): Observation => ({ kind: 'skipped', reason });

/** The same observation for every knob of the probe. */
export function forEvery(knobs: readonly DialectKnob[], observe: (knob: DialectKnob) => Observation): Map<string, Observation> {
  return new Map(knobs.map((knob) => [knob.pointer, observe(knob)]));
}

/** `errors[0].code` of an answer, if it is an error envelope. */
export function codeOf(answer: Answer): number | undefined {
  const errors = (answer.json as { errors?: unknown } | undefined)?.errors;
  const code = Array.isArray(errors) ? (errors[0] as { code?: unknown } | undefined)?.code : undefined;
  return typeof code === 'number' ? code : undefined;
}

/** The event log ids of a 200 answer, as strings, or undefined. */
export function idsOf(answer: Answer): string[] | undefined {
  const events = (answer.json as { events?: unknown } | undefined)?.events;
  return answer.status === 200 && Array.isArray(events)
    ? events.map((e) => String((e as { eventLogId?: unknown }).eventLogId))
    : undefined;
}

/** A short account of an answer, for notes. */
export function told(answer: Answer): string {
  const code = codeOf(answer);
  const ids = idsOf(answer);
  return `${answer.status}${code !== undefined ? ` error ${code}` : ids ? ` with ${ids.length} event(s)` : ''}`;
}

/** The alternative whose value is this error answer (status and code), if one is. */
export function errorAlternative(knob: DialectKnob, answer: Answer): DialectAlternative | undefined {
  const code = codeOf(answer);
  return knob.alternatives.find((a) => {
    const value = a.value as { status?: unknown; code?: unknown } | number;
    return typeof value === 'number'
      ? value === code && answer.status >= 400
      : typeof value === 'object' && value !== null && value.status === answer.status && value.code === code;
  });
}

/** The alternative with this exact value, if one is. */
export function alternativeOf(knob: DialectKnob, value: unknown): DialectAlternative | undefined {
  return knob.alternatives.find((a) => JSON.stringify(a.value) === JSON.stringify(value));
}

/** A customer of the profile with at least `min` events (the most first), with its lookup. */
export function customerWith(profile: Profile, min: number): { lookup: QueryPair[]; events: EventHandle[] } | undefined {
  const customer = [...profile.customers]
    .filter((c) => c.events.length >= min && c.lookups.length > 0)
    .sort((a, b) => b.events.length - a.events.length)[0];
  return customer ? { lookup: lookupPairs(customer.lookups[0]!), events: [...customer.events] } : undefined;
}

/** The first customer of the profile with an event of one of `types`, with its lookup. */
export function customerWithTypes(
  profile: Profile,
  types: ReadonlySet<string>,
): { lookup: QueryPair[]; events: EventHandle[] } | undefined {
  const customer = profile.customers.find((c) => c.lookups.length > 0 && c.events.some((e) => types.has(e.eventName)));
  return customer ? { lookup: lookupPairs(customer.lookups[0]!), events: [...customer.events] } : undefined;
}

/** The page size that holds `count` events, within the spec's bounds. */
export function limitFor(spec: LoadedSpec, count: number): QueryPair {
  const max = spec.parameter('limit').schema['maximum'];
  return ['limit', String(typeof max === 'number' ? Math.min(max, Math.max(1, count)) : count)];
}

/** Whether two answers carry the same status and the same body (JSON compared key order aside). */
export function sameAnswer(a: Answer, b: Answer): boolean {
  if (a.status !== b.status) return false;
  return a.json !== undefined && b.json !== undefined
    ? canonicalJson(a.json) === canonicalJson(b.json)
    : a.bodyText === b.bodyText;
}
