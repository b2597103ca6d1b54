/**
 * Who may call the reference. Three demo identities cover what a conformance run needs: one
 * with full access, one without access to the Points resource (403, code 4000), and one whose
 * org has source-value capturing off (11019). They are demo credentials, documented in the
 * README; the primary one can be replaced by flags or environment variables.
 */
import type { PrincipalSecrets, TargetSecrets } from '../http/credentials.js';

export interface ReferenceIdentity {
  /** `primary`, `forbidden` or `breakup-disabled`: the engine's names for the same roles. */
  readonly role: 'primary' | 'forbidden' | 'breakup-disabled';
  readonly basicUser: string;
  /** The plain password; Basic credentials carry its MD5 (Capillary's convention). */
  readonly basicPassword: string;
  readonly oauthToken: string;
  /** OAuth client credentials: the token endpoint exchanges them for short-lived tokens of this identity. */
  readonly oauthKey: string;
  readonly oauthSecret: string;
  readonly pointsAccess: boolean;
  /** Org settings by name; absent means on. */
  readonly orgSettings: Readonly<Record<string, boolean>>;
}

export const DEMO_IDENTITIES: readonly ReferenceIdentity[] = [
  {
    role: 'primary',
    basicUser: 'demo.till',
    basicPassword: 'demo-password',
    oauthToken: 'demo-oauth-token',
    oauthKey: 'demo-key',
    oauthSecret: 'demo-secret',
    pointsAccess: true,
    orgSettings: {},
  },
  {
    role: 'forbidden',
    basicUser: 'noaccess.till',
    basicPassword: 'noaccess-password',
    oauthToken: 'noaccess-oauth-token',
    oauthKey: 'noaccess-key',
    oauthSecret: 'noaccess-secret',
    pointsAccess: false,
    orgSettings: {},
  },
  {
    role: 'breakup-disabled',
    basicUser: 'legacy.till',
    basicPassword: 'legacy-password',
    oauthToken: 'legacy-oauth-token',
    oauthKey: 'legacy-key',
    oauthSecret: 'legacy-secret',
    pointsAccess: true,
    orgSettings: { ENABLE_POINTS_AWARDED_SOURCE_VALUE_CAPTURING: false },
  },
];

/** The demo identities (or those of a dataset file) with the primary one's credentials replaced where given. */
export function identitiesWith(
  primary: Partial<Pick<ReferenceIdentity, 'basicUser' | 'basicPassword' | 'oauthToken' | 'oauthKey' | 'oauthSecret'>>,
  identities: readonly ReferenceIdentity[] = DEMO_IDENTITIES,
): ReferenceIdentity[] {
  return identities.map((identity) => (identity.role === 'primary' ? { ...identity, ...stripUndefined(primary) } : identity));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function principal(identity: ReferenceIdentity, style?: PrincipalSecrets['preferredStyle']): PrincipalSecrets {
  return {
    basic: { user: identity.basicUser, password: identity.basicPassword },
    token: identity.oauthToken,
    ...(style ? { preferredStyle: style } : {}),
  };
}

/** The secrets of the reference's demo identities (documented in the README; not secret). */
export function referenceSecrets(
  identities: readonly ReferenceIdentity[] = DEMO_IDENTITIES,
  style?: PrincipalSecrets['preferredStyle'],
): TargetSecrets {
  const as = (role: ReferenceIdentity['role']) => identities.find((i) => i.role === role)!;
  return {
    primary: principal(as('primary'), style),
    forbidden: principal(as('forbidden')),
    breakupDisabled: principal(as('breakup-disabled')),
  };
}
