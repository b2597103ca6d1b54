/**
 * What `run` and `discover` share before they send anything: which target (a base URL, or the
 * embedded reference), which profile, and whose credentials. A mistake here is a usage error
 * (exit 2) naming the option or variable, never a finding about the target.
 */
import type { TargetSecrets } from '../http/credentials.js';
import { referenceSecrets, secretsFromEnvironment } from '../engine/target.js';
import { UsageError } from '../errors.js';
import { builtInProfile, loadProfileFile, REFERENCE_PROFILE, type LoadedProfile } from '../profile/load.js';
import { createReference, type Reference } from '../reference/index.js';
import type { LoadedSpec } from '../spec/load.js';
import type { CliIo } from './io.js';
import { baseUrlOption } from './options.js';

export interface TargetFlags {
  baseUrl?: string;
  embedded?: boolean;
  profile: string;
  datasetSeed: number;
  datasetSize: number;
  auth?: 'basic' | 'oauth-token' | 'none';
  user?: string;
}

export interface TargetSetup {
  /** The base URL of a remote target; undefined with --embedded. */
  readonly baseUrl?: string;
  /** The reference, when it is the target (--embedded) or the profile describes its dataset. */
  readonly reference?: Reference;
  readonly profile: LoadedProfile;
  readonly secrets: TargetSecrets;
}

export function resolveTargetSetup(flags: TargetFlags, io: CliIo, spec: LoadedSpec): TargetSetup {
  const baseUrl = flags.baseUrl ?? (io.env['LEDGER_CONFORMANCE_BASE_URL'] ? baseUrlOption(io.env['LEDGER_CONFORMANCE_BASE_URL']) : undefined);
  if (flags.embedded && baseUrl) throw new UsageError('--base-url', 'cannot be combined with --embedded: choose one target');
  if (!flags.embedded && !baseUrl) throw new UsageError('--base-url', 'is required (or --embedded to certify the embedded reference)');

  const reference = flags.embedded || flags.profile === REFERENCE_PROFILE ? createReference(spec, { seed: flags.datasetSeed, size: flags.datasetSize }) : undefined;
  const profile: LoadedProfile = flags.profile === REFERENCE_PROFILE ? builtInProfile(reference!.profile) : loadProfileFile(flags.profile, spec);

  const fromEnvironment = secretsFromEnvironment(io.env, { ...(flags.user ? { user: flags.user } : {}), ...(flags.auth && flags.auth !== 'none' ? { auth: flags.auth } : {}) });
  const preferred = flags.auth === 'oauth-token' ? 'oauth-token' : undefined;
  let secrets = flags.embedded ? referenceSecrets(undefined, preferred) : fromEnvironment;
  if (!secrets && flags.auth === 'none') secrets = { primary: {} };
  if (!secrets && flags.profile === REFERENCE_PROFILE) {
    secrets = referenceSecrets(undefined, preferred);
    io.err('ledger-conformance: no credentials configured; using the reference demo identities (profile "reference")');
  }
  if (!secrets) throw new UsageError('credentials', 'none configured: set LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD, or LEDGER_CONFORMANCE_TOKEN, or pass --auth none');
  return { ...(baseUrl ? { baseUrl } : {}), ...(reference ? { reference } : {}), profile, secrets };
}
