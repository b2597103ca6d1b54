/**
 * http/record: the one place that turns a request and an answer into an Exchange, shared by the
 * HTTP and in-process transports so both record identically (headers, redaction, body, JSON).
 */
import { performance } from 'node:perf_hooks';
import { UsageError } from '../core/errors.js';
import { authStyleOf } from './credentials.js';
import { requestTarget, type EndpointLocation } from './endpoint-url.js';
import { queryOf } from '../core/query.js';
import { REDACTED } from './redact.js';
import type { ApiRequest, Exchange, RecordedRequest, RecordedResponse, ResolvedCredentials, TransportError } from './types.js';

/** The response-size cap both transports apply unless told otherwise: 5 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** The per-request timeout both transports apply unless told otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** Header carrying the exchange id, so a target's logs can be matched to the report. */
export const CASE_ID_HEADER = 'x-conformance-case-id';

/** The user agent for a given kit version. */
export function defaultUserAgent(version: string): string {
  return `ledger-explode-conformance/${version}`;
}

/** A request ready to go: what to put on the wire and what to record. */
export interface PreparedRequest {
  /** Path and query as sent (the request-target). */
  readonly path: string;
  /** The real headers, credentials included, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The same request with credentials replaced. */
  readonly recorded: RecordedRequest;
}

/** What every transport needs to prepare requests. */
export interface RequestPreparation {
  readonly location: EndpointLocation;
  readonly credentials: ResolvedCredentials;
  readonly userAgent: string;
}

function redactHeaderValue(name: string, value: string): string {
  if (name === 'authorization') {
    // Keep the scheme word: whether Basic or something else was sent is evidence, not a secret.
    const scheme = /^(\S+)\s/u.exec(value)?.[1];
    return scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
  }
  return REDACTED;
}

/** Rejects header values that would let credentials smuggle extra lines into a request. */
export function assertCredentialHeadersValid(credentials: ResolvedCredentials): void {
  for (const [identity, entry] of Object.entries(credentials)) {
    for (const [name, value] of Object.entries(entry?.headers ?? {})) {
      if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/u.test(name) || /[\r\n\0]/u.test(value)) {
        throw new UsageError('credentials', `identity ${identity} has an invalid header ${JSON.stringify(name)}`);
      }
    }
  }
}

/**
 * Builds the outgoing request and its record. Throws a plain Error for an identity without
 * credentials: callers must check `identityAvailable` first, so this is a programming error.
 */
export function prepareRequest(preparation: RequestPreparation, request: ApiRequest, id: string): PreparedRequest {
  const identity = preparation.credentials[request.identity];
  if (identity === undefined) {
    throw new Error(`Identity ${request.identity} has no credentials; check identityAvailable() before sending`);
  }
  const { path, url } = requestTarget(preparation.location, queryOf(request));
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': preparation.userAgent,
    [CASE_ID_HEADER]: id,
  };
  const fixedNames = new Set(Object.keys(headers));
  const recordedHeaders: Record<string, string> = { ...headers };
  for (const [rawName, value] of Object.entries(identity.headers)) {
    const name = rawName.toLowerCase();
    // The fixed headers are part of the contract with the target; credentials cannot replace them.
    if (fixedNames.has(name)) continue;
    headers[name] = value;
    // Every identity header is treated as secret: they are credentials by construction.
    recordedHeaders[name] = redactHeaderValue(name, value);
  }
  return {
    path,
    headers,
    recorded: {
      method: 'GET',
      url,
      headers: recordedHeaders,
      identity: request.identity,
      authStyle: authStyleOf(identity),
    },
  };
}

/**
 * `prepareRequest` for one transport, remembering each request object's last preparation: the
 * queue describes a request before the transport sends it, and both need the same one.
 */
export function createPreparer(preparation: RequestPreparation): (request: ApiRequest, id: string) => PreparedRequest {
  const known = new WeakMap<ApiRequest, { readonly id: string; readonly prepared: PreparedRequest }>();
  return (request, id) => {
    const last = known.get(request);
    if (last !== undefined && last.id === id) return last.prepared;
    const prepared = prepareRequest(preparation, request, id);
    // A renewable token's headers change when it is renewed: the retry after a 401 must be
    // prepared again, or it would send the token the target just refused.
    if (preparation.credentials[request.identity]?.token === undefined) known.set(request, { id, prepared });
    return prepared;
  };
}

/** Lower-cases header names and joins repeated headers with `, `. */
export function normalizeHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Record<string, string> {
  const normalized: Record<string, string> = {};
  for (const [rawName, rawValue] of Object.entries(headers)) {
    if (rawValue === undefined) continue;
    const name = rawName.toLowerCase();
    const value = typeof rawValue === 'string' ? rawValue : rawValue.join(', ');
    const existing = normalized[name];
    normalized[name] = existing === undefined ? value : `${existing}, ${value}`;
  }
  return normalized;
}

/** Collects body bytes up to the cap and remembers whether anything was cut. */
export class CappedBody {
  readonly #chunks: Buffer[] = [];
  #size = 0;
  #truncated = false;

  constructor(readonly maxBytes: number) {}

  /** Adds a chunk; returns false once the cap is reached and the rest should be dropped. */
  push(chunk: Uint8Array): boolean {
    const room = this.maxBytes - this.#size;
    if (chunk.byteLength > room) {
      this.#chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, room));
      this.#size += room;
      this.#truncated = true;
      return false;
    }
    this.#chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.#size += chunk.byteLength;
    return true;
  }

  /** True once a chunk did not fit. */
  get truncated(): boolean {
    return this.#truncated;
  }

  /** The bytes kept, at most `maxBytes`. */
  get bytes(): Buffer {
    return Buffer.concat(this.#chunks, this.#size);
  }
}

// ignoreBOM keeps a byte-order mark in the text: a BOM before JSON is evidence the engine judges.
// One decoder serves every whole body: a call without `stream` leaves it as it found it.
const wholeBodies = new TextDecoder('utf-8', { ignoreBOM: true });

function decodeBody(bytes: Buffer, truncated: boolean): string {
  if (!truncated) return wholeBodies.decode(bytes);
  // Streaming mode drops a multi-byte character the cap cut in half instead of inventing U+FFFD;
  // it keeps that half as state, so a cut body gets a decoder of its own.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes, { stream: true });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Records a complete (or capped) response. A body over the cap is kept cut, with `bodyTruncated`. */
export function recordResponse(
  status: number,
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  body: CappedBody,
): RecordedResponse {
  const bodyText = decodeBody(body.bytes, body.truncated);
  let parsed: { readonly value: unknown } | undefined;
  return {
    status,
    headers: normalizeHeaders(headers),
    bodyText,
    bodyTruncated: body.truncated,
    // Parsed when first read: many answers are judged by their status or bytes alone.
    get json(): unknown {
      return (parsed ??= { value: parseJson(bodyText) }).value;
    },
  };
}

/** A monotonic start mark for `durationMs`. */
export function startClock(): () => number {
  const started = performance.now();
  return () => Math.round((performance.now() - started) * 1000) / 1000;
}

/** One attempt that got a response. */
export function responseExchange(id: string, request: RecordedRequest, response: RecordedResponse, durationMs: number): Exchange {
  return { id, request, response, attempts: 1, durationMs };
}

/** One attempt that got no usable response. */
export function errorExchange(
  id: string,
  request: RecordedRequest,
  transportError: TransportError,
  durationMs: number,
  attempts = 1,
): Exchange {
  return { id, request, transportError, attempts, durationMs };
}

/** The id of the n-th exchange of a run (1-based): `ex-000001`. */
export function exchangeId(ordinal: number): string {
  return `ex-${String(ordinal).padStart(6, '0')}`;
}

/** Deterministic exchange ids in call order: `ex-000001`, `ex-000002`, … */
export function exchangeIdSequence(): () => string {
  let issued = 0;
  return () => {
    issued += 1;
    return exchangeId(issued);
  };
}
