/**
 * Strings that look like trouble, for values the spec leaves free or constrains: empty, blank,
 * overlong, non-ASCII, control characters, percent-encoding look-alikes, injection payloads,
 * numbers in disguise. None is tied to a parameter: the generators that use them keep only
 * those the parameter's schema refuses (or, for free strings, those that name no data).
 */
import fc from 'fast-check';

/** Strings shaped like attacks on a server or its storage. */
export const INJECTION_SHAPED: readonly string[] = [
  "' OR '1'='1",
  '" OR 1=1 --',
  "admin'--",
  '1; DROP TABLE ledger--',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '#{7*7}',
  '$(id)',
  '`id`',
  '| cat /etc/passwd',
  '{"$gt":""}',
  'a\r\nX-Injected: 1',
  '%0d%0aSet-Cookie:x=1',
];

/** Strings that a percent-decoder can stumble on once they are decoded from the wire. */
export const PERCENT_SHAPED: readonly string[] = [
  '%',
  '%%',
  '%zz',
  '%2',
  '%00',
  '%2C',
  '%25',
  '%26',
  '%3D',
  '%C3%A9',
  '%E9',
  '%FF%FE',
  '+',
  '%20',
];

/** Values that mean something in other languages and parsers. */
export const LOOKALIKES: readonly string[] = [
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '-0',
  '0',
  '1e309',
  '0x1F',
  '9223372036854775808',
  'true',
  '[]',
  '{}',
];

/** Non-ASCII text, including letters whose case mapping changes their length. */
export const NON_ASCII: readonly string[] = [
  'Ünïcödé',
  'é',
  'e\u0301',
  'ß',
  'İ',
  'ǅ',
  '測試',
  'مرحبا',
  '😀',
  '👩‍👩‍👧',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\u00a0',
  'ｆｕｌｌ',
];

/** Blank and control text. */
export const BLANKS: readonly string[] = ['', ' ', '  ', '\t', '\n', '\u0000', '\u007f', ' x ', 'x\u0000y'];

/**
 * The whole text, shrinking to its shorter prefixes (in code points): a counterexample keeps
 * only as much of a listed payload as the failure needs. The generated value is always whole;
 * the integer branch, drawn about once in a thousand, lends its shrinker (`withCrossShrink`).
 */
function wholeThenPrefixArb(text: string): fc.Arbitrary<string> {
  const points = [...text];
  if (points.length <= 1) return fc.constant(text);
  return fc
    .oneof(
      { withCrossShrink: true },
      { arbitrary: fc.integer({ min: 1, max: points.length }), weight: 1 },
      { arbitrary: fc.constant(points.length), weight: 1000 },
    )
    .map((n) => points.slice(0, n).join(''));
}

/** One of the listed strings, shrinking toward an earlier one or a shorter prefix. */
export function listedStringArb(values: readonly string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...values).chain(wholeThenPrefixArb);
}

/**
 * Text that looks like trouble: the lists above, random graphemes (mostly non-ASCII), random
 * UTF-16 code units (lone surrogates included) and overlong runs. Shrinks toward short strings.
 */
export function hostileStringArb(): fc.Arbitrary<string> {
  // One instance for every caller: arbitraries hold no state, so the draws are the same, and
  // building one costs tens of milliseconds (fast-check slices the grapheme strings) that every
  // parameter's and mutation's generator paid again at the start of the fuzz checks.
  return (hostileStrings ??= buildHostileStringArb());
}

let hostileStrings: fc.Arbitrary<string> | undefined;

function buildHostileStringArb(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: listedStringArb([...BLANKS, ...LOOKALIKES, ...PERCENT_SHAPED, ...INJECTION_SHAPED, ...NON_ASCII]), weight: 4 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), weight: 2 },
    { arbitrary: utf16Arb(), weight: 1 },
    { arbitrary: overlongArb(), weight: 1 },
  );
}

/**
 * Any UTF-16 code units, lone surrogates included. (fast-check's `unit: 'binary'` would do, but
 * building it costs about two seconds, more than a default fuzz run.)
 */
function utf16Arb(): fc.Arbitrary<string> {
  return fc
    .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 8 })
    .map((units) => String.fromCharCode(...units));
}

/**
 * A long run of one character. Capped at 2,000 so that three of them still fit the 8 KiB
 * request line most servers accept: a 414 or 431 would say nothing about the endpoint.
 */
export function overlongArb(): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom('x', '9', 'é'), fc.integer({ min: 100, max: 2000 })).map(([ch, n]) => ch.repeat(n));
}

/** The same letters with each one's case chosen by a mask: shrinks toward the unchanged text. */
export function caseVariantArb(text: string): fc.Arbitrary<string> {
  const chars = [...text];
  return fc
    .array(fc.boolean(), { minLength: chars.length, maxLength: chars.length })
    .map((flip) => chars.map((ch, i) => (flip[i] ? swapCase(ch) : ch)).join(''));
}

function swapCase(ch: string): string {
  const lower = ch.toLowerCase();
  return ch === lower ? ch.toUpperCase() : lower;
}

/**
 * The lengths at which a run of `unit` stops being accepted by `accepts`: the longest run
 * accepted and the shortest refused after it (e.g. 18 and 19 digits for a 1-to-18-digit
 * pattern). Undefined when every length up to `limit` is accepted or none is.
 */
export function lengthBoundary(
  accepts: (text: string) => boolean,
  unit: string,
  limit = 300,
): { readonly longest: string; readonly tooLong: string } | undefined {
  if (!accepts(unit)) return undefined;
  for (let n = 2; n <= limit; n++) {
    if (!accepts(unit.repeat(n))) return { longest: unit.repeat(n - 1), tooLong: unit.repeat(n) };
  }
  return undefined;
}
