/**
 * From check outcomes to requirement outcomes, and from requirement outcomes to the verdict
 * and exit code of the run (the contract of architecture §7).
 */
import type { Coverage, Level, NotProven, Outcome, RequirementResult, Verdict } from '../core/report-model.js';
import { LEVELS, OUTCOMES } from '../core/report-model.js';

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
export function verdictOf(
  requirements: readonly RequirementResult[],
  gating: Level,
  coverage?: Coverage,
): { verdict: Verdict; exitCode: 0 | 1 | 3 } {
  const gated = requirements.filter((r) => gates(r.level, gating));
  if (gated.some((r) => r.status === 'fail')) return { verdict: 'non-conformant', exitCode: 1 };
  if (gated.some((r) => r.status === 'error')) return { verdict: 'inconclusive', exitCode: 3 };
  if (!requirements.some((r) => r.status === 'pass' || r.status === 'waived')) return { verdict: 'inconclusive', exitCode: 3 };
  // Nothing failed, but less was proven than the run was asked to prove: the verdict stays
  // what it is (the target broke nothing) and the exit code says the bar was missed.
  if (coverage?.required && !coverage.required.met) return { verdict: 'conformant', exitCode: 1 };
  return { verdict: 'conformant', exitCode: 0 };
}

/** Ids listed in a verdict reason before "and N more". */
const IDS_IN_REASON = 5;

function idList(requirements: readonly RequirementResult[]): string {
  const ids = requirements.map((r) => r.id);
  const more = ids.length > IDS_IN_REASON ? ` and ${ids.length - IDS_IN_REASON} more` : '';
  return `${ids.slice(0, IDS_IN_REASON).join(', ')}${more}`;
}

/**
 * The verdict's reason in one sentence, as `verdictOf` decided it: "2 requirements at or above
 * MUST failed: A, B", "3 MUST requirements could not be judged (error): …", "no requirement
 * could be judged", or what was proven.
 */
export function verdictReasonOf(requirements: readonly RequirementResult[], gating: Level, coverage: Coverage): string {
  const gated = requirements.filter((r) => gates(r.level, gating));
  const plural = (list: readonly unknown[]): string => (list.length === 1 ? 'requirement' : 'requirements');
  const failed = gated.filter((r) => r.status === 'fail');
  if (failed.length > 0) return `${failed.length} ${plural(failed)} at or above ${gating} failed: ${idList(failed)}`;
  const errored = gated.filter((r) => r.status === 'error');
  if (errored.length > 0)
    return `${errored.length} ${plural(errored)} at or above ${gating} could not be judged (error): ${idList(errored)}`;
  if (!requirements.some((r) => r.status === 'pass' || r.status === 'waived')) return 'no requirement could be judged';
  const proven = `${coverage.proven} of ${coverage.judged} requirements at or above ${gating} proven`;
  if (coverage.required && !coverage.required.met)
    return `nothing failed, but ${proven}: below --require-coverage ${coverage.required.percent}`;
  return `no requirement at or above ${gating} failed; ${proven}`;
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
export function coverageOf(requirements: readonly RequirementResult[], gating: Level, requiredPercent?: number): Coverage {
  const gated = requirements.filter((r) => gates(r.level, gating));
  const notProven = gated.filter((r) => r.status !== 'pass').map(notProvenOf);
  const proven = gated.length - notProven.length;
  // Rounded down, so that 74.99 % never reads as a 75 % bar cleared.
  const percent = gated.length === 0 ? 100 : Math.floor((proven * 1000) / gated.length) / 10;
  return {
    level: gating,
    judged: gated.length,
    proven,
    percent,
    ...(requiredPercent !== undefined
      ? { required: { percent: requiredPercent, met: proven * 100 >= requiredPercent * gated.length } }
      : {}),
    notProven,
  };
}

function notProvenOf(r: RequirementResult): NotProven {
  if (r.status === 'fail') return { id: r.id, status: r.status, reason: `failed: ${r.failures[0]?.title ?? 'see the failures'}` };
  if (r.status === 'waived') return { id: r.id, status: r.status, reason: `waived: ${r.waiver?.reason ?? ''}` };
  // A skip is explained by a skipped check that names what would unlock it, if one does.
  const unlocking =
    r.status === 'skip'
      ? r.checks.find((c) => c.status === 'skip' && (c.profileField !== undefined || c.environment !== undefined))
      : undefined;
  return {
    id: r.id,
    status: r.status,
    reason: unlocking ? `${unlocking.id}: ${unlocking.reason ?? ''}` : (r.reasons[0] ?? r.status),
    ...(unlocking?.profileField !== undefined ? { profileField: unlocking.profileField } : {}),
    ...(unlocking?.environment !== undefined ? { environment: unlocking.environment } : {}),
  };
}
