/**
 * Skipped requirements grouped by why they were skipped, so a reader sees "5 need an OAuth
 * token" rather than five lines: by the profile field or identity that would unlock them when
 * the check names one, else by the reason text.
 */
import type { RequirementResult } from '../../core/report-model.js';

export interface SkipGroup {
  /** What the requirements in this group are waiting for, in words. */
  readonly reason: string;
  /** In catalog order. */
  readonly requirements: readonly RequirementResult[];
}

/** The skipped requirements grouped by cause: largest group first, ties in catalog order. */
export function skipGroups(requirements: readonly RequirementResult[]): SkipGroup[] {
  const groups = new Map<string, RequirementResult[]>();
  for (const requirement of requirements) {
    if (requirement.status !== 'skip') continue;
    const cause = skipCause(requirement);
    const members = groups.get(cause) ?? [];
    members.push(requirement);
    groups.set(cause, members);
  }
  // Map iteration keeps first appearance; the stable sort keeps it among groups of equal size.
  return [...groups]
    .map(([reason, members]) => ({ reason, requirements: members }))
    .sort((a, b) => b.requirements.length - a.requirements.length);
}

/**
 * Why one requirement was skipped. The engine prefixes each reason with the check that gave it
 * (`auth/oauth-token: no OAuth token is configured …`); the prefix is dropped so that checks
 * waiting for the same thing fall into one group.
 */
export function skipCause(requirement: RequirementResult): string {
  // A skip that names what would unlock it (a profile field, an identity) groups by that.
  const unlock = requirement.checks.find(
    (check) => check.status === 'skip' && (check.profileField !== undefined || check.environment !== undefined),
  );
  // With the check's own words: "lacks /customers/*/events" alone hides that 11 are needed.
  const exactly = unlock?.reason !== undefined ? `: ${unlock.reason}` : '';
  if (unlock?.profileField !== undefined) return `the profile lacks ${unlock.profileField}${exactly}`;
  if (unlock?.environment !== undefined) return `no credentials in ${unlock.environment}`;
  const checkIds = requirement.checks.map((check) => check.id);
  const causes = requirement.reasons.map((reason) => {
    const prefix = checkIds.find((id) => reason.startsWith(`${id}: `));
    return prefix ? reason.slice(prefix.length + 2) : reason;
  });
  return [...new Set(causes)].join('; ') || 'no reason recorded';
}
