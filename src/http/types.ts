/**
 * The wire-level contract between the engine and whatever answers its requests: a real
 * target over HTTP(S), or the reference implementation called in-process.
 */
import type { QueryPair } from '../core/query.js';

/**
 * Which credentials a request carries. The engine resolves the name to real secrets at send
 * time, so nothing upstream of the transport ever holds a password or token.
 */
export type IdentityName =
  | 'primary' // the target's main identity, in its configured style (Basic or OAuth token)
  | 'primary-basic' // main identity, forced Basic (skipped when no Basic credentials are known)
  | 'primary-oauth' // main identity, forced OAuth token (skipped when no token is known)
  | 'none' // no credentials at all
  | 'wrong-basic-password' // main user, a wrong (but MD5-shaped) password
  | 'unhashed-basic-password' // main user, the right password sent without the MD5 step
  | 'wrong-oauth-token' // a token the target cannot know
  | 'forbidden' // an identity without read access to the Points resource
  | 'breakup-disabled'; // an identity whose org has source-value capturing switched off

/** A GET to the endpoint path, described without secrets. */
export interface ApiRequest {
  /** Query parameters, in order. Ignored when `rawQuery` is set. */
  readonly query: readonly QueryPair[];
  /**
   * The exact query string to send (without the leading `?`), for fuzz cases that test
   * encodings a `QueryPair` list cannot express. Sent byte for byte.
   */
  readonly rawQuery?: string;
  readonly identity: IdentityName;
}

/** What came back, or why nothing did. Exactly one of `response` and `transportError` is set. */
export interface Exchange {
  /** Stable within a run: `x-conformance-case-id` header value and evidence key. */
  readonly id: string;
  readonly request: RecordedRequest;
  readonly response?: RecordedResponse;
  readonly transportError?: TransportError;
  /** Attempts made, including retries (after 429/503, and after a transient transport failure). */
  readonly attempts: number;
  readonly durationMs: number;
}

/** The request as sent, credentials already replaced by placeholders. */
export interface RecordedRequest {
  readonly method: 'GET';
  /** Full URL including query string. Never contains credentials. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly identity: IdentityName;
  /** Which credential style the identity used, so a `curl` line can be rebuilt without the secrets. */
  readonly authStyle?: AuthStyle;
}

export interface RecordedResponse {
  readonly status: number;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (UTF-8), cut at the response-size cap. */
  readonly bodyText: string;
  /** True when the body exceeded the response-size cap and was cut. */
  readonly bodyTruncated: boolean;
  /**
   * The parsed body when it is JSON (by content, whatever the content type says); undefined
   * otherwise. Parsed on first read.
   */
  readonly json?: unknown;
}

export type TransportErrorCode =
  | 'CT_TIMEOUT' // no complete response within the per-request timeout
  | 'CT_CONNECTION' // refused, reset, DNS, TLS failure
  | 'CT_RESPONSE_TOO_LARGE' // body beyond the response-size cap (response kept, cut)
  | 'CT_REDIRECT_REFUSED' // never raised as an error today: 3xx are recorded as responses
  | 'CT_THROTTLED' // still 429/503 after the bounded retries
  | 'CT_RUN_DEADLINE' // the whole-run timeout expired (or Ctrl-C) before this request finished
  | 'CT_STOPPED_ANSWERING' // the run was stopped because the target stopped answering (or never answered)
  | 'CT_OAUTH_TOKEN' // no access token: the token endpoint failed or refused the client credentials
  | 'CT_PROTOCOL'; // malformed HTTP

export interface TransportError {
  readonly code: TransportErrorCode;
  readonly message: string;
  /**
   * The failure may well not happen again (a reset, a socket closed before the answer, a
   * timeout, a body cut short): the scheduler retries the GET. Absent means false.
   */
  readonly transient?: boolean;
}

/** Sends one request and records the exchange. Implementations never throw for target misbehaviour. */
export interface Transport {
  send(request: ApiRequest): Promise<Exchange>;
  close(): Promise<void>;
}

/** How an identity authenticates: Capillary Basic, the `X-CAP-API-OAUTH-TOKEN` header, or not at all. */
export type AuthStyle = 'basic' | 'oauth-token' | 'none';

/** The real headers one identity sends. Only the transport ever holds these. */
export interface IdentityCredentials {
  /** Header name to value, e.g. `{authorization: 'Basic …'}` or `{'x-cap-api-oauth-token': '…'}`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Inferred from the headers when absent. */
  readonly style?: AuthStyle;
  /** Set when the headers carry an OAuth token fetched at run time (client credentials). */
  readonly token?: RenewableToken;
}

/** An access token the kit fetches itself and renews: before it expires, and once after a 401. */
export interface RenewableToken {
  /** The token to send now, if one has been fetched. */
  current(): string | undefined;
  /** A token that is not about to expire, fetched (once, for all who ask at the same time) when needed. */
  fresh(): Promise<string>;
  /**
   * After the target answered 401 to `rejected`: a token to retry with, or undefined when the
   * 401 should stand (`rejected` was itself fetched after a 401 and never accepted, or renewing failed).
   */
  renewAfterRejection(rejected: string): Promise<string | undefined>;
  /** The target answered a request sent with `token` with something other than 401. */
  accepted(token: string): void;
}

/** Every identity the run can use; an identity that is missing or `undefined` is unknown and is skipped. */
export type ResolvedCredentials = { readonly [identity in IdentityName]?: IdentityCredentials | undefined };

/** What the scheduler hands a transport with each request. */
export interface SendContext {
  /** The exchange id, sent as `x-conformance-case-id`; the same on every retry. */
  readonly id: string;
  /** Aborted when the run is over; the transport then answers promptly with `CT_RUN_DEADLINE`. */
  readonly signal?: AbortSignal;
}

/**
 * A transport the scheduler can drive: the caller chooses the exchange id and can cancel.
 * `send(request)` on it still works alone, numbering exchanges itself.
 */
export interface SchedulableTransport extends Transport {
  /** The request as it would be recorded, without sending it. Throws for an unavailable identity. */
  describeRequest(request: ApiRequest, id: string): RecordedRequest;
  /** Sends once (no retries) under the given id. Throws only for an unavailable identity. */
  sendWith(request: ApiRequest, context: SendContext): Promise<Exchange>;
}
