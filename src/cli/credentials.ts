/**
 * The credential ladder: which secrets a command sends, and the words that say where they came
 * from. The words go into the message a user reads when the target rejects them, so they name
 * what to fix.
 */
import type { PrincipalSecrets, TargetSecrets } from '../http/credentials.js';
import { referenceSecrets, DEMO_IDENTITIES } from '../reference/identities.js';
import { secretsFromEnvironment } from '../engine/target.js';
import { UsageError } from '../core/errors.js';

export interface CredentialFlags {
  readonly auth?: 'basic' | 'oauth-token' | 'none';
  readonly user?: string;
}

export interface SecretFlags extends CredentialFlags {
  /** The target is the embedded reference: its demo identities, whatever the environment holds. */
  readonly embedded?: boolean;
  /** The built-in `reference` profile is in use: without credentials, the demo identities are the sensible guess. */
  readonly builtInProfile?: boolean;
}

export interface ResolvedSecrets {
  readonly secrets: TargetSecrets;
  /** e.g. `LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD (Basic)`. */
  readonly source: string;
  /** A line for the user when the choice was a guess (the demo identities for the reference profile). */
  readonly notice?: string;
}

/**
 * Steps down the ladder until one gives secrets: the embedded reference's demo identities; the
 * environment (`LEDGER_CONFORMANCE_*`, `--user`, `--auth`); `--auth none`; the demo identities
 * for the built-in profile. None of them is a usage error naming the variables to set.
 */
export function resolveSecrets(flags: SecretFlags, env: Readonly<Record<string, string | undefined>>): ResolvedSecrets {
  if (flags.embedded) return demoSecrets(flags);
  const fromEnvironment = secretsFromEnvironment(env, {
    ...(flags.user ? { user: flags.user } : {}),
    ...(flags.auth && flags.auth !== 'none' ? { auth: flags.auth } : {}),
  });
  if (fromEnvironment) return { secrets: fromEnvironment, source: sourceOf(fromEnvironment.primary, flags) };
  if (flags.auth === 'none') return { secrets: { primary: {} }, source: '--auth none (no credentials sent)' };
  if (flags.builtInProfile)
    return {
      ...demoSecrets(flags),
      notice: 'no credentials configured; using the reference demo identities (profile "reference")',
    };
  throw new UsageError(
    'credentials',
    'none configured: set LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD, or LEDGER_CONFORMANCE_TOKEN, or pass --auth none',
  );
}

function demoSecrets(flags: CredentialFlags): ResolvedSecrets {
  const preferred = flags.auth === 'oauth-token' ? 'oauth-token' : undefined;
  const primary = DEMO_IDENTITIES.find((i) => i.role === 'primary')!;
  return {
    secrets: referenceSecrets(undefined, preferred),
    source: `the reference's demo identity (${preferred === 'oauth-token' ? 'its OAuth token' : primary.basicUser})`,
  };
}

function sourceOf(primary: PrincipalSecrets, flags: CredentialFlags): string {
  const usesToken = primary.token !== undefined && (primary.basic === undefined || primary.preferredStyle === 'oauth-token');
  if (usesToken) return 'LEDGER_CONFORMANCE_TOKEN (X-CAP-API-OAUTH-TOKEN)';
  return `${flags.user !== undefined ? '--user' : 'LEDGER_CONFORMANCE_USER'} and LEDGER_CONFORMANCE_PASSWORD (Basic)`;
}
