/**
 * Requests sent with a hand-made query string. Two kinds:
 * - equivalent encodings (RFC 3986 §2.1 and §2.3, and the form encoding's `+` for a space):
 *   unreserved characters percent-encoded, hex digits in lower case. A target decodes them
 *   to the same parameters, so they are judged as the parameters they carry;
 * - malformed encodings: a stray `%`, bad hex, truncated or overlong UTF-8, empty or nameless
 *   parameters, other separators. The spec says nothing of how they are answered, only that
 *   no request is answered 5xx (RESP-NO-SERVER-ERROR) and that answers repeat (RESP-DETERMINISTIC).
 */
import fc from 'fast-check';
import { pairsOfRawQuery } from '../core/query.js';
import { lazyArb } from './lazy.js';
import { wireQueryOf, type FuzzRequest } from './request.js';

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const hex = (ch: string): string => ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');

/** Splits a wire query into `%XX` escapes and single characters. */
function unitsOf(wire: string): string[] {
  return wire.match(/%[0-9A-Fa-f]{2}|[\s\S]/g) ?? [];
}

/**
 * Re-spells one unit: 0 keeps it; 1 and 2 percent-encode an unreserved character (upper- and
 * lower-case hex) or lower-case an escape; 3 writes an encoded space as `+`. Separators and
 * reserved characters are never touched, so the parameters stay the same.
 */
function respell(unit: string, choice: number): string {
  if (choice === 0) return unit;
  if (unit.length === 1) {
    if (!UNRESERVED.test(unit) || choice === 3) return unit;
    return choice === 1 ? `%${hex(unit)}` : `%${hex(unit).toLowerCase()}`;
  }
  if (unit === '%20' && choice === 3) return '+';
  return unit.toLowerCase();
}

/** The request, sent with an equivalent hand-made encoding; shrinks toward the usual encoding. */
export function equivalentEncodingArb(request: FuzzRequest): fc.Arbitrary<FuzzRequest> {
  const wire = wireQueryOf(request);
  const units = unitsOf(wire);
  return fc.array(fc.integer({ min: 0, max: 3 }), { minLength: units.length, maxLength: units.length }).map((choices) => {
    const rawQuery = units.map((unit, i) => respell(unit, choices[i]!)).join('');
    if (rawQuery === wire) return request;
    return { ...request, rawQuery, notes: [...(request.notes ?? []), 'encoded differently, same parameters'] };
  });
}

/** Mostly the usual encoding, sometimes an equivalent hand-made one (built only when picked). */
export function sometimesReencodedArb(request: FuzzRequest): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { arbitrary: fc.constant(request), weight: 5 },
    { arbitrary: lazyArb(() => equivalentEncodingArb(request)), weight: 1 },
  );
}

/**
 * Fragments no well-formed query holds, or that parsers read differently. `#` is not one: it
 * would end the URL's query, so no target would ever see it.
 */
export const MALFORMED_FRAGMENTS: readonly string[] = [
  '%',
  '%zz',
  '%G1',
  '%2',
  '%C3',
  '%FF',
  '%C0%AF',
  '%ED%A0%80',
  '%00',
  '&&',
  '&=',
  '&=x',
  '&noValue',
  ';x=1',
  '?',
  '=',
  '%u0041',
];

/**
 * The request with one malformed fragment appended to a value or inserted between parameters.
 * The fragment is optional so that shrinking can drop it when the failure does not need it.
 */
export function malformedEncodingArb(base: fc.Arbitrary<FuzzRequest>): fc.Arbitrary<FuzzRequest> {
  return base.chain((request) => {
    const segments = wireQueryOf(request).split('&');
    const damage = fc.tuple(
      fc.integer({ min: 0, max: segments.length - 1 }),
      fc.constantFrom(...MALFORMED_FRAGMENTS),
      fc.boolean(),
    );
    return fc.option(damage, { nil: undefined, freq: 20 }).map((chosen): FuzzRequest => {
      if (chosen === undefined) return request;
      const [at, fragment, inside] = chosen;
      const name = segments[at]!.split('=')[0]!;
      const rawQuery = segments
        .map((s, i) => (i !== at ? s : inside ? s + fragment : `${s}&${fragment.replace(/^&/, '')}`))
        .join('&');
      return {
        pairs: pairsOfRawQuery(rawQuery),
        rawQuery,
        notes: [...(request.notes ?? []), `malformed: ${JSON.stringify(fragment)} ${inside ? 'inside' : 'after'} ${name}`],
      };
    });
  });
}
