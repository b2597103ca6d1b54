/**
 * http/transport-error: what went wrong on the wire, as one of the kit's transport error codes.
 */
import type { TransportError, TransportErrorCode } from './types.js';

/** Why the request was stopped from our side, if it was. */
export interface AbortCause {
  /** The per-request timeout fired. */
  readonly timedOut: boolean;
  /** The run was cancelled (deadline or close). */
  readonly cancelled: boolean;
  readonly timeoutMs: number;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

const PROTOCOL_CODES = new Set([
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_HEADERS_OVERFLOW',
  'UND_ERR_INFO',
  'UND_ERR_NOT_SUPPORTED',
]);

/**
 * Failures that say nothing about the next attempt: the connection was reset or closed before
 * the whole answer came (a body cut short included), or a name lookup failed for now. A
 * refused connection, an unknown host or a TLS failure is not among them: it will happen again.
 */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Some undici errors wrap the socket error that names the real cause.
  return codeOf((error as { cause?: unknown }).cause);
}

function isParserError(error: unknown): boolean {
  // undici's HTTPParserError often has no code; its name is the stable mark.
  return error instanceof Error && (error.name === 'HTTPParserError' || isParserError(error.cause));
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error && error.cause.message !== error.message ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/**
 * Maps an error from sending or reading to a transport error. Throws the error back when it is
 * the kit's own fault (an invalid argument to undici), since recording that as the target's
 * misbehaviour would hide a bug.
 */
export function classifyTransportError(error: unknown, cause: AbortCause): TransportError {
  if (cause.cancelled) {
    return { code: 'CT_RUN_DEADLINE', message: 'the run ended before this request finished' };
  }
  if (cause.timedOut) {
    return { code: 'CT_TIMEOUT', message: `no complete response within ${cause.timeoutMs} ms`, transient: true };
  }
  const code = codeOf(error);
  if (code === 'UND_ERR_INVALID_ARG') throw error;
  let kind: TransportErrorCode = 'CT_CONNECTION';
  if (code !== undefined && TIMEOUT_CODES.has(code)) kind = 'CT_TIMEOUT';
  else if (isParserError(error) || (code !== undefined && (code.startsWith('HPE_') || PROTOCOL_CODES.has(code)))) {
    kind = 'CT_PROTOCOL';
  }
  const suffix = code === undefined ? '' : ` (${code})`;
  const transient = kind === 'CT_TIMEOUT' || (code !== undefined && TRANSIENT_CODES.has(code));
  return { code: kind, message: `${messageOf(error)}${suffix}`, ...(transient ? { transient } : {}) };
}
