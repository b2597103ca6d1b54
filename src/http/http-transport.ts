/**
 * http/http-transport: sends the kit's requests to a real target with undici.
 */
import { whenAborted } from './abort-fanout.js';
import { createAgent } from './agent.js';
import { dispatchGet } from './dispatch-get.js';
import { DEFAULT_ENDPOINT_PATH, resolveEndpoint } from './endpoint-url.js';
import {
  assertCredentialHeadersValid,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  defaultUserAgent,
  errorExchange,
  exchangeIdSequence,
  createPreparer,
  recordResponse,
  responseExchange,
  startClock,
  type RequestPreparation,
} from './record.js';
import { classifyTransportError } from './transport-error.js';
import type { ApiRequest, Exchange, ResolvedCredentials, SchedulableTransport, SendContext } from './types.js';

export { identityAvailable } from './credentials.js';
export type { ResolvedCredentials } from './types.js';

/** How to reach a real target. */
export interface HttpTransportOptions {
  /**
   * Scheme, host and optional path prefix, e.g. `https://staging.example.com/gateway`. A trailing
   * slash is ignored. Must not contain credentials, a query or a fragment.
   */
  readonly baseUrl: string;
  /**
   * The endpoint path appended to the base URL; pass the one from the spec.
   * @default '/v2/pointsLedger/getLedgerExplodeInfo'
   */
  readonly endpointPath?: string;
  /** The headers each identity sends; an identity left undefined cannot be used. */
  readonly credentials: ResolvedCredentials;
  /**
   * Skip TLS certificate verification of the target (not of a proxy).
   * @default false
   */
  readonly insecure?: boolean;
  /**
   * Time allowed for one request from connecting to the last body byte (headers and body together).
   * @default 10000
   */
  readonly requestTimeoutMs?: number;
  /**
   * Body bytes read at most. A longer body is recorded cut, with `bodyTruncated: true` and no
   * transport error: the status and headers are still evidence, and the engine decides.
   * @default 5242880 (5 MiB)
   */
  readonly maxResponseBytes?: number;
  /**
   * Where `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (or their lower-case forms, which win) are
   * read from; tests inject their own. As in undici, `HTTP_PROXY` also serves https targets when
   * `HTTPS_PROXY` is unset. Targets are always reached through a CONNECT tunnel.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The kit's version, for the default user agent.
   * @default 'unknown'
   */
  readonly version?: string;
  /**
   * The `user-agent` header.
   * @default `ledger-explode-conformance/${version}`
   */
  readonly userAgent?: string;
}

/**
 * A transport over HTTP(S): GET only, to the endpoint path only, never following redirects,
 * honouring the proxy environment. Target misbehaviour (garbage, resets, hangs, huge bodies)
 * becomes an Exchange with a transport error, never a throw or a hang.
 */
export function createHttpTransport(options: HttpTransportOptions): SchedulableTransport {
  assertCredentialHeadersValid(options.credentials);
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const preparation: RequestPreparation = {
    location: resolveEndpoint(options.baseUrl, options.endpointPath ?? DEFAULT_ENDPOINT_PATH),
    credentials: options.credentials,
    userAgent: options.userAgent ?? defaultUserAgent(options.version ?? 'unknown'),
  };
  const agent = createAgent({ insecure: options.insecure, timeoutMs, env: options.env ?? process.env });
  const nextId = exchangeIdSequence();
  const prepare = createPreparer(preparation);

  const sendWith = async (request: ApiRequest, context: SendContext): Promise<Exchange> => {
    const prepared = prepare(request, context.id);
    const elapsed = startClock();
    const cause = { timedOut: false, cancelled: context.signal?.aborted ?? false, timeoutMs };
    if (cause.cancelled) {
      return errorExchange(context.id, prepared.recorded, classifyTransportError(undefined, cause), 0);
    }
    const get = dispatchGet(
      agent,
      { origin: preparation.location.origin, path: prepared.path, headers: prepared.headers },
      maxResponseBytes,
    );
    // A timeout or the end of the run stops the request, and settles the exchange at once,
    // whether or not the request has reached a connection yet.
    const timer = setTimeout(() => {
      cause.timedOut = true;
      get.abort(new Error(`no complete response within ${timeoutMs} ms`));
    }, timeoutMs);
    const onCancel = (): void => {
      cause.cancelled = true;
      get.abort(new Error('the run ended'));
    };
    const stopListening = context.signal === undefined ? undefined : whenAborted(context.signal, onCancel);
    try {
      const outcome = await get.done;
      if ('error' in outcome)
        return errorExchange(context.id, prepared.recorded, classifyTransportError(outcome.error, cause), elapsed());
      return responseExchange(
        context.id,
        prepared.recorded,
        recordResponse(outcome.status, outcome.headers, outcome.body),
        elapsed(),
      );
    } finally {
      clearTimeout(timer);
      stopListening?.();
    }
  };

  return {
    describeRequest: (request, id) => prepare(request, id).recorded,
    sendWith,
    send: (request) => sendWith(request, { id: nextId() }),
    close: () => agent.close(),
  };
}
