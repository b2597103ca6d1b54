/**
 * What `run`, `discover` and `profile init` share before they send anything: which target (a
 * base URL, or the embedded reference), which profile, and whose credentials. A mistake here is
 * a usage error (exit 2) naming the option or variable, never a finding about the target.
 */
import type { TargetSecrets } from '../http/credentials.js';
import { UsageError } from '../core/errors.js';
import type { ProfileFile } from '../profile/declared.js';
import { builtInProfile, loadProfileFile, REFERENCE_PROFILE, type LoadedProfile } from '../profile/load.js';
import { createReference, type Reference } from '../reference/index.js';
import type { LoadedSpec } from '../contract/load.js';
import { resolveSecrets, type CredentialFlags } from './credentials.js';
import type { CliIo } from './io.js';
import { baseUrlOption } from './options.js';

export interface TargetFlags extends CredentialFlags {
  baseUrl?: string;
  embedded?: boolean;
  profile: string;
  datasetSeed: number;
  datasetSize: number;
}

export interface TargetSetup {
  /** The base URL of a remote target; undefined with --embedded. */
  readonly baseUrl?: string;
  /** The reference, when it is the target (--embedded) or the profile describes its dataset. */
  readonly reference?: Reference;
  /** The built-in profile, or a profile file as declared (the preflight completes it). */
  readonly profile: LoadedProfile | ProfileFile;
  readonly secrets: TargetSecrets;
  /** Where the main credentials came from, in words a user can act on. */
  readonly credentialSource: string;
}

export function resolveTargetSetup(flags: TargetFlags, io: CliIo, spec: LoadedSpec): TargetSetup {
  const baseUrl = chooseBaseUrl(flags, io.env, 'to certify the embedded reference');
  const reference =
    flags.embedded || flags.profile === REFERENCE_PROFILE
      ? createReference(spec, { seed: flags.datasetSeed, size: flags.datasetSize })
      : undefined;
  const profile = flags.profile === REFERENCE_PROFILE ? builtInProfile(reference!.profile) : loadProfileFile(flags.profile, spec);
  const { secrets, source, notice } = resolveSecrets({ ...flags, builtInProfile: flags.profile === REFERENCE_PROFILE }, io.env);
  if (notice) io.err(`ledger-conformance: ${notice}`);
  return { ...(baseUrl ? { baseUrl } : {}), ...(reference ? { reference } : {}), profile, secrets, credentialSource: source };
}

/**
 * The remote target's base URL (`--base-url`, else LEDGER_CONFORMANCE_BASE_URL), or undefined
 * with `--embedded`; exactly one of the two. `embeddedUse` ends the message when neither is given.
 */
export function chooseBaseUrl(
  flags: { baseUrl?: string; embedded?: boolean },
  env: Readonly<Record<string, string | undefined>>,
  embeddedUse: string,
): string | undefined {
  const fromEnv = env['LEDGER_CONFORMANCE_BASE_URL'];
  const baseUrl = flags.baseUrl ?? (fromEnv ? baseUrlOption(fromEnv) : undefined);
  if (flags.embedded && baseUrl) throw new UsageError('--base-url', 'cannot be combined with --embedded: choose one target');
  if (!flags.embedded && !baseUrl) throw new UsageError('--base-url', `is required (or --embedded ${embeddedUse})`);
  return baseUrl;
}
