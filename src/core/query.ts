/**
 * A query given as name/value pairs, the form every layer speaks: how a raw query string is
 * split into pairs, how pairs become the bytes after `?`, and the small edits checks, the
 * fuzzer and the faults make to a request before it goes out (or before the reference reads it).
 */

/** One query parameter as it goes on the wire; order and repetition are kept on purpose. */
export type QueryPair = readonly [name: string, value: string];

/** Splits a raw query string the way servers do (form decoding: `+` is a space). */
export function pairsOfRawQuery(rawQuery: string): QueryPair[] {
  return [...new URLSearchParams(rawQuery)].map(([name, value]) => [name, value] as const);
}

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
export function queryOf<Request extends { readonly query: readonly QueryPair[]; readonly rawQuery?: string | undefined }>(
  request: Request,
): string {
  return request.rawQuery !== undefined ? toWireQuery(request.rawQuery) : encodeQuery(request.query);
}

/** The first value of a parameter, or undefined when it is absent. */
export function firstValue(pairs: readonly QueryPair[], name: string): string | undefined {
  return pairs.find(([n]) => n === name)?.[1];
}

export function hasParameter(pairs: readonly QueryPair[], name: string): boolean {
  return pairs.some(([n]) => n === name);
}

/** The pairs without any occurrence of `names`. */
export function without(pairs: readonly QueryPair[], ...names: string[]): QueryPair[] {
  return pairs.filter(([n]) => !names.includes(n));
}

/** The pairs with `name` set to `value`: its first occurrence replaced (repeats dropped), or appended. */
export function withValue(pairs: readonly QueryPair[], name: string, value: string): QueryPair[] {
  const at = pairs.findIndex(([n]) => n === name);
  if (at < 0) return [...pairs, [name, value]];
  return pairs.flatMap((pair, i): QueryPair[] => (i === at ? [[name, value]] : pair[0] === name ? [] : [pair]));
}
