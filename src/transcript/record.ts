/**
 * Records the golden transcript: a default certification of the reference runs in-process, and
 * every request it sends becomes one line with the reference's answer.
 *
 * What the transcript covers: every request the certification with this seed and fuzz budget
 * sends, the preflight's included, once each (same identity, same query). That is every request
 * a certification sends whatever its seed, plus the ones drawn from this seed: the fuzz cases,
 * the handles other checks sample, the values the preflight makes up. A line is `seedDependent`
 * when every check that sent it had read the run's seed before sending it; a request sent before
 * its check read the seed depends only on the profile, the spec and earlier answers, so every
 * seed sends it. The preflight draws its made-up values before its first request, so its
 * requests count as drawn. The rule errs one way only: a request drawn from the seed is never
 * marked independent, while a request sent after reading the seed is marked dependent even if
 * every seed would send it.
 */
import type { Answer, Catalog, CheckContext, CheckDefinition } from '../check/check.js';
import { runSession } from '../engine/session.js';
import { referenceSecrets } from '../reference/identities.js';
import type { AuthStyle, IdentityName } from '../http/types.js';
import type { QueryPair } from '../core/query.js';
import type { ProfileFile } from '../profile/declared.js';
import type { LoadedProfile } from '../profile/load.js';
import type { ReferenceHandler } from '../core/handler.js';
import type { Profile } from '../profile/model.js';
import type { TargetOptions } from '../engine/target.js';
import type { Exchange } from '../http/types.js';
import type { Reference } from '../reference/index.js';
import type { ConformanceReport } from '../core/report-model.js';
import type { LoadedSpec } from '../contract/load.js';
import { placeholderHeaders } from './credentials.js';
import { TRANSCRIPT_VERSION, type TranscriptLine, type TranscriptResponse } from './line.js';

/** A target reached over HTTP, as `record` certifies a real cluster: the run's own credentials, queue and limits. */
export type RemoteTarget = Omit<TargetOptions, 'spec' | 'onExchange'> & { readonly credentialSource?: string };

export interface RecordOptions {
  readonly spec: LoadedSpec;
  /** Whose answers are recorded: the reference, in-process (`dataset transcript`), or a remote target (`record`). */
  readonly source: { readonly reference: Reference } | { readonly remote: RemoteTarget };
  /** As `run` takes it: the preflight checks it against the reference and completes it first. */
  readonly profile: LoadedProfile | ProfileFile;
  /** The run's seed: it draws the fuzz cases and the sampled handles. */
  readonly seed: number;
  readonly fuzzRuns: number;
  /** The checks to record: the caller builds them from the spec (`buildCatalog`), so recording does not depend on the suites. */
  readonly catalog: Catalog;
}

/** One request the run sent, and what the reference answered. */
interface Sent {
  /** -1 for the preflight, which comes before every check. */
  readonly checkIndex: number;
  readonly seq: number;
  /** Undefined for the preflight. */
  readonly check?: CheckDefinition;
  readonly drawn: boolean;
  readonly identity: IdentityName;
  /** The query as sent, without `?`. */
  readonly query: string;
  readonly authStyle: AuthStyle | undefined;
  readonly response: TranscriptResponse;
}

/** The id the preflight gives its requests (`x-conformance-case-id`): `preflight#<n>`. */
const PREFLIGHT_ID = /^preflight#(\d+)$/;

// Hop-by-hop and per-connection headers say nothing about the endpoint's answer.
const CONNECTION_HEADERS = new Set(['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding']);

/** The check, unchanged, except that what it sends is recorded, with whether it had read the seed by then. */
function recorded(check: CheckDefinition, checkIndex: number, sink: Sent[], seen: { profile?: Profile }): CheckDefinition {
  return {
    ...check,
    run: (ctx) => {
      seen.profile ??= ctx.profile;
      let seedRead = false;
      let seq = 0;
      const watched = Object.create(ctx, {
        seed: { get: () => ((seedRead = true), ctx.seed) },
        send: {
          value: async (query: readonly QueryPair[], options?: Parameters<CheckContext['send']>[1]): Promise<Answer> => {
            const mine = { seq: (seq += 1), drawn: seedRead };
            const answer = await ctx.send(query, options);
            const { identity, url, authStyle } = answer.exchange.request;
            const queryAt = url.indexOf('?');
            sink.push({
              checkIndex,
              check,
              ...mine,
              identity,
              authStyle,
              query: queryAt < 0 ? '' : url.slice(queryAt + 1),
              response: responseOf(answer),
            });
            return answer;
          },
        },
      }) as CheckContext;
      return check.run(watched);
    },
  };
}

function responseOf(answer: Pick<Answer, 'status' | 'headers' | 'bodyText'>): TranscriptResponse {
  const headers = Object.fromEntries(
    Object.entries(answer.headers).filter(([name]) => !CONNECTION_HEADERS.has(name.toLowerCase())),
  );
  let json: unknown;
  try {
    json = JSON.parse(answer.bodyText);
  } catch {
    json = undefined;
  }
  // A body is kept as JSON only when re-serialising it gives the very bytes that were sent.
  const asJson = json !== undefined && JSON.stringify(json) === answer.bodyText;
  return { status: answer.status, headers, ...(asJson ? { body: json } : { bodyText: answer.bodyText }) };
}

/**
 * The reference, recording the preflight's requests: the preflight asks as the main identity
 * through the run's queue, not through a check, so it is seen where the requests arrive.
 */
function recordingPreflight(handler: ReferenceHandler, sink: Sent[]): ReferenceHandler {
  return (request) => {
    const response = handler(request);
    const seq = PREFLIGHT_ID.exec(request.headers['x-conformance-case-id'] ?? '')?.[1];
    if (seq !== undefined) {
      const style = request.headers['x-cap-api-oauth-token'] !== undefined ? 'oauth-token' : 'basic';
      sink.push({
        checkIndex: -1,
        seq: Number(seq),
        drawn: true,
        identity: 'primary',
        authStyle: style,
        query: request.rawQuery,
        response: responseOf({ status: response.status, headers: response.headers, bodyText: response.body }),
      });
    }
    return response;
  };
}

/** What a recording gives: the lines, the recording run's report and the profile its checks used (the preflight's, completed). */
export interface Recording {
  readonly lines: TranscriptLine[];
  readonly report: ConformanceReport;
  /** Undefined only when no check ran. */
  readonly profile: Profile | undefined;
}

/** Records the transcript; the report is the recording run's own (the reference should pass it). */
export async function recordTranscript(options: RecordOptions): Promise<Recording> {
  const { spec, source } = options;
  const sent: Sent[] = [];
  const seen: { profile?: Profile } = {};
  const { catalog } = options;
  const common = {
    spec,
    profile: options.profile,
    // As `run` does by default: the preflight's requests are part of what a certification sends.
    preflight: true,
    seed: options.seed,
    fuzzRuns: options.fuzzRuns,
    gatingLevel: 'MUST' as const,
    catalog: { checks: catalog.checks.map((check, index) => recorded(check, index, sent, seen)), observers: catalog.observers },
  };
  const { report } =
    'reference' in source
      ? await runSession({
          ...common,
          destination: { kind: 'in-process', handler: recordingPreflight(source.reference.handler, sent) },
          secrets: referenceSecrets(source.reference.identities),
        })
      : await runSession({ ...common, ...source.remote, onExchange: (exchange) => recordPreflightExchange(exchange, sent) });
  const recording = {
    seed: options.seed,
    fuzzRuns: options.fuzzRuns,
    ...('reference' in source ? { dataset: { seed: source.reference.dataset.seed, size: source.reference.dataset.size } } : {}),
  };
  return { lines: linesOf(sent, spec.endpointPath, recording), report, profile: seen.profile };
}

/** A preflight request of a remote recording, seen as the queue completes it (a request without answer is not recorded). */
function recordPreflightExchange(exchange: Exchange, sink: Sent[]): void {
  const seq = PREFLIGHT_ID.exec(exchange.id)?.[1];
  const response = exchange.response;
  if (seq === undefined || response === undefined) return;
  const { url, identity, authStyle } = exchange.request;
  const queryAt = url.indexOf('?');
  sink.push({
    checkIndex: -1,
    seq: Number(seq),
    drawn: true,
    identity,
    authStyle,
    query: queryAt < 0 ? '' : url.slice(queryAt + 1),
    response: responseOf({ status: response.status, headers: response.headers, bodyText: response.bodyText }),
  });
}

/** One line per distinct request (identity and query), in the order they were first sent. */
function linesOf(sent: Sent[], path: string, recording: TranscriptLine['recording']): TranscriptLine[] {
  // The preflight, then the catalog's order, then each check's own: the same whatever the interleaving.
  sent.sort((a, b) => a.checkIndex - b.checkIndex || a.seq - b.seq);
  const byRequest = new Map<string, Sent[]>();
  for (const s of sent) {
    const key = `${s.identity}\n${s.query}`;
    byRequest.set(key, [...(byRequest.get(key) ?? []), s]);
  }
  const nameOf = (s: Sent): string => s.check?.id ?? 'preflight';
  return [...byRequest.values()].map((senders): TranscriptLine => {
    const first = senders[0]!;
    const text = (r: TranscriptResponse): string => JSON.stringify([r.status, r.body ?? r.bodyText]);
    const differing = senders.find((s) => text(s.response) !== text(first.response));
    if (differing)
      throw new Error(
        `the reference answered ?${first.query} differently to ${nameOf(first)} and ${nameOf(differing)}: it must be deterministic`,
      );
    const checks = senders.flatMap((s) => (s.check ? [s.check] : []));
    return {
      transcriptVersion: TRANSCRIPT_VERSION,
      id: `${nameOf(first)}#${first.seq}`,
      requirements: [...new Set(checks.map((c) => c.requirement))].sort(),
      checks: [...new Set(checks.map((c) => c.id))],
      seedDependent: senders.every((s) => s.drawn),
      recording,
      request: {
        method: 'GET',
        path,
        query: first.query,
        identity: first.identity,
        headers: { accept: 'application/json', ...placeholderHeaders(first.identity, first.authStyle) },
      },
      response: first.response,
    };
  });
}
