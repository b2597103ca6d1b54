/**
 * The one place that knows which parts of a report change from run to run although the target
 * behaved the same. Used for snapshots and for reports meant to be committed and diffed.
 */
import type { ConformanceReport, ExchangeEvidence, FailureEvidence, RequirementResult } from './model.js';

/** What a volatile value becomes. */
export const VOLATILE = '<volatile>';

/** The start time every stabilized report claims: the Unix epoch. */
export const STABLE_STARTED_AT = '1970-01-01T00:00:00.000Z';

/**
 * Header names (lower case) whose values differ between two identical exchanges: clocks,
 * per-request ids and traces, cache validators, session cookies and connection timers.
 */
export const VOLATILE_HEADERS: ReadonlySet<string> = new Set([
  'age',
  'cf-ray',
  'date',
  'etag',
  'expires',
  'keep-alive',
  'last-modified',
  'request-id',
  'server-timing',
  'set-cookie',
  'traceparent',
  'tracestate',
  'x-amz-cf-id',
  'x-amzn-requestid',
  'x-amzn-trace-id',
  'x-b3-spanid',
  'x-b3-traceid',
  'x-cache',
  'x-correlation-id',
  'x-envoy-upstream-service-time',
  'x-request-id',
  'x-response-time',
  'x-runtime',
  'x-trace-id',
]);

/**
 * Returns a copy of the report with its volatile parts fixed: start time, durations and volatile
 * headers (names compared case-insensitively; header keys also sorted), so two runs against the
 * same behaviour render to the same bytes.
 */
export function stabilize(report: ConformanceReport): ConformanceReport {
  return {
    ...report,
    run: { ...report.run, startedAt: STABLE_STARTED_AT, durationMs: 0 },
    requirements: report.requirements.map(stabilizeRequirement),
    ...(report.preflight ? { preflight: { ...report.preflight, durationMs: 0 } } : {}),
  };
}

function stabilizeRequirement(requirement: RequirementResult): RequirementResult {
  return {
    ...requirement,
    durationMs: 0,
    checks: requirement.checks.map((check) => ({ ...check, durationMs: 0 })),
    failures: requirement.failures.map(stabilizeFailure),
  };
}

function stabilizeFailure(failure: FailureEvidence): FailureEvidence {
  return failure.exchange ? { ...failure, exchange: stabilizeExchange(failure.exchange) } : failure;
}

function stabilizeExchange(exchange: ExchangeEvidence): ExchangeEvidence {
  return {
    ...exchange,
    request: { ...exchange.request, headers: stabilizeHeaders(exchange.request.headers) },
    ...(exchange.response && {
      response: { ...exchange.response, headers: stabilizeHeaders(exchange.response.headers) },
    }),
  };
}

function stabilizeHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  // Sorted because header order is the transport's business, not the target's behaviour.
  // Object.fromEntries, not assignment, so a header named `__proto__` stays a plain key.
  return Object.fromEntries(
    Object.entries(headers)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => [name, VOLATILE_HEADERS.has(name.toLowerCase()) ? VOLATILE : value]),
  );
}
