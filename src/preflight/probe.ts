/**
 * How the preflight asks the target: through the run's own queue (so the rate limit, the
 * timeouts, the redaction and the request count are the run's), always as the main identity,
 * and with each answer sorted into what the spec says it means.
 */
import { isAnswerOf } from '../contract/rules.js';
import { SuiteError, TargetUnreachableError } from '../core/errors.js';
import { encodeQuery } from '../core/query.js';
import type { Scheduler } from '../http/scheduler.js';
import type { Exchange } from '../http/types.js';
import type { QueryPair } from '../core/query.js';
import { SYNTAX_TRIGGER_KINDS, type ErrorRule, type LookupTrigger } from '../contract/knobs.js';
import type { LoadedSpec } from '../contract/load.js';

export interface ProbeAnswer {
  readonly status: number;
  readonly json: unknown;
  readonly bodyText: string;
  readonly exchange: Exchange;
  /** The request as provenance shows it: `GET ?query → status`. */
  readonly asked: string;
}

/** What an answer means for the handles it was asked about. */
export type Meaning =
  | { readonly kind: 'events'; readonly events: readonly Record<string, unknown>[] }
  | { readonly kind: 'rule'; readonly rule: LookupTrigger['kind']; readonly code: number }
  | { readonly kind: 'other' };

export interface Probe {
  readonly spec: LoadedSpec;
  /** Sends a GET as the main identity; no answer (after the queue's retries) ends the preflight (`noAnswer`). */
  ask(query: readonly QueryPair[]): Promise<ProbeAnswer>;
  /** The answer's meaning: a 200 with events, the answer of a lookup rule of the spec, or anything else. */
  meaning(answer: ProbeAnswer): Meaning;
  /** The rule of a lookup trigger kind (the first in `x-ledger-errors`). */
  rule(kind: LookupTrigger['kind']): ErrorRule | undefined;
  requests(): number;
}

/**
 * Why the preflight cannot go on without this answer, in the words the terminal shows: the run
 * was stopped (Ctrl-C, --run-timeout), the target is rate-limiting, it stopped answering after
 * answering some requests, or it does not answer at all (nothing was ever answered).
 */
function noAnswer(exchange: Exchange, transport: Scheduler, baseUrl: string): SuiteError {
  const error = exchange.transportError;
  const reason = error?.message ?? 'no response';
  const stop = transport.stopped();
  if (stop !== undefined && stop.code !== 'CT_STOPPED_ANSWERING')
    return new SuiteError(stop.code, `${stop.message} during the preflight, before any check ran`);
  if (error?.code === 'CT_THROTTLED')
    return new SuiteError('CT_RATE_LIMITED', `the target is rate-limiting the preflight: ${reason}`);
  if (stop !== undefined) return new SuiteError(stop.code, stop.message);
  const answered = transport.stats().answered;
  if (answered > 0)
    return new SuiteError(
      'CT_NO_ANSWER',
      `a preflight request got no answer, even retried (${exchange.attempts} attempts), though the target answered ${answered} others: ${reason}`,
    );
  // A certificate the machine does not trust is the most common TLS failure: say what fixes it.
  const hint = /cert|ssl|tls/i.test(reason) ? ' (trust the certificate with NODE_EXTRA_CA_CERTS, or pass --insecure)' : '';
  return new TargetUnreachableError(baseUrl, `${reason.replace(/^the target does not answer: /, '')}${hint}`);
}

/** `status, error code` of an answer, for the "answered" column of a mismatch. */
export function describeAnswer(answer: ProbeAnswer): string {
  const errors = (answer.json as { errors?: { code?: unknown }[] } | undefined)?.errors;
  const code = Array.isArray(errors) ? errors[0]?.code : undefined;
  const events = (answer.json as { events?: unknown } | undefined)?.events;
  if (typeof code === 'number') return `${answer.status}, error ${code}`;
  if (Array.isArray(events)) return `${answer.status} with ${events.length} event${events.length === 1 ? '' : 's'}`;
  return `${answer.status}`;
}

export function createProbe(spec: LoadedSpec, transport: Scheduler, baseUrl: string, onRequest?: (count: number) => void): Probe {
  let sent = 0;
  // Every evidenced code of a lookup rule counts as its answer here: the preflight reads the
  // target's data before discover has described its dialect (11016 for 11024, say).
  const lookupRules = spec.knobs.errors
    .filter((r) => !SYNTAX_TRIGGER_KINDS.has(r.trigger.kind))
    .map((r) => ({
      ...r,
      acceptedCodes: [...new Set([r.code, ...(r.acceptedCodes ?? []), ...dialectCodesOf(spec, r.pointer)])],
    }));
  return {
    spec,
    async ask(query) {
      sent += 1;
      const exchange = await transport.sendAs({ query, identity: 'primary' }, `preflight#${sent}`);
      onRequest?.(sent);
      if (!exchange.response) throw noAnswer(exchange, transport, baseUrl);
      const { status, json, bodyText } = exchange.response;
      // The error code too: "→ 400" alone does not tell a reviewer that the value was refused as absent (8015) or as malformed.
      const errors: unknown = (json as { errors?: unknown } | undefined)?.errors;
      const codes = (Array.isArray(errors) ? errors : [])
        .map((e: unknown) => (e !== null && typeof e === 'object' ? (e as { code?: unknown }).code : undefined))
        .filter((c) => typeof c === 'number');
      const withCode = codes.length > 0 ? ` error ${codes.join('/')}` : '';
      return { status, json, bodyText, exchange, asked: `GET ?${encodeQuery(query)} → ${status}${withCode}` };
    },
    meaning(answer) {
      const events = (answer.json as { events?: unknown } | undefined)?.events;
      if (answer.status === 200 && Array.isArray(events))
        return {
          kind: 'events',
          events: events.filter((e): e is Record<string, unknown> => e !== null && typeof e === 'object'),
        };
      const errors = (answer.json as { errors?: { code?: unknown }[] } | undefined)?.errors;
      const code = Array.isArray(errors) ? errors[0]?.code : undefined;
      const rule = lookupRules.find((r) => isAnswerOf(r, answer.status, code));
      return rule ? { kind: 'rule', rule: rule.trigger.kind as LookupTrigger['kind'], code: rule.code } : { kind: 'other' };
    },
    rule: (kind) => spec.knobs.errors.find((r) => r.trigger.kind === kind),
    requests: () => sent,
  };
}

/** The codes the alternatives of a dialect knob at a rule's code give it (x-ledger-dialects). */
function dialectCodesOf(spec: LoadedSpec, rulePointer: string): number[] {
  return spec.knobs.dialects
    .filter((knob) => knob.pointer === `${rulePointer}/code`)
    .flatMap((knob) => knob.alternatives.map((a) => a.value))
    .filter((value): value is number => typeof value === 'number');
}
