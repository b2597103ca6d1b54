/**
 * From what each requirement collected to its result: requirements in catalog order, each
 * combined from its checks, and waivers applied last (only to failures).
 */
import type { RequirementResult, Waiver, WaiverReport } from '../core/report-model.js';
import type { LoadedSpec } from '../contract/load.js';
import type { Collected } from './collect.js';
import { specRefLabels } from './spec-labels.js';
import { combine } from './verdict.js';
import { sortWaivers } from './waivers.js';

export interface Judgement {
  readonly requirements: RequirementResult[];
  readonly waivers: WaiverReport;
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
    return { requirement: r, collected: c, status: combine(c.checks.map((x) => x.status)) };
  });
  const { appliedTo, ...waivers } = sortWaivers(
    options.waivers ?? [],
    {
      failed: new Set(provisional.filter((p) => p.status === 'fail').map((p) => p.requirement.id)),
      known: new Set(spec.requirements.map((r) => r.id)),
      selected: new Set(judged.map((r) => r.id)),
    },
    options.today,
  );
  const requirements: RequirementResult[] = provisional.map(({ requirement: r, collected: c, status }) => {
    const waiver = status === 'fail' ? appliedTo.get(r.id) : undefined;
    return {
      id: r.id,
      level: r.level,
      title: r.title,
      suite: r.suite,
      basis: r.basis,
      sources: r.sources,
      specRefs: r.governs,
      specRefLabels: specRefLabels(spec, r.governs),
      status: waiver ? 'waived' : status,
      durationMs: c.checks.reduce((sum, check) => sum + check.durationMs, 0),
      checks: c.checks,
      failures: c.failures.map((f) => f.evidence),
      failureCount: c.failureCount,
      reasons: [...c.reasons].sort(),
      ...(waiver ? { waiver } : {}),
    };
  });
  return { requirements, waivers };
}
