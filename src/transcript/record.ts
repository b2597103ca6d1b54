/**
 * Records the golden transcript: a default certification of the reference runs in-process, and
 * every request it sends becomes one line with the reference's answer.
 *
 * What the transcript covers: every request the certification with this seed and fuzz budget
 * sends, once each (same identity, same query). That is every request a certification sends
 * whatever its seed, plus the ones drawn from this seed: the fuzz cases and the handles other
 * checks sample. A line is `seedDependent` when every check that sent it had read the run's
 * seed before sending it; a request sent before its check read the seed depends only on the
 * profile, the spec and earlier answers, so every seed sends it. The rule errs one way only:
 * a request drawn from the seed is never marked independent, while a request a check happens
 * to send after reading the seed is marked dependent even if every seed would send it.
 */
import type { Answer, Catalog, CheckContext, CheckDefinition } from '../engine/check.js';
import { runSession } from '../engine/session.js';
import { referenceSecrets } from '../engine/target.js';
import type { QueryPair } from '../http/types.js';
import type { LoadedProfile } from '../profile/load.js';
import type { Reference } from '../reference/index.js';
import type { ConformanceReport } from '../report/model.js';
import type { LoadedSpec } from '../spec/load.js';
import { buildCatalog } from '../../suites/index.js';
import { placeholderHeaders } from './credentials.js';
import { TRANSCRIPT_VERSION, type TranscriptLine, type TranscriptResponse } from './line.js';

export interface RecordOptions {
  readonly spec: LoadedSpec;
  readonly reference: Reference;
  readonly profile: LoadedProfile;
  /** The run's seed: it draws the fuzz cases and the sampled handles. */
  readonly seed: number;
  readonly fuzzRuns: number;
  /** The catalog; built from the spec unless a test narrows it. */
  readonly catalog?: Catalog;
}

/** One request a check sent, and what the reference answered. */
interface Sent {
  readonly checkIndex: number;
  readonly seq: number;
  readonly check: CheckDefinition;
  readonly drawn: boolean;
  readonly answer: Answer;
}

// Hop-by-hop and per-connection headers say nothing about the endpoint's answer.
const CONNECTION_HEADERS = new Set(['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding']);

/** The check, unchanged, except that what it sends is recorded, with whether it had read the seed by then. */
function recorded(check: CheckDefinition, checkIndex: number, sink: Sent[]): CheckDefinition {
  return {
    ...check,
    run: (ctx) => {
      let seedRead = false;
      let seq = 0;
      const watched = Object.create(ctx, {
        seed: { get: () => ((seedRead = true), ctx.seed) },
        send: {
          value: async (query: readonly QueryPair[], options?: Parameters<CheckContext['send']>[1]): Promise<Answer> => {
            const mine = { seq: (seq += 1), drawn: seedRead };
            const answer = await ctx.send(query, options);
            sink.push({ checkIndex, check, ...mine, answer });
            return answer;
          },
        },
      }) as CheckContext;
      return check.run(watched);
    },
  };
}

function responseOf(answer: Answer): TranscriptResponse {
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !CONNECTION_HEADERS.has(name)));
  // A body is kept as JSON only when re-serialising it gives the very bytes that were sent.
  const asJson = answer.json !== undefined && JSON.stringify(answer.json) === answer.bodyText;
  return { status: answer.status, headers, ...(asJson ? { body: answer.json } : { bodyText: answer.bodyText }) };
}

/** Records the transcript; the report is the recording run's own (the reference should pass it). */
export async function recordTranscript(options: RecordOptions): Promise<{ lines: TranscriptLine[]; report: ConformanceReport }> {
  const { spec, reference } = options;
  const sent: Sent[] = [];
  const catalog = options.catalog ?? buildCatalog(spec);
  const { report } = await runSession({
    spec,
    profile: options.profile,
    destination: { kind: 'in-process', handler: reference.handler },
    secrets: referenceSecrets(reference.identities),
    seed: options.seed,
    fuzzRuns: options.fuzzRuns,
    gatingLevel: 'MUST',
    catalog: { checks: catalog.checks.map((check, index) => recorded(check, index, sent)), observers: catalog.observers },
  });

  // Lines in catalog order, then in each check's own order: the same whatever the interleaving.
  sent.sort((a, b) => a.checkIndex - b.checkIndex || a.seq - b.seq);
  const byRequest = new Map<string, Sent[]>();
  for (const s of sent) {
    const key = `${s.answer.exchange.request.identity}\n${s.answer.exchange.request.url}`;
    byRequest.set(key, [...(byRequest.get(key) ?? []), s]);
  }
  const recording = { seed: options.seed, fuzzRuns: options.fuzzRuns, dataset: { seed: reference.dataset.seed, size: reference.dataset.size } };
  const lines = [...byRequest.values()].map((senders): TranscriptLine => {
    const first = senders[0]!;
    const { identity, url, authStyle } = first.answer.exchange.request;
    const response = responseOf(first.answer);
    const differing = senders.find((s) => s.answer.status !== first.answer.status || s.answer.bodyText !== first.answer.bodyText);
    if (differing) throw new Error(`the reference answered ${url} differently to ${first.check.id} and ${differing.check.id}: it must be deterministic`);
    const queryAt = url.indexOf('?');
    return {
      transcriptVersion: TRANSCRIPT_VERSION,
      id: `${first.check.id}#${first.seq}`,
      requirements: [...new Set(senders.map((s) => s.check.requirement))].sort(),
      checks: [...new Set(senders.map((s) => s.check.id))],
      seedDependent: senders.every((s) => s.drawn),
      recording,
      request: {
        method: 'GET',
        path: spec.endpointPath,
        query: queryAt < 0 ? '' : url.slice(queryAt + 1),
        identity,
        headers: { accept: 'application/json', ...placeholderHeaders(identity, authStyle) },
      },
      response,
    };
  });
  return { lines, report };
}
