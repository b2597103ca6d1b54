/**
 * Building blocks for faults: change what the reference is asked, or what it answers, without
 * touching the reference itself.
 */
import { encodeQuery, pairsOfRawQuery } from '../core/query.js';
import type { QueryPair } from '../core/query.js';
import type { ReferenceHandler, ReferenceRequest, ReferenceResponse } from '../core/handler.js';

/** The reference answers a rewritten query (the target "reads" the request wrongly). */
export function rewriteQuery(
  handler: ReferenceHandler,
  rewrite: (pairs: QueryPair[], request: ReferenceRequest) => QueryPair[],
): ReferenceHandler {
  return (request) => handler({ ...request, rawQuery: encodeQuery(rewrite(pairsOfRawQuery(request.rawQuery), request)) });
}

/** The reference sees rewritten headers (credentials, mostly). */
export function rewriteHeaders(
  handler: ReferenceHandler,
  rewrite: (headers: Record<string, string>) => Record<string, string>,
): ReferenceHandler {
  return (request) => handler({ ...request, headers: rewrite({ ...request.headers }) });
}

/** The reference's answer, changed on its way out. */
export function rewriteResponse(
  handler: ReferenceHandler,
  rewrite: (response: ReferenceResponse, request: ReferenceRequest) => ReferenceResponse,
): ReferenceHandler {
  return (request) => rewrite(handler(request), request);
}

/**
 * The reference's JSON body, changed on its way out (status and headers kept unless the change
 * returns them). Non-JSON answers pass through.
 */
export function rewriteJson(
  handler: ReferenceHandler,
  rewrite: (
    body: Record<string, unknown>,
    context: { status: number; request: ReferenceRequest; pairs: QueryPair[] },
  ) => Record<string, unknown> | { status: number; body: unknown },
): ReferenceHandler {
  return rewriteResponse(handler, (response, request) => {
    if (!response.headers['content-type']?.startsWith('application/json')) return response;
    const body = JSON.parse(response.body) as Record<string, unknown>;
    const out = rewrite(body, { status: response.status, request, pairs: pairsOfRawQuery(request.rawQuery) });
    if ('status' in out && 'body' in out && typeof out.status === 'number')
      return { ...response, status: out.status, body: JSON.stringify(out.body) };
    return { ...response, body: JSON.stringify(out) };
  });
}

/** Applies `change` to every event of a 200 body. */
export function rewriteEvents(
  handler: ReferenceHandler,
  change: (event: Record<string, unknown>, index: number) => void,
): ReferenceHandler {
  return rewriteJson(handler, (body, { status }) => {
    if (status === 200 && Array.isArray(body['events'])) (body['events'] as Record<string, unknown>[]).forEach(change);
    return body;
  });
}
