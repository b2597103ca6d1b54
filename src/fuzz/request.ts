/**
 * A generated request: the parameters it carries, how it goes on the wire, and what was done
 * to make it (for reports). The answer a target owes it is judged from what the target parses,
 * the wire form, never from the generator's intent.
 */
import type { QueryPair } from '../core/query.js';
import { queryOf, pairsOfRawQuery } from '../core/query.js';
import type { Level } from '../core/report-model.js';
import type { ErrorRule } from '../contract/knobs.js';

/**
 * A latitude the spec grants at a level below MUST that a request relies on (e.g. an
 * identifierName in another letter case). A target that does not grant it answers one of
 * `rules`; that answer breaks `requirement`, which its own suite judges, and is not held
 * against the fuzz properties.
 */
export interface Leniency {
  readonly requirement: string;
  readonly level: Level;
  readonly rules: readonly ErrorRule[];
}

export interface FuzzRequest {
  /** The parameters, in the order they are sent. */
  readonly pairs: readonly QueryPair[];
  /**
   * The exact query string, when the request tests an encoding (`pairs` then says what it
   * decodes to, as far as it decodes at all).
   */
  readonly rawQuery?: string;
  /** How a valid request was broken (invalid requests) or how it was encoded, for reports. */
  readonly notes?: readonly string[];
  readonly leniencies?: readonly Leniency[];
}

/** The query string a request puts on the wire, without `?`. */
export function wireQueryOf(request: FuzzRequest): string {
  return queryOf({
    query: request.pairs,
    identity: 'primary',
    ...(request.rawQuery !== undefined ? { rawQuery: request.rawQuery } : {}),
  });
}

/**
 * The parameters a target reads from the request: the wire form decoded as a form query
 * (which also turns a lone surrogate of a generated string into U+FFFD, as UTF-8 must).
 */
export function receivedPairsOf(request: FuzzRequest): QueryPair[] {
  return pairsOfRawQuery(wireQueryOf(request));
}

/** A counterexample as a report shows it: the query string, then how it was made. */
export function printRequest(request: FuzzRequest): string {
  const query = `?${wireQueryOf(request)}`;
  return request.notes && request.notes.length > 0 ? `${query}  (${request.notes.join('; ')})` : query;
}
