/**
 * A recording with its personal values replaced: the transcript's queries, answers and headers,
 * the profile and the dataset all go through the same `Pseudonyms`, once every value is known,
 * so a lookup of a pseudonymised mobile in the pseudonymised dataset finds what the real one
 * found on the cluster.
 */
import { encodeQuery, percentEncodeBytes } from '../core/query.js';
import type { TranscriptLine } from '../transcript/line.js';
import type { Pseudonyms } from './pseudonyms.js';

/** A raw query with each value replaced, encoded as it was where it was plain, byte by byte otherwise. */
export function pseudonymiseQuery(rawQuery: string, pseudonyms: Pseudonyms): string {
  if (rawQuery === '') return rawQuery;
  return rawQuery
    .split('&')
    .map((segment) => {
      const at = segment.indexOf('=');
      if (at < 0) return segment;
      const name = segment.slice(0, at);
      const raw = segment.slice(at + 1);
      const decoded = new URLSearchParams(`v=${raw}`).get('v') ?? raw;
      const replaced = pseudonyms.replace(decoded);
      if (replaced === decoded) return segment;
      const plain = encodeQuery([['v', decoded]]).slice(2) === raw;
      return `${name}=${plain ? encodeQuery([['v', replaced]]).slice(2) : percentEncodeBytes(replaced, true)}`;
    })
    .join('&');
}

export function pseudonymiseLine(line: TranscriptLine, pseudonyms: Pseudonyms): TranscriptLine {
  const { response, request } = line;
  const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, pseudonyms.replace(v)]));
  return {
    ...line,
    request: { ...request, query: pseudonymiseQuery(request.query, pseudonyms) },
    response: {
      status: response.status,
      headers,
      ...(response.body !== undefined ? { body: pseudonyms.replaceInJson(response.body) } : {}),
      ...(response.bodyText !== undefined ? { bodyText: pseudonyms.replace(response.bodyText) } : {}),
    },
  };
}
