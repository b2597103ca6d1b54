/**
 * The profile a run's checks consume: learned by the preflight from the declared profile and the
 * target (the default), or, with the preflight off, the declared profile as it stands, which
 * must then name every event in full.
 */
import type { Scheduler } from '../http/scheduler.js';
import { completeProfile } from '../profile/complete.js';
import type { ProfileFile } from '../profile/declared.js';
import { fileOf, type LoadedProfile } from '../profile/load.js';
import type { PreflightSummary } from '../core/report-model.js';
import type { LoadedSpec } from '../contract/load.js';
import { runPreflight } from './index.js';

export interface ProfileResolution {
  readonly spec: LoadedSpec;
  /** A full profile (the built-in one, or one a test made), or a file as declared. */
  readonly profile: LoadedProfile | ProfileFile;
  /** Run the preflight (the command line's default). */
  readonly preflight?: boolean;
  readonly transport: Scheduler;
  readonly baseUrl: string;
  readonly seed: number;
  readonly credentialSource?: string;
  readonly onPreflightProgress?: (requests: number) => void;
}

export async function resolveProfile(
  options: ProfileResolution,
): Promise<{ loaded: LoadedProfile; preflight?: PreflightSummary }> {
  const given = options.profile;
  if (options.preflight !== true) return { loaded: 'profile' in given ? given : completeProfile(given) };
  const { loaded, summary } = await runPreflight({
    spec: options.spec,
    transport: options.transport,
    baseUrl: options.baseUrl,
    file: 'profile' in given ? fileOf(given) : given,
    seed: options.seed,
    credentialSource: options.credentialSource ?? 'the main credentials',
    ...(options.onPreflightProgress ? { onProgress: options.onPreflightProgress } : {}),
  });
  return { loaded, preflight: summary };
}
