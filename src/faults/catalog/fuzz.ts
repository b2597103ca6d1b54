/**
 * Faults the fuzz checks must catch: mistakes confined to one narrow class of input, the kind
 * hand-written checks miss and a fuzzer finds (and shrinks to its smallest instance).
 */
import type { QueryPair } from '../../core/query.js';
import type { ReferenceResponse, ReferenceHandler } from '../../core/handler.js';
import { pairsOfRawQuery, firstValue } from '../../core/query.js';
import { defineFault, type Fault } from '../fault.js';
import { rewriteJson, rewriteQuery, rewriteResponse } from '../wrappers.js';

/** What a Spring service answers when a handler throws. */
function serverError(path: string): ReferenceResponse {
  return {
    status: 500,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 500, error: 'Internal Server Error', path }),
  };
}

/** A 500 whenever the request's parameters satisfy `crashes`. */
function crashingOn(handler: ReferenceHandler, crashes: (pairs: QueryPair[]) => boolean): ReferenceHandler {
  return rewriteResponse(handler, (response, request) =>
    crashes(pairsOfRawQuery(request.rawQuery)) ? serverError(request.path) : response,
  );
}

export const faults: readonly Fault[] = [
  defineFault({
    id: 'fuzz/seven-reference-ids-crash',
    title: 'a list of exactly seven eventReferenceIds overruns a fixed-size batch and crashes (500)',
    trips: ['RESP-NO-SERVER-ERROR', 'RESP-STATUS', 'PARAM-VALID-ACCEPTED'],
    build: ({ reference }) => crashingOn(reference, (pairs) => firstValue(pairs, 'eventReferenceIds')?.split(',').length === 7),
  }),
  defineFault({
    id: 'fuzz/email-upper-case-crash',
    title: 'an email identifier with an upper-case letter crashes the case-folding lookup (500)',
    trips: ['RESP-NO-SERVER-ERROR', 'RESP-STATUS', 'PARAM-VALID-ACCEPTED'],
    build: ({ reference }) =>
      crashingOn(reference, (pairs) => {
        const value = firstValue(pairs, 'identifierValue');
        return (
          firstValue(pairs, 'identifierName')?.toLowerCase() === 'email' && value !== undefined && value !== value.toLowerCase()
        );
      }),
  }),
  defineFault({
    id: 'fuzz/non-ascii-identifier-crash',
    title: 'a non-ASCII identifierValue crashes the Latin-1 audit log (500)',
    trips: ['RESP-NO-SERVER-ERROR', 'RESP-STATUS', 'PARAM-INVALID-REJECTED'],
    build: ({ reference }) => crashingOn(reference, (pairs) => /[^\x00-\x7f]/.test(firstValue(pairs, 'identifierValue') ?? '')),
  }),
  defineFault({
    id: 'fuzz/limit-maximum-off-by-one',
    title: 'limit is checked with >= instead of >, so its documented maximum is refused (400)',
    trips: ['PARAM-VALID-ACCEPTED'],
    build: ({ reference, spec }) => {
      const maximum = spec.parameter('limit').schema['maximum'] as number;
      // The target reads its own maximum as one past the last allowed value.
      return rewriteQuery(reference, (pairs) =>
        pairs.map(([n, v]): QueryPair => (n === 'limit' && v === String(maximum) ? [n, String(maximum + 1)] : [n, v])),
      );
    },
  }),
  defineFault({
    id: 'fuzz/reference-selection-unordered',
    title:
      'a selection by reference ids is gathered by a parallel stream, so its events come back in another order every other call',
    trips: ['RESP-DETERMINISTIC'],
    build: ({ reference }) => {
      // Only selections by eventName and eventReferenceIds take the parallel path (the schema
      // suite's determinism check selects by eventIds); each repetition sees the other order.
      const seen = new Map<string, number>();
      return rewriteJson(reference, (body, { status, request, pairs }) => {
        const events = body['events'];
        if (status !== 200 || firstValue(pairs, 'eventReferenceIds') === undefined || !Array.isArray(events) || events.length < 2)
          return body;
        const times = (seen.get(request.rawQuery) ?? 0) + 1;
        seen.set(request.rawQuery, times);
        return times % 2 === 0 ? { ...body, events: [...events].reverse() } : body;
      });
    },
  }),
];
