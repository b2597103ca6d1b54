/**
 * The handler contract: what an endpoint implementation called in-process sees and answers.
 * The reference implements it, the fault catalog wraps it, the in-process transport calls it.
 */

/** What the handler sees: what an HTTP server would have parsed from the request. */
export interface ReferenceRequest {
  readonly method: string;
  /** The URL path, base-URL prefix included, without the query. */
  readonly path: string;
  /** The query string exactly as it would be on the wire, without `?`; empty when there is none. */
  readonly rawQuery: string;
  /** Lower-case names; the real credentials, since the handler authenticates. */
  readonly headers: Record<string, string>;
  /** The body, read for methods other than GET and HEAD (the OAuth token POST). */
  readonly body?: string;
}

/** What the handler answers. Header names may be in any case. */
export interface ReferenceResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * An endpoint implementation callable without a socket: the reference, a fault built on it, or
 * a test's stand-in. By default it answers at once, as the reference does, which is what lets a
 * fault rewrite the answer of the handler it wraps. The in-process transport and the token POST
 * also take one that answers later: `ReferenceHandler<ReferenceResponse | Promise<ReferenceResponse>>`.
 */
export type ReferenceHandler<Answer extends ReferenceResponse | Promise<ReferenceResponse> = ReferenceResponse> = (
  request: ReferenceRequest,
) => Answer;
