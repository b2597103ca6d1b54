/**
 * Credentials in a transcript are placeholders, never values. A placeholder is
 * `{{principal.form}}`: the principal is `primary`, `forbidden` or `breakup-disabled`, and the
 * form says what to put in its place:
 *
 * - `basic`: base64(user ":" md5hex(password)), Capillary Basic;
 * - `basic-unhashed`: base64(user ":" password), the MD5 step left out (must be refused);
 * - `basic-wrong-password`: base64(user ":" md5hex("wrong-password")) (must be refused);
 * - `token`: the OAuth token, sent as X-CAP-API-OAUTH-TOKEN.
 *
 * The deliberately wrong token is not a secret and is written as it is.
 */
import { DELIBERATELY_WRONG_TOKEN } from '../http/credentials.js';
import type { AuthStyle, IdentityName } from '../http/types.js';

export type Principal = 'primary' | 'forbidden' | 'breakup-disabled';
export type CredentialForm = 'basic' | 'basic-unhashed' | 'basic-wrong-password' | 'token';

export const placeholder = (principal: Principal, form: CredentialForm): string => `{{${principal}.${form}}}`;

const basic = (principal: Principal, form: CredentialForm = 'basic'): Record<string, string> => ({
  authorization: `Basic ${placeholder(principal, form)}`,
});
const token = (principal: Principal): Record<string, string> => ({ 'x-cap-api-oauth-token': placeholder(principal, 'token') });
const styled = (principal: Principal, style: AuthStyle | undefined): Record<string, string> =>
  style === 'oauth-token' ? token(principal) : basic(principal);

/** The credential headers `identity` sends in `style`, with placeholders for the secrets. */
export function placeholderHeaders(identity: IdentityName, style: AuthStyle | undefined): Record<string, string> {
  switch (identity) {
    case 'primary':
      return styled('primary', style);
    case 'primary-basic':
      return basic('primary');
    case 'primary-oauth':
      return token('primary');
    case 'none':
      return {};
    case 'wrong-basic-password':
      return basic('primary', 'basic-wrong-password');
    case 'unhashed-basic-password':
      return basic('primary', 'basic-unhashed');
    case 'wrong-oauth-token':
      return { 'x-cap-api-oauth-token': DELIBERATELY_WRONG_TOKEN };
    case 'forbidden':
      return styled('forbidden', style);
    case 'breakup-disabled':
      return styled('breakup-disabled', style);
  }
}
