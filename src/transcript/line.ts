/**
 * The golden transcript: NDJSON, one line per request–answer pair, published as
 * `schemas/transcript.schema.json`. Every line stands alone (its own version and origin), so a
 * vendor's test can read, filter or replay any subset of lines with any HTTP client.
 */
import type { IdentityName } from '../http/types.js';

/** The line layout version written into every line. */
export const TRANSCRIPT_VERSION = 1;

export interface TranscriptRequest {
  readonly method: 'GET';
  /** The endpoint path (a base URL's own path prefix goes in front of it). */
  readonly path: string;
  /** The query string exactly as sent, without `?`; empty when there is none. */
  readonly query: string;
  /** The engine's name for whose credentials the request carries (see the schema). */
  readonly identity: IdentityName;
  /** Headers to send, with `{{principal.form}}` placeholders where the credentials go. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface TranscriptResponse {
  readonly status: number;
  /** The headers the answer carried, lower-case names; connection-level headers left out. */
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON body; `JSON.stringify(body)` gives the exact bytes recorded. */
  readonly body?: unknown;
  /** Any other body, as text. */
  readonly bodyText?: string;
}

export interface TranscriptLine {
  readonly transcriptVersion: number;
  /** `<check id>#<n>`: the first request of the recording that sent this request. */
  readonly id: string;
  /** The requirements of the checks that sent this request. */
  readonly requirements: readonly string[];
  readonly checks: readonly string[];
  /** True when every check that sent this request had read the run's seed first: another seed may not send it. */
  readonly seedDependent: boolean;
  /** How the recording was made: the run's seed and fuzz budget, the dataset when it was the reference's. */
  readonly recording: {
    readonly seed: number;
    readonly fuzzRuns: number;
    readonly dataset?: { readonly seed: number; readonly size: number };
  };
  readonly request: TranscriptRequest;
  readonly response: TranscriptResponse;
}

/** The file's text: one JSON object per line, each ending in a newline. */
export function transcriptText(lines: readonly TranscriptLine[]): string {
  return lines.map((line) => JSON.stringify(line) + '\n').join('');
}
