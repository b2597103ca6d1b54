/**
 * Turns what a check saw into report evidence: the request (credentials already replaced by
 * the transport), the response with a bounded body excerpt, a Received/Documented message and
 * a curl line. Every string goes through the run's redactor as a second line of defence.
 */
import { curlFor } from '../http/curl.js';
import type { Redactor } from '../http/redact.js';
import type { Exchange } from '../http/types.js';
import type { ExchangeEvidence, FailureEvidence } from '../core/report-model.js';
import type { FailureDetail } from '../check/check.js';

/** Bodies in evidence are cut here: enough to read, small enough for CI summaries. */
export const BODY_EXCERPT_BYTES = 4096;

export interface EvidenceOptions {
  readonly redactor: Redactor;
  readonly insecure: boolean;
  /** What the kit's own request did on purpose (see request-notes.ts); none when absent. */
  readonly requestNotes?: (url: string) => readonly string[];
}

/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), cut: true };
}

export function exchangeEvidence(exchange: Exchange, evidenceId: string, options: EvidenceOptions): ExchangeEvidence {
  const r = options.redactor.redact.bind(options.redactor);
  const redactHeaders = (headers: Readonly<Record<string, string>>): Record<string, string> =>
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, r(value)]));
  const response = exchange.response;
  const body = response ? cut(r(response.bodyText), BODY_EXCERPT_BYTES) : undefined;
  return {
    id: evidenceId,
    request: { method: 'GET', url: r(exchange.request.url), headers: redactHeaders(exchange.request.headers) },
    ...(response && body
      ? {
          response: {
            status: response.status,
            headers: redactHeaders(response.headers),
            bodyExcerpt: body.text,
            bodyTruncated: body.cut || response.bodyTruncated,
          },
        }
      : {}),
    ...(exchange.transportError
      ? { transportError: { code: exchange.transportError.code, message: r(exchange.transportError.message) } }
      : {}),
  };
}

export function failureEvidence(
  check: string,
  title: string,
  detail: FailureDetail,
  evidenceId: string | undefined,
  options: EvidenceOptions,
): FailureEvidence {
  const r = options.redactor.redact.bind(options.redactor);
  const exchange = detail.answer?.exchange;
  const notes = exchange ? (options.requestNotes?.(exchange.request.url) ?? []) : [];
  return {
    check,
    title: r(title),
    message: r(`Received: ${detail.received}\nDocumented: ${detail.documented}`),
    ...(notes.length > 0 ? { requestNotes: notes.map(r) } : {}),
    ...(exchange
      ? {
          exchange: exchangeEvidence(exchange, evidenceId ?? exchange.id, options),
          curl: r(curlFor(exchange, { insecure: options.insecure })),
        }
      : {}),
    ...(detail.fuzz ? { fuzz: { ...detail.fuzz, counterexample: r(detail.fuzz.counterexample) } } : {}),
  };
}
