/**
 * http/query: how query parameters become the bytes after `?`.
 */
import type { ApiRequest, QueryPair } from './types.js';

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

function percentEncode(text: string, keepComma: boolean): string {
  let encoded = '';
  // Buffer replaces lone surrogates with U+FFFD instead of throwing as encodeURIComponent does,
  // so a fuzzer's odd string still produces a request.
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (UNRESERVED.test(char) || (keepComma && char === ',')) {
      encoded += char;
    } else {
      encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return encoded;
}

/**
 * Joins pairs as `name=value&…`, percent-encoding (RFC 3986, UTF-8) everything outside the
 * unreserved set, except `,` inside values: the endpoint's list parameters are comma-separated.
 */
export function encodeQuery(pairs: readonly QueryPair[]): string {
  return pairs.map(([name, value]) => `${percentEncode(name, false)}=${percentEncode(value, true)}`).join('&');
}

/**
 * Makes a raw query legal as part of an HTTP request-target while keeping it byte for byte
 * wherever HTTP allows: only characters outside visible ASCII (space, controls, non-ASCII) are
 * percent-encoded as UTF-8, because no HTTP/1.1 request line can carry them.
 */
export function toWireQuery(rawQuery: string): string {
  return rawQuery.replace(/[^\x21-\x7e]+/gu, (run) => percentEncode(run, false));
}

/** The query string a request puts on the wire, without the leading `?`; empty when there is none. */
export function queryOf(request: ApiRequest): string {
  return request.rawQuery !== undefined ? toWireQuery(request.rawQuery) : encodeQuery(request.query);
}
