/**
 * A local decision may describe what the evidence does not, but never a fault away: for every
 * fault of the self-test catalog that trips a requirement the decision touches, the reference
 * with that fault planted (built from the spec without the decisions) is judged under the spec
 * with them. A fault caught without the decisions and missed with them refuses the decision,
 * naming the fault (exit 2).
 */
import { buildCatalog } from '../../suites/index.js';
import { FileInvalidError } from '../core/errors.js';
import type { LocalDecision } from '../core/report-model.js';
import { loadEffectiveSpec, type LoadedSpec, type SpecSource } from '../contract/load.js';
import { buildFaults } from './index.js';
import { judgeOnce, type Judgement } from './selftest.js';
import type { Fault } from './fault.js';

/** The seed the check runs under: one dataset and one run, as `selftest --seeds 1` would. */
const CHECK_SEED = 1;
/** Fuzz runs per property while checking: enough for the fuzz faults the decisions may touch. */
const CHECK_FUZZ_RUNS = 100;

export interface HiddenFault {
  readonly decision: LocalDecision;
  readonly fault: Fault;
  /** Requirements the fault trips that fail without the decisions and pass with them. */
  readonly passing: readonly string[];
}

/** The faults the run's local decisions would hide (empty when there are no decisions, or they hide nothing). */
export async function faultsHiddenBy(spec: LoadedSpec, source: SpecSource): Promise<HiddenFault[]> {
  const decisions = spec.dialect.localDecisions ?? [];
  if (decisions.length === 0) return [];
  const evidenced = loadEffectiveSpec({ ...source, withoutLocalDecisions: true });
  const touched = new Set(decisions.flatMap((d) => d.requirements));
  const candidates = buildFaults(evidenced).filter(
    (f) => f.trips.some((id) => touched.has(id)) && f.notApplicable?.(evidenced) === undefined,
  );
  const underDecisions = buildCatalog(spec);
  const underEvidence = buildCatalog(evidenced);
  const hidden: HiddenFault[] = [];
  for (const fault of candidates) {
    const judge = (judgeSpec: LoadedSpec, catalog: ReturnType<typeof buildCatalog>): Promise<Judgement> =>
      judgeOnce(judgeSpec, catalog, fault, CHECK_SEED, CHECK_FUZZ_RUNS, false, evidenced);
    const withDecisions = await judge(spec, underDecisions);
    const missed = fault.trips.filter((id) => touched.has(id) && !withDecisions.failed.includes(id));
    if (missed.length === 0) continue;
    const withoutDecisions = await judge(evidenced, underEvidence);
    const passing = missed.filter((id) => withoutDecisions.failed.includes(id));
    if (passing.length === 0) continue;
    const decision = decisions.find((d) => d.requirements.some((id) => passing.includes(id)))!;
    hidden.push({ decision, fault, passing });
  }
  return hidden;
}

/** Refuses the run when a local decision hides a fault: the overlay, the action and the fault named. */
export async function refuseFaultHidingDecisions(spec: LoadedSpec, source: SpecSource): Promise<void> {
  const hidden = await faultsHiddenBy(spec, source);
  if (hidden.length === 0) return;
  const byOverlay = new Map<string, HiddenFault[]>();
  for (const h of hidden) byOverlay.set(h.decision.overlay, [...(byOverlay.get(h.decision.overlay) ?? []), h]);
  const [file, list] = [...byOverlay.entries()][0]!;
  throw new FileInvalidError(
    file,
    list.map((h) => ({
      pointer: `/actions/${h.decision.action}/x-local-decision`,
      rule: `this local decision would make the self-test fault ${h.fault.id} ("${h.fault.title}") pass: ${h.passing.join(', ')} no longer fail against it. A local decision may describe what the evidence does not show, never a planted fault away`,
    })),
  );
}
