/**
 * The credentials a command sends, and the words that say where they came from: the
 * environment (or `--user`), the reference's demo identities, or none at all. The words go
 * into the message a user reads when the target rejects them, so it names what to fix.
 */
import type { PrincipalSecrets, TargetSecrets } from '../http/credentials.js';
import { referenceSecrets, secretsFromEnvironment } from '../engine/target.js';
import { UsageError } from '../errors.js';
import { DEMO_IDENTITIES } from '../reference/identities.js';
import type { CliIo } from './io.js';

export interface CredentialFlags {
  readonly auth?: 'basic' | 'oauth-token' | 'none';
  readonly user?: string;
}

export interface ChosenCredentials {
  readonly secrets: TargetSecrets;
  /** e.g. `LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD (Basic)`. */
  readonly source: string;
}

/**
 * `embedded`: the target is the embedded reference (its demo identities). `builtInProfile`:
 * the built-in reference profile is in use, so without credentials the demo identities are the
 * sensible guess (and a notice says so).
 */
export function chooseCredentials(flags: CredentialFlags, io: CliIo, context: { embedded: boolean; builtInProfile: boolean }): ChosenCredentials {
  const preferred = flags.auth === 'oauth-token' ? 'oauth-token' : undefined;
  const demo = (): ChosenCredentials => {
    const primary = DEMO_IDENTITIES.find((i) => i.role === 'primary')!;
    return { secrets: referenceSecrets(undefined, preferred), source: `the reference's demo identity (${preferred === 'oauth-token' ? 'its OAuth token' : primary.basicUser})` };
  };
  if (context.embedded) return demo();
  const fromEnvironment = secretsFromEnvironment(io.env, { ...(flags.user ? { user: flags.user } : {}), ...(flags.auth && flags.auth !== 'none' ? { auth: flags.auth } : {}) });
  if (fromEnvironment) return { secrets: fromEnvironment, source: sourceOf(fromEnvironment.primary, flags) };
  if (flags.auth === 'none') return { secrets: { primary: {} }, source: '--auth none (no credentials sent)' };
  if (context.builtInProfile) {
    io.err('ledger-conformance: no credentials configured; using the reference demo identities (profile "reference")');
    return demo();
  }
  throw new UsageError('credentials', 'none configured: set LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD, or LEDGER_CONFORMANCE_TOKEN, or pass --auth none');
}

function sourceOf(primary: PrincipalSecrets, flags: CredentialFlags): string {
  const usesToken = primary.token !== undefined && (primary.basic === undefined || primary.preferredStyle === 'oauth-token');
  if (usesToken) return 'LEDGER_CONFORMANCE_TOKEN (X-CAP-API-OAUTH-TOKEN)';
  return `${flags.user !== undefined ? '--user' : 'LEDGER_CONFORMANCE_USER'} and LEDGER_CONFORMANCE_PASSWORD (Basic)`;
}
