/**
 * The sentences every human-facing format says the same way: the verdict with how much of it
 * was proven, the dialect the target was judged in, and what stands behind a requirement.
 * The terminal summary, `summary.md` and `report.html` all take them from here.
 */
import { notProvenGroups } from '../coverage-text.js';
import { LEVELS } from '../../core/report-model.js';
import type { LocalDecision, Basis, ConformanceReport, Deviation, Level, RequirementResult } from '../../core/report-model.js';

/**
 * The banner's tone: a conformant run whose gating requirements were not all proven (skipped,
 * waived or errored below the verdict's reach) is `unproven`, shown amber rather than green.
 */
export type VerdictTone = 'conformant' | 'unproven' | 'non-conformant' | 'inconclusive';

export function verdictTone(report: ConformanceReport): VerdictTone {
  if (report.verdict === 'conformant' && report.coverage.notProven.length > 0) return 'unproven';
  return report.verdict;
}

const VERDICT_WORDS: Readonly<Record<ConformanceReport['verdict'], string>> = {
  conformant: 'Conformant',
  'non-conformant': 'Non-conformant',
  inconclusive: 'Inconclusive',
};

/** "Conformant", "Non-conformant" or "Inconclusive". */
export function verdictWord(report: ConformanceReport): string {
  return VERDICT_WORDS[report.verdict];
}

/** "MUST", "MUST or SHOULD", or "MUST, SHOULD or MAY": the levels the gate counts. */
export function gatedLevelsText(level: Level): string {
  const levels = LEVELS.slice(0, LEVELS.indexOf(level) + 1);
  return levels.length === 1 ? levels[0]! : `${levels.slice(0, -1).join(', ')} or ${levels[levels.length - 1]}`;
}

/**
 * "35 of 52 MUST requirements proven (67.3 %); 17 not proven (the profile lacks 5 fields; 1
 * identity is not configured)", or "all 52 MUST requirements proven"; and the
 * `--require-coverage` bar, when one was set.
 */
export function coverageSentence(report: ConformanceReport): string {
  const { judged, proven, notProven, level, percent, required } = report.coverage;
  const levels = gatedLevelsText(level);
  const bar = required ? `; ${required.met ? 'meets' : 'below'} --require-coverage ${required.percent}` : '';
  if (judged === 0) return `no ${levels} requirement was judged${bar}`;
  if (notProven.length === 0) return `all ${judged} ${levels} ${judged === 1 ? 'requirement' : 'requirements'} proven${bar}`;
  const groups = notProvenGroups(report.coverage);
  const fields = groups.filter((g) => g.kind === 'profile').length;
  const identities = groups.filter((g) => g.kind === 'environment').length;
  const why = [
    ...(fields > 0 ? [`the profile lacks ${fields} field${fields === 1 ? '' : 's'}`] : []),
    ...(identities > 0 ? [`${identities} identit${identities === 1 ? 'y is' : 'ies are'} not configured`] : []),
  ];
  return `${proven} of ${judged} ${levels} requirements proven (${percent} %); ${notProven.length} not proven${why.length > 0 ? ` (${why.join('; ')})` : ''}${bar}`;
}

/**
 * "The run stopped in the preflight: the target does not answer: …", the first line of what
 * stopped it; undefined for a run that went to its end.
 */
export function stoppedSentence(report: ConformanceReport): string | undefined {
  const aborted = report.aborted;
  if (!aborted) return undefined;
  return `The run stopped in the ${aborted.stage}: ${aborted.message.split('\n')[0]}`;
}

/** The verdict in one line: "Conformant: 35 of 52 MUST requirements proven; 17 not proven". */
export function verdictHeadline(report: ConformanceReport): string {
  return `${verdictWord(report)}: ${coverageSentence(report)}`;
}

/**
 * "dialect: canonical" or "dialect: 2 deviations from the canonical spec", and, when overlays
 * changed the spec outside its dialect knobs (a level, a schema: no evidenced alternative),
 * how many places, since such a run was judged against a different catalog.
 */
export function dialectHeadline(report: ConformanceReport): string {
  const count = report.dialect.deviations.length;
  const outside = report.dialect.changedOutsideKnobs.length;
  const head =
    count === 0 ? 'dialect: canonical' : `dialect: ${count} ${count === 1 ? 'deviation' : 'deviations'} from the canonical spec`;
  const decisions = report.dialect.localDecisions?.length ?? 0;
  const local =
    decisions === 0
      ? ''
      : `; ${decisions} local ${decisions === 1 ? 'decision' : 'decisions'} (declared by the user, not evidenced)`;
  return outside === 0
    ? `${head}${local}`
    : `${head}; the spec is also changed outside its knobs at ${outside} ${outside === 1 ? 'place' : 'places'} (${report.dialect.changedOutsideKnobs.slice(0, 3).join(', ')}${outside > 3 ? ', …' : ''})${local}`;
}

/** `declared by the user, not evidenced: $.paths… (staging.yaml action 0), touches RESP-BODY: <reason>`. */
export function localDecisionLine(decision: LocalDecision): string {
  const touches = decision.requirements.length > 0 ? `, touches ${decision.requirements.join(', ')}` : '';
  return `declared by the user, not evidenced: ${decision.target} (${decision.overlay} action ${decision.action}${touches}): ${decision.reason}`;
}

/** `x-ledger-pagination.offsetMeaning: "page-number" → "item-offset" (S7)`. */
export function deviationLine(deviation: Deviation): string {
  const sources = deviation.sources.length > 0 ? ` (${deviation.sources.join(', ')})` : '';
  return `${deviation.knob}: ${deviation.canonical} → ${deviation.value}${sources}`;
}

/** "overlays/a.yaml (sha256 0123456789ab), …", or undefined when the spec was used as written. */
export function overlaysText(report: ConformanceReport): string | undefined {
  if (report.spec.overlays.length === 0) return undefined;
  return report.spec.overlays.map((overlay) => `${overlay.name} (sha256 ${overlay.sha256.slice(0, 12)})`).join(', ');
}

export const BASIS_MEANING: Readonly<Record<Basis, string>> = {
  documented: "Capillary's documentation states it",
  observed: 'a published sample shows it, though no text states it',
  decided: 'public sources are silent or disagree; this project decided',
};

/** "documented: S1, SEED: Error codes", "decided: D4" or "decided" when no source is named. */
export function basisText(requirement: Pick<RequirementResult, 'basis' | 'sources'>): string {
  return requirement.sources.length > 0 ? `${requirement.basis}: ${requirement.sources.join(', ')}` : requirement.basis;
}
