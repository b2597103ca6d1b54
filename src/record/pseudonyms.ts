/**
 * Stable, format-keeping pseudonyms for the personal values of a recording. A value is known
 * once `collect` has seen it; from then on `replace` turns every occurrence of it, in any text,
 * into its pseudonym, so the same value gets the same pseudonym everywhere: in requests,
 * answers, the profile and the dataset.
 *
 * The pseudonym keeps the value's shape: the same length, a digit for each digit, a letter for
 * each letter (in the same letter case), every other character as it is. A mobile stays a
 * mobile of the same length (its first two digits, the country code, kept), an email stays an
 * email (`@` and `.` where they were). Letters are derived from the value in lower case and the
 * case put back afterwards, so that `Omar.Chen@Example.com` and `omar.chen@example.com` (a
 * case-insensitive identifier) get pseudonyms that are the same but for case.
 *
 * The pseudonym is an HMAC-SHA256 of the value under a key: without the key, it cannot be
 * turned back by trying every mobile number. The key is random for each recording unless the
 * caller gives one (to keep pseudonyms stable across recordings).
 */
import { createHmac, randomBytes } from 'node:crypto';

/**
 * Shorter values are not personal data: two characters identify nobody, and a custom field's
 * "1" or "2" is a code. Every known value is at least this long, so it is replaced the same way
 * whether it is a whole string (a field) or part of one (an error message that quotes a query).
 */
const MIN_LENGTH = 3;

/** A mobile-like value (this many digits and more, digits only) keeps its first two digits, the country code. */
const COUNTRY_CODE_FROM = 10;

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const WORD = /[\p{L}\p{N}]+/u;
const WORDS = /[\p{L}\p{N}]+/gu;
const isLetter = (ch: string): boolean => /\p{L}/u.test(ch);
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';

export class Pseudonyms {
  private readonly key: Buffer;
  /** Known value in lower case → its pseudonym in lower case. */
  private readonly byValue = new Map<string, string>();
  private readonly taken = new Set<string>();
  /** Known values by their first word (lower case); rebuilt when a value is collected. */
  private byFirstWord: Map<string, string[]> | undefined;
  private readonly patterns = new Map<string, RegExp>();

  constructor(key: string | Buffer = randomBytes(32)) {
    this.key = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  }

  /** Makes `value` known (values shorter than three characters are not personal data). */
  collect(value: string): void {
    const lower = value.toLowerCase();
    if (lower.length < MIN_LENGTH || this.byValue.has(lower)) return;
    this.byFirstWord = undefined;
    let pseudonym = this.derive(lower, 0);
    for (let round = 1; this.taken.has(pseudonym) || pseudonym === lower; round += 1) pseudonym = this.derive(lower, round);
    this.taken.add(pseudonym);
    this.byValue.set(lower, pseudonym);
  }

  /** How many values are known. */
  get size(): number {
    return this.byValue.size;
  }

  /** The known values, as collected (lower case): for tests and counts, never written anywhere. */
  knownValues(): string[] {
    return [...this.byValue.keys()];
  }

  /** `text` with every known value replaced by its pseudonym: the whole text, or a word-bounded part of it. */
  replace(text: string): string {
    if (text === '') return text;
    const whole = this.byValue.get(text.toLowerCase());
    if (whole !== undefined) return withCaseOf(text, whole);
    const pattern = this.patternFor(text);
    return pattern === undefined
      ? text
      : text.replace(pattern, (found) => withCaseOf(found, this.byValue.get(found.toLowerCase())!));
  }

  /** Every string of a JSON value (object keys excepted) through `replace`. */
  replaceInJson<T>(value: T): T {
    if (typeof value === 'string') return this.replace(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.replaceInJson(item)) as T;
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.replaceInJson(v)])) as T;
    return value;
  }

  private derive(lower: string, round: number): string {
    const stream = createHmac('sha256', this.key).update(`${round}\u0000${lower}`).digest();
    const keepPrefix = lower.length >= COUNTRY_CODE_FROM && /^[0-9]+$/.test(lower) ? 2 : 0;
    let out = '';
    let i = 0;
    for (const ch of lower) {
      const byte = stream[i % stream.length]! ^ Math.floor(i / stream.length);
      if (i < keepPrefix || (!isDigit(ch) && !isLetter(ch))) out += ch;
      else if (isDigit(ch)) out += DIGITS[byte % 10];
      else out += LOWER[byte % 26];
      i += 1;
    }
    return out;
  }

  /**
   * The alternation of the known values that may occur in `text`, longest first, or undefined
   * when none can: a value is a candidate only when its first word is a word of the text, so
   * that megabytes of answers are not searched for hundreds of values each.
   */
  private patternFor(text: string): RegExp | undefined {
    if (this.byFirstWord === undefined) {
      this.byFirstWord = new Map();
      for (const value of this.byValue.keys()) {
        const first = WORD.exec(value)?.[0];
        if (first === undefined) continue;
        this.byFirstWord.set(first, [...(this.byFirstWord.get(first) ?? []), value]);
      }
    }
    const candidates = new Set<string>();
    for (const word of text.toLowerCase().match(WORDS) ?? []) for (const v of this.byFirstWord.get(word) ?? []) candidates.add(v);
    if (candidates.size === 0) return undefined;
    const values = [...candidates].sort((a, b) => b.length - a.length);
    const key = values.join('\u0000');
    let pattern = this.patterns.get(key);
    if (pattern === undefined) {
      const escaped = values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
      // Word-bounded: a known "Ali" is not replaced inside "Alternate".
      pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped})(?![\\p{L}\\p{N}])`, 'giu');
      this.patterns.set(key, pattern);
    }
    return pattern;
  }
}

/** `pseudonym` (lower case, same length) with the letter case of `original` put back. */
function withCaseOf(original: string, pseudonym: string): string {
  const source = [...original];
  return [...pseudonym]
    .map((ch, i) => (source[i] !== undefined && source[i] !== source[i]!.toLowerCase() ? ch.toUpperCase() : ch))
    .join('');
}
