/** The report model of a run, assembled from its settings, its judgement and the transport's counts. */
import type { AuthStyle } from '../http/types.js';
import type { ConformanceReport, FuzzSummary, Level, Shard } from '../core/report-model.js';
import type { LoadedSpec } from '../contract/load.js';
import type { Judgement } from './judge.js';
import type { Selection } from './select.js';
import { countsOf, coverageOf, verdictOf, verdictReasonOf } from './verdict.js';

export interface RunFacts {
  readonly spec: LoadedSpec;
  readonly profile: { readonly name: string; readonly sha256: string };
  readonly target: { readonly baseUrl: string; readonly embeddedReference: boolean; readonly authStyle: AuthStyle };
  readonly tool: { readonly name: string; readonly version: string };
  readonly seed: number;
  readonly fuzzRuns: number;
  readonly gatingLevel: Level;
  readonly requiredCoverage?: number;
  readonly shard?: Shard;
  /** When the run started (epoch milliseconds). */
  readonly started: number;
  readonly requests: {
    readonly total: number;
    readonly retried: number;
    readonly transportErrors: number;
    readonly throttled?: number;
  };
  readonly fuzzProperties: readonly FuzzSummary['properties'][number][];
}

export function assembleReport(facts: RunFacts, selection: Selection, judgement: Judgement): ConformanceReport {
  const { spec } = facts;
  const { requirements } = judgement;
  const coverage = coverageOf(requirements, facts.gatingLevel, facts.requiredCoverage);
  const { verdict, exitCode } = verdictOf(requirements, facts.gatingLevel, coverage);
  return {
    reportVersion: 1,
    tool: facts.tool,
    spec: {
      title: spec.title,
      version: spec.version,
      sha256: spec.sha256,
      path: spec.displayPath,
      overlays: spec.overlays,
      effectiveSha256: spec.effectiveSha256,
    },
    dialect: spec.dialect,
    target: {
      baseUrl: facts.target.baseUrl,
      embeddedReference: facts.target.embeddedReference,
      authStyle: facts.target.authStyle,
    },
    profile: { name: facts.profile.name, sha256: facts.profile.sha256 },
    run: {
      seed: facts.seed,
      fuzzRuns: facts.fuzzRuns,
      gatingLevel: facts.gatingLevel,
      suites: [...selection.suites],
      requirementFilter: [...selection.wanted].sort(),
      startedAt: new Date(facts.started).toISOString(),
      durationMs: Date.now() - facts.started,
      requests: {
        total: facts.requests.total,
        retried: facts.requests.retried,
        transportErrors: facts.requests.transportErrors,
        ...(facts.requests.throttled ? { throttled: facts.requests.throttled } : {}),
      },
      ...(facts.shard ? { shard: facts.shard } : {}),
    },
    verdict,
    verdictReason: verdictReasonOf(requirements, facts.gatingLevel, coverage),
    exitCode,
    counts: countsOf(requirements),
    coverage,
    requirements,
    waivers: judgement.waivers,
    ...(facts.fuzzProperties.length > 0
      ? {
          fuzz: {
            seed: facts.seed,
            runs: facts.fuzzRuns,
            properties: [...facts.fuzzProperties].sort(
              (a, b) => a.requirement.localeCompare(b.requirement) || a.name.localeCompare(b.name),
            ),
          },
        }
      : {}),
  };
}
