/**
 * One run from start to end: open the target, run the catalog, close the target. The command
 * line, the self-test and the project's tests all come through here. The catalog is handed in,
 * built from the same spec as the run (`buildCatalog(spec)` of `suites/`): the engine knows no
 * check by name.
 */
import type { ProfileFile } from '../profile/declared.js';
import type { LoadedProfile } from '../profile/load.js';
import { resolveProfile, type ProfileResolution } from '../preflight/resolve.js';
import type { ConformanceReport, PreflightSummary } from '../core/report-model.js';
import type { Catalog } from '../check/check.js';
import { runConformance, type RunOptions } from './run.js';
import { TOOL, openTarget, type Target, type TargetOptions } from './target.js';

export interface SessionOptions
  extends
    Omit<RunOptions, 'transport' | 'credentials' | 'target' | 'checks' | 'observers' | 'redactor' | 'tool' | 'today' | 'profile'>,
    Omit<TargetOptions, 'spec'>,
    Pick<ProfileResolution, 'preflight' | 'credentialSource' | 'onPreflightProgress'> {
  /** A full profile, or a profile file as declared (which the preflight completes). */
  readonly profile: LoadedProfile | ProfileFile;
  readonly catalog: Catalog;
  readonly embeddedReference?: boolean;
  readonly today?: string;
  /** Called once the profile is settled (after the preflight, if it ran), before the first check. */
  readonly onChecksStart?: (preflight: PreflightSummary | undefined) => void;
}

export async function runSession(options: SessionOptions): Promise<{ report: ConformanceReport; target: Target }> {
  const target = openTarget(options);
  try {
    // Tokens first (client credentials), then the preflight: both before any check.
    await target.authenticate();
    const { loaded, preflight } = await resolveProfile({ ...options, transport: target.transport, baseUrl: target.baseUrl });
    options.onChecksStart?.(preflight);
    const report = await runConformance({
      ...options,
      profile: loaded,
      transport: target.transport,
      credentials: target.credentials,
      redactor: target.redactor,
      target: { baseUrl: target.baseUrl, embeddedReference: options.embeddedReference === true, authStyle: target.authStyle },
      checks: options.catalog.checks,
      observers: options.catalog.observers,
      tool: TOOL,
      today: options.today ?? new Date().toISOString().slice(0, 10),
    });
    return { report: preflight ? { ...report, preflight } : report, target };
  } finally {
    await target.transport.close();
  }
}
