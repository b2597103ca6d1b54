/**
 * http/credentials: which identities a run can use, and the headers each one sends.
 */
import { basicAuthHeader, md5Hex } from './redact.js';
import type { OAuthClient } from './token-source.js';
import type { AuthStyle, IdentityCredentials, IdentityName, RenewableToken, ResolvedCredentials } from './types.js';

/** The password the `wrong-basic-password` identity hashes; not a secret, so curl lines show it. */
export const DELIBERATELY_WRONG_PASSWORD = 'wrong-password';

/** The token the `wrong-oauth-token` identity sends; not a secret, so curl lines show it. */
export const DELIBERATELY_WRONG_TOKEN = 'wrong-oauth-token';

/** True when the identity has known credentials, so a check using it can run (otherwise: skip). */
export function identityAvailable(credentials: ResolvedCredentials, identity: IdentityName): boolean {
  return credentials[identity] !== undefined;
}

/** The style an identity authenticates with: as declared, else read from its headers. */
export function authStyleOf(identity: IdentityCredentials): AuthStyle {
  if (identity.style !== undefined) return identity.style;
  const names = Object.keys(identity.headers).map((name) => name.toLowerCase());
  if (names.includes('x-cap-api-oauth-token')) return 'oauth-token';
  const authorization = Object.entries(identity.headers).find(([name]) => name.toLowerCase() === 'authorization');
  if (authorization !== undefined && /^basic\s/iu.test(authorization[1])) return 'basic';
  return 'none';
}

/** One principal's secrets as the user configured them. */
export interface PrincipalSecrets {
  readonly basic?: { readonly user: string; readonly password: string };
  readonly token?: string;
  /** OAuth client credentials: the kit fetches (and renews) the token itself. */
  readonly oauthClient?: OAuthClient;
  /** Which style `primary` (or this principal) uses when both are known. @default 'basic' when Basic is known */
  readonly preferredStyle?: 'basic' | 'oauth-token';
}

/** Every secret the target configuration holds. */
export interface TargetSecrets {
  readonly primary: PrincipalSecrets;
  readonly forbidden?: PrincipalSecrets;
  readonly breakupDisabled?: PrincipalSecrets;
}

function basicIdentity(user: string, password: string): IdentityCredentials {
  return { headers: { authorization: basicAuthHeader(user, password) }, style: 'basic' };
}

function tokenIdentity(token: string): IdentityCredentials {
  return { headers: { 'x-cap-api-oauth-token': token }, style: 'oauth-token' };
}

/** Sends whatever token `token` holds at the moment the request is prepared. */
function renewableIdentity(token: RenewableToken): IdentityCredentials {
  return {
    get headers() {
      // Before the first fetch only a request's record is built (the value is redacted there).
      return { 'x-cap-api-oauth-token': token.current() ?? 'not-fetched-yet' };
    },
    style: 'oauth-token',
    token,
  };
}

/** The principals' names, as the environment variables spell them. */
export type PrincipalName = 'primary' | 'forbidden' | 'breakupDisabled';

/** Makes the token of a principal configured with OAuth client credentials. */
export type TokenFactory = (client: OAuthClient, principal: PrincipalName) => RenewableToken;

function oauthIdentity(
  principal: PrincipalSecrets,
  name: PrincipalName,
  tokenFor: TokenFactory | undefined,
): IdentityCredentials | undefined {
  if (principal.oauthClient !== undefined) {
    if (tokenFor === undefined)
      throw new Error(`the ${name} identity has OAuth client credentials, but no token factory was given`);
    return renewableIdentity(tokenFor(principal.oauthClient, name));
  }
  return principal.token === undefined ? undefined : tokenIdentity(principal.token);
}

function preferredIdentity(
  principal: PrincipalSecrets | undefined,
  name: PrincipalName,
  tokenFor: TokenFactory | undefined,
): IdentityCredentials | undefined {
  if (principal === undefined) return undefined;
  const { basic } = principal;
  const wantsToken = principal.preferredStyle === 'oauth-token' || basic === undefined;
  const token = wantsToken ? oauthIdentity(principal, name, tokenFor) : undefined;
  if (token !== undefined) return token;
  if (basic !== undefined) return basicIdentity(basic.user, basic.password);
  return undefined;
}

function unhashedBasic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

function secretsOfPrincipal(principal: PrincipalSecrets | undefined): string[] {
  if (principal === undefined) return [];
  const secrets: string[] = [];
  if (principal.basic !== undefined) {
    const { user, password } = principal.basic;
    const hashed = basicAuthHeader(user, password);
    const unhashed = unhashedBasic(user, password);
    secrets.push(password, md5Hex(password), hashed, hashed.slice('Basic '.length), unhashed.slice('Basic '.length));
  }
  if (principal.token !== undefined) secrets.push(principal.token);
  // The key too: it names the API client, and with the secret it is the client's credential.
  if (principal.oauthClient !== undefined) secrets.push(principal.oauthClient.key, principal.oauthClient.secret);
  return secrets;
}

/**
 * Builds the headers for every identity from the configured secrets, and lists the strings a
 * redactor must know (passwords, their MD5, Basic values, tokens). Identities whose secrets are
 * not configured are left out, so checks that need them are skipped.
 */
export function resolveCredentials(
  secrets: TargetSecrets,
  tokenFor?: TokenFactory,
): { credentials: ResolvedCredentials; secrets: string[] } {
  const { basic } = secrets.primary;
  // One token per principal, shared by every identity that sends it.
  const tokens = new Map<PrincipalName, RenewableToken>();
  const shared: TokenFactory | undefined =
    tokenFor &&
    ((client, name) => {
      let token = tokens.get(name);
      if (token === undefined) tokens.set(name, (token = tokenFor(client, name)));
      return token;
    });
  const credentials: ResolvedCredentials = {
    primary: preferredIdentity(secrets.primary, 'primary', shared),
    'primary-basic': basic === undefined ? undefined : basicIdentity(basic.user, basic.password),
    'primary-oauth': oauthIdentity(secrets.primary, 'primary', shared),
    none: { headers: {}, style: 'none' },
    'wrong-basic-password': basic === undefined ? undefined : basicIdentity(basic.user, DELIBERATELY_WRONG_PASSWORD),
    'unhashed-basic-password':
      basic === undefined ? undefined : { headers: { authorization: unhashedBasic(basic.user, basic.password) }, style: 'basic' },
    'wrong-oauth-token': tokenIdentity(DELIBERATELY_WRONG_TOKEN),
    forbidden: preferredIdentity(secrets.forbidden, 'forbidden', shared),
    'breakup-disabled': preferredIdentity(secrets.breakupDisabled, 'breakupDisabled', shared),
  };
  const allSecrets = [
    ...secretsOfPrincipal(secrets.primary),
    ...secretsOfPrincipal(secrets.forbidden),
    ...secretsOfPrincipal(secrets.breakupDisabled),
  ];
  return { credentials, secrets: allSecrets };
}
