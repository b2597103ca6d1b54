/**
 * A hand-built requirement result for tests of what is computed from results (the verdict,
 * coverage, merge): every field a report carries, with `extra` overriding any of them.
 */
import type { Level, Outcome, RequirementResult } from '../../src/core/report-model.js';

export function requirementResult(
  id: string,
  status: Outcome,
  level: Level = 'MUST',
  extra: Partial<RequirementResult> = {},
): RequirementResult {
  return {
    id,
    level,
    title: id,
    suite: 'suite',
    basis: 'decided',
    sources: [],
    specRefs: [],
    specRefLabels: [],
    status,
    durationMs: 1,
    checks: [],
    failures: [],
    failureCount: 0,
    reasons: [],
    ...extra,
  };
}
