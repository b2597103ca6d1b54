/**
 * One run from start to end: open the target, run the catalog, close the target. The command
 * line, the self-test and the project's tests all come through here.
 */
import type { TargetSecrets } from '../http/credentials.js';
import type { LoadedProfile } from '../profile/load.js';
import type { ConformanceReport } from '../report/model.js';
import { CHECKS, OBSERVERS } from '../../suites/index.js';
import type { CheckDefinition, ObserverDefinition } from './check.js';
import { runConformance, type RunOptions } from './run.js';
import { TOOL, openTarget, type Destination, type Target } from './target.js';

export interface SessionOptions
  extends Omit<RunOptions, 'transport' | 'credentials' | 'target' | 'checks' | 'observers' | 'redactor' | 'tool' | 'today' | 'profile'> {
  readonly profile: LoadedProfile;
  readonly destination: Destination;
  readonly secrets: TargetSecrets;
  readonly embeddedReference?: boolean;
  readonly requestTimeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly concurrency?: number;
  readonly ratePerSecond?: number;
  readonly runDeadline?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The catalog; the suites' own unless a test narrows it. */
  readonly checks?: readonly CheckDefinition[];
  readonly observers?: readonly ObserverDefinition[];
  readonly today?: string;
  /** Called once the target is open (the caller may add secrets the report must not show). */
  readonly onTarget?: (target: Target) => void;
}

export async function runSession(options: SessionOptions): Promise<{ report: ConformanceReport; target: Target }> {
  const target = openTarget({
    spec: options.spec,
    destination: options.destination,
    secrets: options.secrets,
    ...(options.insecure !== undefined ? { insecure: options.insecure } : {}),
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.ratePerSecond !== undefined ? { ratePerSecond: options.ratePerSecond } : {}),
    ...(options.runDeadline !== undefined ? { runDeadline: options.runDeadline } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
  });
  options.onTarget?.(target);
  try {
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
