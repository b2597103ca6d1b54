/**
 * Which tests a file registers, known before any request: vitest collects a file's tests
 * before it runs any of them, so the list comes from the spec and the catalog alone, selected
 * the way the engine will select them (`--suite`, `--requirement`).
 */
import type { Catalog } from '../check/check.js';
import type { LoadedSpec } from '../contract/load.js';
import type { Level } from '../core/report-model.js';
import { selectDefinitions } from '../engine/select.js';

export interface PlannedRequirement {
  readonly id: string;
  readonly level: Level;
  readonly title: string;
}

export interface PlannedSuite {
  readonly name: string;
  /** In the spec's catalog order. */
  readonly requirements: readonly PlannedRequirement[];
}

/** The requirements the run will report, grouped by their suite, suites in the order of their first requirement. */
export function plannedSuites(
  spec: LoadedSpec,
  catalog: Catalog,
  filter: { readonly suites?: readonly string[]; readonly requirements?: readonly string[] },
): PlannedSuite[] {
  const { requirementIds } = selectDefinitions({ ...catalog, ...filter });
  const suites = new Map<string, PlannedRequirement[]>();
  for (const requirement of spec.requirements) {
    if (!requirementIds.has(requirement.id)) continue;
    const members = suites.get(requirement.suite) ?? [];
    members.push({ id: requirement.id, level: requirement.level, title: requirement.title });
    suites.set(requirement.suite, members);
  }
  return [...suites].map(([name, requirements]) => ({ name, requirements }));
}

/** The name of a requirement's test: what `-t` matches (`-t ERR-8015`). */
export function testName(requirement: PlannedRequirement): string {
  return `${requirement.id} ${requirement.title}`;
}
