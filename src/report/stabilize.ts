/**
 * The one place that knows which parts of a report change from run to run although the target
 * behaved the same. Used for snapshots and for reports meant to be committed and diffed.
 */
import type { ConformanceReport, ExchangeEvidence, FailureEvidence, RequirementResult } from '../core/report-model.js';

/** What a volatile value becomes. */
export const VOLATILE = '<volatile>';

/** The start time every stabilized report claims: the Unix epoch. */
export const STABLE_STARTED_AT = '1970-01-01T00:00:00.000Z';

/**
 * The base URL every stabilized report of the embedded reference claims: the reference listens
 * on whichever loopback port was free, which says nothing about how it behaved.
 */
export const STABLE_EMBEDDED_BASE_URL = 'http://embedded-reference.invalid';

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
 * Returns a copy of the report with its volatile parts fixed: start time, durations, volatile
 * headers (names compared case-insensitively; header keys also sorted) and the embedded
 * reference's port, so two runs against the same behaviour render to the same bytes.
 */
export function stabilize(report: ConformanceReport): ConformanceReport {
  const base = stableBase(report);
  return {
    ...report,
    target: { ...report.target, baseUrl: base(report.target.baseUrl) },
    run: { ...report.run, startedAt: STABLE_STARTED_AT, durationMs: 0 },
    requirements: report.requirements.map((requirement) => stabilizeRequirement(requirement, base)),
    ...(report.waivers.disputes
      ? { waivers: { ...report.waivers, disputes: report.waivers.disputes.map((d) => ({ ...d, text: base(d.text) })) } }
      : {}),
    ...(report.preflight ? { preflight: { ...report.preflight, durationMs: 0 } } : {}),
  };
}

/** Rewrites the embedded reference's base URL wherever a text repeats it; the identity for any other target. */
type BaseRewrite = (text: string) => string;

function stableBase(report: ConformanceReport): BaseRewrite {
  const volatileBase = report.target.embeddedReference ? report.target.baseUrl : undefined;
  if (volatileBase === undefined || volatileBase === STABLE_EMBEDDED_BASE_URL) return (text) => text;
  return (text) => text.split(volatileBase).join(STABLE_EMBEDDED_BASE_URL);
}

function stabilizeRequirement(requirement: RequirementResult, base: BaseRewrite): RequirementResult {
  return {
    ...requirement,
    durationMs: 0,
    checks: requirement.checks.map((check) => ({ ...check, durationMs: 0 })),
    failures: requirement.failures.map((failure) => stabilizeFailure(failure, base)),
    ...(requirement.failureGroups
      ? {
          failureGroups: requirement.failureGroups.map((group) => ({
            ...group,
            requests: group.requests.map(base),
            failure: stabilizeFailure(group.failure, base),
          })),
        }
      : {}),
  };
}

function stabilizeFailure(failure: FailureEvidence, base: BaseRewrite): FailureEvidence {
  return {
    ...failure,
    message: base(failure.message),
    ...(failure.curl !== undefined ? { curl: base(failure.curl) } : {}),
    ...(failure.exchange ? { exchange: stabilizeExchange(failure.exchange, base) } : {}),
  };
}

function stabilizeExchange(exchange: ExchangeEvidence, base: BaseRewrite): ExchangeEvidence {
  return {
    ...exchange,
    request: { ...exchange.request, url: base(exchange.request.url), headers: stabilizeHeaders(exchange.request.headers) },
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
