/**
 * http/in-process-transport: the reference implementation called as a function, recorded exactly
 * as the HTTP transport records a real target, so fault-catalog runs need no sockets.
 */
import { whenAborted } from './abort-fanout.js';
import type { ReferenceHandler, ReferenceRequest, ReferenceResponse } from '../core/handler.js';
import { DEFAULT_ENDPOINT_PATH, resolveEndpoint } from './endpoint-url.js';
import {
  CappedBody,
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
import type { ApiRequest, Exchange, ResolvedCredentials, SchedulableTransport, SendContext, TransportError } from './types.js';

/** How to call a handler in-process. */
export interface InProcessTransportOptions {
  readonly handler: ReferenceHandler<ReferenceResponse | Promise<ReferenceResponse>>;
  readonly credentials: ResolvedCredentials;
  /**
   * The endpoint path; pass the one from the spec.
   * @default '/v2/pointsLedger/getLedgerExplodeInfo'
   */
  readonly endpointPath?: string;
  /**
   * Only used to write recorded URLs (and the `host` header); nothing is connected to.
   * @default 'http://in-process.invalid'
   */
  readonly baseUrl?: string;
  /**
   * Time the handler may take before the exchange becomes `CT_TIMEOUT`.
   * @default 10000
   */
  readonly requestTimeoutMs?: number;
  /**
   * Body bytes kept at most, as for the HTTP transport.
   * @default 5242880 (5 MiB)
   */
  readonly maxResponseBytes?: number;
  /**
   * The `user-agent` header.
   * @default 'ledger-explode-conformance/unknown'
   */
  readonly userAgent?: string;
}

type HandlerOutcome = { readonly response: ReferenceResponse } | { readonly error: TransportError };

function isValidStatus(status: unknown): status is number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 999;
}

/**
 * A transport that calls `handler` directly. Differences from HTTP, by design: a handler that
 * throws is recorded as `CT_CONNECTION` (a server that crashed mid-request looks like a reset),
 * and an impossible status as `CT_PROTOCOL`.
 */
export function createInProcessTransport(options: InProcessTransportOptions): SchedulableTransport {
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const baseUrl = options.baseUrl ?? 'http://in-process.invalid';
  const preparation: RequestPreparation = {
    location: resolveEndpoint(baseUrl, options.endpointPath ?? DEFAULT_ENDPOINT_PATH),
    credentials: options.credentials,
    userAgent: options.userAgent ?? defaultUserAgent('unknown'),
  };
  const host = new URL(baseUrl).host;
  const nextId = exchangeIdSequence();
  const prepare = createPreparer(preparation);

  const callHandler = async (request: ReferenceRequest, signal: AbortSignal | undefined): Promise<HandlerOutcome> => {
    let timer: NodeJS.Timeout | undefined;
    let stopListening: (() => void) | undefined;
    const stopped = new Promise<HandlerOutcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ error: { code: 'CT_TIMEOUT', message: `no complete response within ${timeoutMs} ms` } }),
        timeoutMs,
      );
      const onCancel = (): void =>
        resolve({ error: { code: 'CT_RUN_DEADLINE', message: 'the run ended before this request finished' } });
      if (signal !== undefined) stopListening = whenAborted(signal, onCancel);
    });
    const answered = (async (): Promise<HandlerOutcome> => {
      try {
        return { response: await options.handler(request) };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { error: { code: 'CT_CONNECTION', message: `handler failed: ${message}` } };
      }
    })();
    try {
      return await Promise.race([answered, stopped]);
    } finally {
      clearTimeout(timer);
      stopListening?.();
    }
  };

  const sendWith = async (request: ApiRequest, context: SendContext): Promise<Exchange> => {
    const prepared = prepare(request, context.id);
    const elapsed = startClock();
    if (context.signal?.aborted === true) {
      const error: TransportError = { code: 'CT_RUN_DEADLINE', message: 'the run ended before this request started' };
      return errorExchange(context.id, prepared.recorded, error, 0);
    }
    const queryAt = prepared.path.indexOf('?');
    const outcome = await callHandler(
      {
        method: 'GET',
        path: queryAt === -1 ? prepared.path : prepared.path.slice(0, queryAt),
        rawQuery: queryAt === -1 ? '' : prepared.path.slice(queryAt + 1),
        headers: { host, ...prepared.headers },
      },
      context.signal,
    );
    if ('error' in outcome) return errorExchange(context.id, prepared.recorded, outcome.error, elapsed());
    const { status, headers, body } = outcome.response;
    if (!isValidStatus(status)) {
      const error: TransportError = { code: 'CT_PROTOCOL', message: `handler answered status ${String(status)}` };
      return errorExchange(context.id, prepared.recorded, error, elapsed());
    }
    const captured = new CappedBody(maxResponseBytes);
    captured.push(Buffer.from(body, 'utf8'));
    return responseExchange(context.id, prepared.recorded, recordResponse(status, headers, captured), elapsed());
  };

  return {
    describeRequest: (request, id) => prepare(request, id).recorded,
    sendWith,
    send: (request) => sendWith(request, { id: nextId() }),
    close: async () => {},
  };
}
