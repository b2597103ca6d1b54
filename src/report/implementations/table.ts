/**
 * The implementations table (`merge --table`): one row per requirement, one column per target
 * (a cluster, a vendor's mock, a release), the outcome in each cell. It is what graphql-http
 * publishes for the servers it audits, and what a vendor links to.
 */
import { inCatalogOrder } from '../catalog-order.js';
import type { ConformanceReport, Level, Outcome, RequirementResult, Verdict } from '../../core/report-model.js';

/** One target's run, as a column header shows it. */
export interface ImplementationColumn {
  /** The name given to the target (its report folder). */
  readonly label: string;
  readonly baseUrl: string;
  readonly verdict: Verdict;
  readonly specSha256: string;
  /** Knobs where the target's effective spec departs from the canonical one; 0 for the canonical dialect. */
  readonly deviations: number;
  /** The day the run started, YYYY-MM-DD (UTC). */
  readonly date: string;
  readonly toolVersion: string;
  readonly passed: number;
  readonly judged: number;
}

export interface ImplementationRow {
  readonly id: string;
  readonly level: Level;
  readonly title: string;
  /** In column order; undefined where that run did not judge the requirement. */
  readonly cells: readonly (Outcome | undefined)[];
}

export interface ImplementationsTable {
  /** The spec title and version of the first target (a column with another sha says so). */
  readonly spec: { readonly title: string; readonly version: string };
  readonly columns: readonly ImplementationColumn[];
  readonly rows: readonly ImplementationRow[];
}

/** Builds the table; rows follow `catalogOrder`, requirements it lacks follow, as first seen. */
export function buildImplementationsTable(
  targets: readonly { readonly label: string; readonly report: ConformanceReport }[],
  catalogOrder: readonly string[],
): ImplementationsTable {
  const first = targets[0]?.report;
  const known = new Map<string, RequirementResult>();
  for (const { report } of targets) for (const r of report.requirements) if (!known.has(r.id)) known.set(r.id, r);
  const ids = inCatalogOrder([...known.keys()], catalogOrder);
  return {
    spec: { title: first?.spec.title ?? '', version: first?.spec.version ?? '' },
    columns: targets.map(({ label, report }) => ({
      label,
      baseUrl: report.target.baseUrl,
      verdict: report.verdict,
      specSha256: report.spec.sha256,
      deviations: report.dialect.deviations.length,
      date: report.run.startedAt.slice(0, 10),
      toolVersion: report.tool.version,
      passed: report.counts.byOutcome.pass,
      judged: report.requirements.length,
    })),
    rows: ids.map((id) => {
      const requirement = known.get(id)!;
      return {
        id,
        level: requirement.level,
        title: requirement.title,
        cells: targets.map(({ report }) => report.requirements.find((r) => r.id === id)?.status),
      };
    }),
  };
}

/** "canonical" or "3 deviations": the dialect as a header shows it. */
export function dialectText(deviations: number): string {
  return deviations === 0 ? 'canonical' : `${deviations} ${deviations === 1 ? 'deviation' : 'deviations'}`;
}
