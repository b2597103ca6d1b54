/**
 * http/redact: secrets out of every string a report may contain, and the Capillary Basic scheme.
 */
import { createHash } from 'node:crypto';

/** What replaces a secret. */
export const REDACTED = '<redacted>';

/** Lower-case hex MD5 of a UTF-8 string. */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** Capillary's Basic header value: `Basic base64(user ":" md5hex(password))`. */
export function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${md5Hex(password)}`, 'utf8').toString('base64')}`;
}

/** Replaces known secrets in arbitrary text; a second line of defence over every report string. */
export interface Redactor {
  /** Adds secrets to look for; empty strings are ignored. */
  add(...secrets: readonly string[]): void;
  /** The text with every occurrence of every secret (and its common encodings) replaced by `<redacted>`. */
  redact(text: string): string;
}

/**
 * The spellings a secret may take by the time it reaches a report: as is, percent-encoded (in
 * a URL or a body echo), JSON-escaped (inside a serialized body), and other-case hex for an MD5.
 */
function spellingsOf(secret: string): string[] {
  const spellings = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
  if (/^[0-9a-f]+$/iu.test(secret)) {
    spellings.push(secret.toLowerCase(), secret.toUpperCase());
  }
  return spellings;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** Creates a redactor that knows the given secrets (user names are not secrets; do not pass them). */
export function createRedactor(secrets: Iterable<string> = []): Redactor {
  const known = new Set<string>();
  let pattern: RegExp | undefined;

  const rebuild = (): void => {
    // Longest first, so a secret that contains another is replaced whole.
    const alternatives = [...known].sort((a, b) => b.length - a.length).map(escapeRegExp);
    pattern = alternatives.length === 0 ? undefined : new RegExp(alternatives.join('|'), 'gu');
  };

  const redactor: Redactor = {
    add(...more) {
      for (const secret of more) {
        if (secret === '') continue;
        for (const spelling of spellingsOf(secret)) known.add(spelling);
      }
      rebuild();
    },
    redact(text) {
      return pattern === undefined ? text : text.replace(pattern, REDACTED);
    },
  };
  redactor.add(...secrets);
  return redactor;
}
