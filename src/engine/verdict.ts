/**
 * From check outcomes to requirement outcomes, and from requirement outcomes to the verdict
 * and exit code of the run (the contract of architecture §7).
 */
import type { Coverage, Level, Outcome, RequirementResult, Verdict } from '../report/model.js';
import { LEVELS, OUTCOMES } from '../report/model.js';

type CheckStatus = Exclude<Outcome, 'waived'>;

/** A requirement fails if any of its checks failed; else errs if any erred; passes if any passed. */
export function combine(statuses: readonly CheckStatus[]): CheckStatus {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('pass')) return 'pass';
  return 'skip';
}

const RANK: Readonly<Record<Level, number>> = { MUST: 3, SHOULD: 2, MAY: 1 };

/** Whether a requirement of `level` counts toward a run gated at `gating`. */
export function gates(level: Level, gating: Level): boolean {
  return RANK[level] >= RANK[gating];
}

/**
 * - non-conformant (1): a requirement at or above the gating level failed (and no waiver covers it)
 * - inconclusive (3): none failed, but one at or above the gating level could not be judged
 *   (error), or nothing at all could be judged
 * - conformant (0): otherwise
 */
export function verdictOf(requirements: readonly RequirementResult[], gating: Level): { verdict: Verdict; exitCode: 0 | 1 | 3 } {
  const gated = requirements.filter((r) => gates(r.level, gating));
  if (gated.some((r) => r.status === 'fail')) return { verdict: 'non-conformant', exitCode: 1 };
  if (gated.some((r) => r.status === 'error')) return { verdict: 'inconclusive', exitCode: 3 };
  if (!requirements.some((r) => r.status === 'pass' || r.status === 'waived')) return { verdict: 'inconclusive', exitCode: 3 };
  return { verdict: 'conformant', exitCode: 0 };
}

export function countsOf(requirements: readonly RequirementResult[]): {
  byOutcome: Record<Outcome, number>;
  byLevel: Record<Level, Record<Outcome, number>>;
} {
  const zero = (): Record<Outcome, number> => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byOutcome = zero();
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, zero()])) as Record<Level, Record<Outcome, number>>;
  for (const r of requirements) {
    byOutcome[r.status] += 1;
    byLevel[r.level][r.status] += 1;
  }
  return { byOutcome, byLevel };
}

/**
 * What the verdict rests on: of the requirements at or above the gating level, how many passed,
 * and why each of the others did not. "Nothing failed" over a run that proved little is not
 * the same news as "everything was proven".
 */
export function coverageOf(requirements: readonly RequirementResult[], gating: Level): Coverage {
  const gated = requirements.filter((r) => gates(r.level, gating));
  const reasonOf = (r: RequirementResult): string => {
    if (r.status === 'fail') return `failed: ${r.failures[0]?.title ?? 'see the failures'}`;
    if (r.status === 'waived') return `waived: ${r.waiver?.reason ?? ''}`;
    return r.reasons[0] ?? r.status;
  };
  return {
    level: gating,
    judged: gated.length,
    proven: gated.filter((r) => r.status === 'pass').length,
    notProven: gated.filter((r) => r.status !== 'pass').map((r) => ({ id: r.id, status: r.status, reason: reasonOf(r) })),
  };
}
