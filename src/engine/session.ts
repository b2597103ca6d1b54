/**
 * One run from start to end: open the target, run the catalog, close the target. The command
 * line, the self-test and the project's tests all come through here.
 */
import type { LoadedProfile } from '../profile/load.js';
import type { ConformanceReport } from '../report/model.js';
import { CHECKS, OBSERVERS } from '../../suites/index.js';
import type { CheckDefinition, ObserverDefinition } from './check.js';
import { runConformance, type RunOptions } from './run.js';
import { TOOL, openTarget, type Target, type TargetOptions } from './target.js';

export interface SessionOptions
  extends Omit<RunOptions, 'transport' | 'credentials' | 'target' | 'checks' | 'observers' | 'redactor' | 'tool' | 'today' | 'profile'>,
    Omit<TargetOptions, 'spec'> {
  readonly profile: LoadedProfile;
  readonly embeddedReference?: boolean;
  /** The catalog; the suites' own unless a test narrows it. */
  readonly checks?: readonly CheckDefinition[];
  readonly observers?: readonly ObserverDefinition[];
  readonly today?: string;
}

export async function runSession(options: SessionOptions): Promise<{ report: ConformanceReport; target: Target }> {
  const target = openTarget(options);
  try {
    await target.authenticate();
    const report = await runConformance({
      ...options,
      transport: target.transport,
      credentials: target.credentials,
      redactor: target.redactor,
      target: { baseUrl: target.baseUrl, embeddedReference: options.embeddedReference === true, authStyle: target.authStyle },
      checks: options.checks ?? CHECKS,
      observers: options.observers ?? OBSERVERS,
      tool: TOOL,
      today: options.today ?? new Date().toISOString().slice(0, 10),
    });
    return { report, target };
  } finally {
    await target.transport.close();
  }
}
