/**
 * http/curl: a one-line shell command that reproduces an exchange's request, with secrets left
 * to environment variables the reader sets.
 */
import { DELIBERATELY_WRONG_PASSWORD, DELIBERATELY_WRONG_TOKEN } from './credentials.js';
import type { AuthStyle, Exchange, IdentityName } from './types.js';

/** How to write the curl line. */
export interface CurlOptions {
  /**
   * Add `--insecure` (only when the run itself skipped TLS verification).
   * @default false
   */
  readonly insecure?: boolean;
  /**
   * The style to assume when the recorded request carries no `authStyle`.
   * @default 'basic'
   */
  readonly fallbackAuthStyle?: Exclude<AuthStyle, 'none'>;
}

/** Quotes a string for POSIX shells: single quotes, with each `'` written as `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/gu, `'\\''`)}'`;
}

/** Capillary's Basic password is the MD5 hex of the real one; curl -u does the Base64. */
function hashedPassword(passwordExpression: string): string {
  return `$(printf %s ${passwordExpression} | md5sum | cut -d' ' -f1)`;
}

function basicFlag(userVariable: string, passwordVariable: string): string {
  return `-u "$${userVariable}:${hashedPassword(`"$${passwordVariable}"`)}"`;
}

function tokenFlag(tokenExpression: string): string {
  return `-H "X-CAP-API-OAUTH-TOKEN: ${tokenExpression}"`;
}

/** The environment variables holding one principal's secrets. */
function principalFlag(prefix: string, style: AuthStyle): string | undefined {
  if (style === 'basic') return basicFlag(`${prefix}_USER`, `${prefix}_PASSWORD`);
  if (style === 'oauth-token') return tokenFlag(`$${prefix}_TOKEN`);
  return undefined;
}

function authFlag(identity: IdentityName, style: AuthStyle): string | undefined {
  switch (identity) {
    case 'primary':
      return principalFlag('LEDGER_CONFORMANCE', style);
    case 'primary-basic':
      return principalFlag('LEDGER_CONFORMANCE', 'basic');
    case 'primary-oauth':
      return principalFlag('LEDGER_CONFORMANCE', 'oauth-token');
    case 'none':
      return undefined;
    case 'wrong-basic-password':
      return `-u "$LEDGER_CONFORMANCE_USER:${hashedPassword(shellQuote(DELIBERATELY_WRONG_PASSWORD))}"`;
    case 'unhashed-basic-password':
      return '-u "$LEDGER_CONFORMANCE_USER:$LEDGER_CONFORMANCE_PASSWORD"';
    case 'wrong-oauth-token':
      return tokenFlag(DELIBERATELY_WRONG_TOKEN);
    case 'forbidden':
      return principalFlag('LEDGER_CONFORMANCE_FORBIDDEN', style);
    case 'breakup-disabled':
      return principalFlag('LEDGER_CONFORMANCE_BREAKUP_DISABLED', style);
  }
}

/**
 * A `curl` line reproducing the exchange's request. Credentials come from `LEDGER_CONFORMANCE_*`
 * variables (never values); the deliberately wrong identities use their literal, non-secret
 * values. `-g` stops curl from globbing `[]{}` in fuzzed queries; the case-id header is left out.
 */
export function curlFor(exchange: Exchange, options: CurlOptions = {}): string {
  const { identity, authStyle, url } = exchange.request;
  const style = authStyle ?? options.fallbackAuthStyle ?? 'basic';
  const parts = ['curl', '-sS', '-i', '-g', '-H', shellQuote('Accept: application/json')];
  const auth = authFlag(identity, style);
  if (auth !== undefined) parts.push(auth);
  if (options.insecure === true) parts.push('--insecure');
  parts.push(shellQuote(url));
  return parts.join(' ');
}
