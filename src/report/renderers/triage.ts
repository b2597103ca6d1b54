/**
 * The triage texts every renderer shares: what a requirement rests on (its quotes and samples),
 * the causes of its failures (groups by signature, with counts and the waiver of each), and the
 * waivers by kind. Plain text; each renderer escapes it for its format.
 */
import type { FailureGroup, RequirementResult, Waiver } from '../../core/report-model.js';
import { evidenceLine, signatureText } from '../../core/triage-text.js';

export { evidenceLine, signatureText };

/** `S1: "…"` for each piece of evidence; empty when the spec quotes nothing for the requirement. */
export function restsOnLines(requirement: RequirementResult): string[] {
  return (requirement.evidence ?? []).map(evidenceLine);
}

/** "54 failures, 2 causes" (or "1 failure"). */
export function causesHeadline(requirement: RequirementResult): string {
  const groups = requirement.failureGroups ?? [];
  const failures = `${requirement.failureCount} ${requirement.failureCount === 1 ? 'failure' : 'failures'}`;
  if (groups.length === 0) return failures;
  const beyond = requirement.ungroupedCount ? ` (+${requirement.ungroupedCount} past the bound on causes)` : '';
  return `${failures}, ${groups.length} ${groups.length === 1 ? 'cause' : 'causes'}${beyond}`;
}

/** `known-defect by QA team, until 2027-01-31: reason`. */
export function waiverText(waiver: Waiver): string {
  return `${waiver.kind ?? 'known-defect'}${waiver.owner !== undefined ? ` by ${waiver.owner}` : ''}, until ${waiver.expires}: ${waiver.reason}`;
}

/** `12× status 400, code 11014 — <title>` and, when waived, the waiver. */
export function groupLine(group: FailureGroup): string {
  const waived = group.waiver ? ` [waived, ${waiverText(group.waiver)}]` : '';
  return `${group.count}× ${group.signature.check}: ${signatureText(group.signature)} — ${group.failure.title}${waived}`;
}

/** The narrowing of a waiver, e.g. `check schema/body-conformance, code 9999`, or `the whole requirement`. */
export function waiverScope(waiver: Waiver): string {
  const parts = [
    ...(waiver.check !== undefined ? [`check ${waiver.check}`] : []),
    ...(waiver.status !== undefined ? [`status ${waiver.status}`] : []),
    ...(waiver.code !== undefined ? [`code ${waiver.code}`] : []),
    ...(waiver.pointer !== undefined ? [`at ${waiver.pointer}`] : []),
    ...(waiver.request !== undefined ? [`requests matching /${waiver.request}/`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'the whole requirement';
}

/** The waivers a run applied, known defects and disputed apart. */
export function appliedByKind(applied: readonly Waiver[]): { knownDefects: Waiver[]; disputed: Waiver[] } {
  return {
    knownDefects: applied.filter((w) => w.kind !== 'disputed'),
    disputed: applied.filter((w) => w.kind === 'disputed'),
  };
}
