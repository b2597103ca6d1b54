/**
 * http/query: how query parameters become the bytes after `?`.
 */
import type { ApiRequest, QueryPair } from './types.js';

/** Bytes sent as they are: RFC 3986 unreserved characters (and `,` where lists allow it). */
const UNRESERVED_BYTES = new Uint8Array(256);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~') UNRESERVED_BYTES[ch.charCodeAt(0)] = 1;
const HEX = Array.from({ length: 256 }, (_, byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`);
const PLAIN = /^[A-Za-z0-9\-._~]*$/;
const PLAIN_WITH_COMMAS = /^[A-Za-z0-9\-._~,]*$/;

/** What `encodeURIComponent` leaves alone that RFC 3986 does not call unreserved. */
const SUB_DELIMS_KEPT = /[!'()*]/g;
const ENCODED_COMMA = /%2C/g;

/** Byte by byte: slower, but Buffer turns a lone surrogate into U+FFFD where encodeURIComponent throws. */
export function percentEncodeBytes(text: string, keepComma: boolean): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    encoded += UNRESERVED_BYTES[byte] === 1 || (keepComma && byte === 0x2c) ? String.fromCharCode(byte) : HEX[byte]!;
  }
  return encoded;
}

function percentEncode(text: string, keepComma: boolean): string {
  // Most names and values need no encoding at all: return them untouched.
  if ((keepComma ? PLAIN_WITH_COMMAS : PLAIN).test(text)) return text;
  let encoded: string;
  try {
    // The same UTF-8 bytes and upper-case hex as byte by byte, in native code: fuzz values run
    // to thousands of characters.
    encoded = encodeURIComponent(text).replace(SUB_DELIMS_KEPT, (ch) => HEX[ch.charCodeAt(0)]!);
  } catch {
    // A fuzzer's odd string (a lone surrogate) still produces a request.
    return percentEncodeBytes(text, keepComma);
  }
  return keepComma ? encoded.replace(ENCODED_COMMA, ',') : encoded;
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
