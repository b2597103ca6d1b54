/**
 * From what each requirement collected to its result: requirements in catalog order, each
 * combined from its checks, its failures grouped by cause, and waivers applied last (only to
 * failures, group by group: a requirement is waived when every cause of its failures is).
 */
import type { Dispute, FailureGroup, RequirementResult, Waiver, WaiverReport } from '../core/report-model.js';
import type { LoadedSpec } from '../contract/load.js';
import type { Collected } from './collect.js';
import { disputeText } from './dispute.js';
import { groupsInOrder } from './groups.js';
import { specRefLabels } from './spec-labels.js';
import { combine } from './verdict.js';
import { sortWaivers, type FailedRequirement } from './waivers.js';

export interface Judgement {
  readonly requirements: RequirementResult[];
  readonly waivers: WaiverReport;
}

function groupsOf(c: Collected): Omit<FailureGroup, 'waiver'>[] {
  return groupsInOrder(c.groups).map((g) => ({
    signature: g.signature,
    count: g.count,
    requests: g.requests.map((r) => r.url),
    failure: g.failure,
  }));
}

export function judgeRequirements(
  spec: LoadedSpec,
  collected: ReadonlyMap<string, Collected>,
  options: { readonly waivers?: readonly Waiver[]; readonly today: string },
): Judgement {
  const judged = spec.requirements.filter((r) => collected.has(r.id));
  const provisional = judged.map((r) => {
    const c = collected.get(r.id)!;
    if (c.checks.length === 0) c.reasons.push('no check of the selected suites proves this requirement');
    c.checks.sort((a, b) => a.id.localeCompare(b.id));
    return { requirement: r, collected: c, status: combine(c.checks.map((x) => x.status)), groups: groupsOf(c) };
  });
  const failed = new Map<string, FailedRequirement>(
    provisional
      .filter((p) => p.status === 'fail')
      .map((p) => [p.requirement.id, { groups: p.groups, ungrouped: p.collected.groups.ungrouped > 0 }]),
  );
  const { groupWaivers, waivedRequirements, ...waivers } = sortWaivers(
    options.waivers ?? [],
    { failed, known: new Set(spec.requirements.map((r) => r.id)), selected: new Set(judged.map((r) => r.id)) },
    options.today,
  );
  const disputes: Dispute[] = [];
  const requirements: RequirementResult[] = provisional.map(({ requirement: r, collected: c, status, groups }) => {
    // Only failed requirements are ever waived (sortWaivers sees no other).
    const waiver = waivedRequirements.get(r.id);
    const perGroup = groupWaivers.get(r.id) ?? [];
    const failureGroups: FailureGroup[] = groups.map((g, i) => (perGroup[i] ? { ...g, waiver: perGroup[i] } : g));
    const result: RequirementResult = {
      id: r.id,
      level: r.level,
      title: r.title,
      suite: r.suite,
      basis: r.basis,
      sources: r.sources,
      ...(r.evidence ? { evidence: r.evidence } : {}),
      specRefs: r.governs,
      specRefLabels: specRefLabels(spec, r.governs),
      status: waiver ? 'waived' : status,
      durationMs: c.checks.reduce((sum, check) => sum + check.durationMs, 0),
      checks: c.checks,
      failures: c.failures.map((f) => f.evidence),
      failureCount: c.failureCount,
      ...(failureGroups.length > 0 ? { failureGroups } : {}),
      ...(c.groups.ungrouped > 0 ? { ungroupedCount: c.groups.ungrouped } : {}),
      reasons: [...c.reasons].sort(),
      ...(waiver ? { waiver } : {}),
    };
    disputes.push(...disputesOf(result, failureGroups, waivers.applied));
    return result;
  });
  return { requirements, waivers: disputes.length > 0 ? { ...waivers, disputes } : waivers };
}

/** One ready-to-file text per disputed waiver applied to this requirement, from the first group it covers. */
function disputesOf(result: RequirementResult, groups: readonly FailureGroup[], applied: readonly Waiver[]): Dispute[] {
  return applied
    .filter((w) => w.kind === 'disputed' && w.requirement === result.id)
    .map((waiver) => {
      const group = groups.find((g) => g.waiver === waiver);
      return { waiver, requirement: result.id, text: disputeText(result, group, waiver) };
    });
}
