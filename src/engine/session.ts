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
import type { Catalog, CatalogSource } from '../check/check.js';
import { SuiteError } from '../core/errors.js';
import { runConformance, type RunOptions } from './run.js';
import { reportOfStoppedRun, withQueueStop, type RunStage } from './stopped.js';
import { TOOL, openTarget, type Target, type TargetOptions } from './target.js';

export interface SessionOptions
  extends
    Omit<RunOptions, 'transport' | 'credentials' | 'target' | 'checks' | 'observers' | 'redactor' | 'tool' | 'today' | 'profile'>,
    Omit<TargetOptions, 'spec'>,
    Pick<ProfileResolution, 'preflight' | 'credentialSource' | 'onPreflightProgress'> {
  /** A full profile, or a profile file as declared (which the preflight completes). */
  readonly profile: LoadedProfile | ProfileFile;
  /** The checks and observers, or how to load them: asked for as the preflight starts, so that they load while it waits for answers. */
  readonly catalog: CatalogSource;
  readonly embeddedReference?: boolean;
  readonly today?: string;
  /** Called once the profile is settled (after the preflight, if it ran), before the first check. */
  readonly onChecksStart?: (preflight: PreflightSummary | undefined) => void;
  /**
   * A suite error before the first check (credentials refused, a target that does not answer,
   * a profile it contradicts, Ctrl-C…) ends the run with a report that says so, instead of
   * being thrown: what `run` does, so that every run that starts leaves its reports.
   * @default false
   */
  readonly reportStops?: boolean;
}

export async function runSession(options: SessionOptions): Promise<{ report: ConformanceReport; target: Target }> {
  const target = openTarget(options);
  const started = Date.now();
  const catalog = catalogLoader(options.catalog);
  let stage: RunStage = 'authentication';
  try {
    // Tokens first (client credentials), then the preflight: both before any check.
    await target.authenticate();
    stage = 'preflight';
    const resolving = resolveProfile({ ...options, transport: target.transport, baseUrl: target.baseUrl });
    // The catalog loads while the preflight waits for its first answers (asked for after the
    // preflight's first request is queued: measured, it does not delay that request).
    void catalog().catch(() => undefined);
    const { loaded, preflight } = await resolving;
    const { checks, observers } = await catalog();
    stage = 'checks';
    options.onChecksStart?.(preflight);
    const report = await runConformance({
      ...options,
      profile: loaded,
      transport: target.transport,
      credentials: target.credentials,
      redactor: target.redactor,
      target: targetFacts(options, target),
      checks,
      observers,
      tool: TOOL,
      today: options.today ?? new Date().toISOString().slice(0, 10),
    });
    const stopped = withQueueStop(report, target.transport.stopped());
    return { report: preflight ? { ...stopped, preflight } : stopped, target };
  } catch (error) {
    if (options.reportStops !== true || !(error instanceof SuiteError) || stage === 'checks') throw error;
    const { checks, observers } = await catalog();
    const report = reportOfStoppedRun(
      {
        ...options,
        target: targetFacts(options, target),
        checks,
        observers,
        tool: TOOL,
        today: options.today ?? new Date().toISOString().slice(0, 10),
      },
      { started, requests: target.transport.stats() },
      error,
      stage,
    );
    return { report, target };
  } finally {
    await target.transport.close();
  }
}

function targetFacts(options: SessionOptions, target: Target): RunOptions['target'] {
  return { baseUrl: target.baseUrl, embeddedReference: options.embeddedReference === true, authStyle: target.authStyle };
}

/** The catalog, loaded once, the first time it is asked for. */
function catalogLoader(source: CatalogSource): () => Promise<Catalog> {
  let loaded: Promise<Catalog> | undefined;
  return () => (loaded ??= typeof source === 'function' ? source() : Promise.resolve(source));
}
