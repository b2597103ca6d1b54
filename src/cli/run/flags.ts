/** The options of `ledger-conformance run`, as commander hands them to the command. */
import type { Shard } from '../../engine/shard.js';
import type { Level } from '../../core/report-model.js';
import type { ReportFormat } from '../../report/formats.js';
import type { SpecFlags } from '../options.js';
import type { TargetFlags } from '../target-setup.js';

export interface RunFlags extends SpecFlags, TargetFlags {
  seed?: number;
  seeds?: number;
  fuzzRuns: number;
  suite?: string[];
  requirement?: string[];
  level: Level;
  concurrency: number;
  rate?: number;
  timeout: number;
  runTimeout: number;
  maxResponseBytes: number;
  insecure?: boolean;
  waivers?: string;
  reportDir: string;
  format: ReportFormat[];
  auth?: 'basic' | 'oauth-token' | 'none';
  user?: string;
  quiet?: boolean;
  transcript?: string;
  preflight: boolean;
  requireCoverage?: number;
  shard?: Shard;
  baseline?: string;
  oauthTokenUrl?: string;
}
