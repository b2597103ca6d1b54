/**
 * test/http/support/fixtures: fake secrets and credentials shared by the transport tests.
 */
import { resolveCredentials, type TargetSecrets } from '../../../src/http/credentials.js';
import type { ApiRequest, IdentityName } from '../../../src/http/types.js';

/** Secrets distinctive enough that finding them anywhere is unambiguous. */
export const SECRETS = {
  user: 'till.user.7',
  password: 'S3cret-Pa55word!',
  token: 'eyJhbGciOiJIUzI1NiJ9.tok-PRIMARY-9f8e7d.sig',
  forbiddenUser: 'till.forbidden',
  forbiddenPassword: 'Forbidden-Pa55!',
  forbiddenToken: 'eyJ.tok-FORBIDDEN-1a2b3c.sig',
  breakupUser: 'till.breakup',
  breakupPassword: 'Breakup-Pa55!',
  breakupToken: 'eyJ.tok-BREAKUP-4d5e6f.sig',
} as const;

/** Target secrets, with the primary identity in the given style. */
export function targetSecrets(primaryStyle: 'basic' | 'oauth-token' = 'basic'): TargetSecrets {
  return {
    primary: {
      basic: { user: SECRETS.user, password: SECRETS.password },
      token: SECRETS.token,
      preferredStyle: primaryStyle,
    },
    forbidden: {
      basic: { user: SECRETS.forbiddenUser, password: SECRETS.forbiddenPassword },
      token: SECRETS.forbiddenToken,
      preferredStyle: primaryStyle,
    },
    breakupDisabled: {
      basic: { user: SECRETS.breakupUser, password: SECRETS.breakupPassword },
      token: SECRETS.breakupToken,
      preferredStyle: primaryStyle,
    },
  };
}

/** Fully resolved credentials and their secret strings. */
export const RESOLVED = resolveCredentials(targetSecrets('basic'));

/** The same principals with OAuth tokens preferred. */
export const RESOLVED_OAUTH = resolveCredentials(targetSecrets('oauth-token'));

/** Every identity name. */
export const ALL_IDENTITIES: readonly IdentityName[] = [
  'primary',
  'primary-basic',
  'primary-oauth',
  'none',
  'wrong-basic-password',
  'unhashed-basic-password',
  'wrong-oauth-token',
  'forbidden',
  'breakup-disabled',
];

/** A plain request with a list parameter. */
export function sampleRequest(identity: IdentityName = 'primary', extra: Partial<ApiRequest> = {}): ApiRequest {
  return {
    query: [
      ['identifierName', 'mobile'],
      ['identifierValue', '919876543210'],
      ['eventIds', '1,2,3'],
    ],
    identity,
    ...extra,
  };
}

/** The raw secret strings, for "never appears" assertions (user names are not secret). */
export const SECRET_STRINGS: readonly string[] = RESOLVED.secrets;
