/**
 * Joins the shard reports of one run (`run --shard i/n`) into the report of the whole run: the
 * same requirements, outcomes and verdict as the unsharded run with the same seed (each check
 * ran whole in one shard; fuzz properties and observers ran in every shard on a share of the
 * cases and answers, so their outcomes are combined as the engine combines checks).
 */
import { FileInvalidError, UsageError } from '../core/errors.js';
import { combine, countsOf, coverageOf, verdictOf, verdictReasonOf } from '../engine/verdict.js';
import { KEPT_FAILURES } from '../engine/run.js';
import { KEPT_GROUP_REQUESTS } from '../engine/groups.js';
import type {
  FailureGroup,
  CheckResult,
  ConformanceReport,
  FailureEvidence,
  FuzzSummary,
  RequirementResult,
  Waiver,
  WaiverReport,
} from '../core/report-model.js';
import { inCatalogOrder } from './catalog-order.js';
import type { ReportFile } from './read.js';

/** What makes two reports parts of the same run: each pair of values must be equal. */
export const SAME_RUN: readonly {
  readonly pointer: string;
  readonly what: string;
  readonly of: (r: ConformanceReport) => unknown;
}[] = [
  { pointer: '/run/seed', what: 'seed', of: (r) => r.run.seed },
  { pointer: '/spec/effectiveSha256', what: 'spec sha256', of: (r) => r.spec.effectiveSha256 },
  // The embedded reference listens on a new port in every job; its profile says which dataset it served.
  {
    pointer: '/target/baseUrl',
    what: 'target',
    of: (r) => (r.target.embeddedReference ? 'the embedded reference' : r.target.baseUrl),
  },
  { pointer: '/run/shard/total', what: 'shard total', of: (r) => r.run.shard?.total },
  { pointer: '/tool/version', what: 'tool version (it decides the split)', of: (r) => r.tool.version },
  { pointer: '/profile/sha256', what: 'profile', of: (r) => r.profile.sha256 },
  { pointer: '/run/fuzzRuns', what: 'fuzz runs', of: (r) => r.run.fuzzRuns },
  { pointer: '/run/gatingLevel', what: 'gating level', of: (r) => r.run.gatingLevel },
  {
    pointer: '/run/suites',
    what: 'suites',
    // Stryker disable next-line StringLiteral: equivalent, joined with '' two lists are equal just as often: no suite name is a prefix of another, so a concatenation splits one way only
    of: (r) => r.run.suites.join(','),
  },
  {
    pointer: '/run/requirementFilter',
    what: 'requirement filter',
    // Stryker disable next-line StringLiteral: equivalent, joined with '' two lists are equal just as often: where an id is a prefix of another (ERR-8013, ERR-8013-TYPE) the rest starts with '-', as no id does, so a concatenation splits one way only
    of: (r) => r.run.requirementFilter.join(','),
  },
];

/**
 * Refuses reports that are not the n shards of one run: a value that differs (seed, spec,
 * target, shard total, …), a shard given twice, a shard missing, or a report of a whole run.
 */
export function assertShardsOfOneRun(files: readonly ReportFile[]): void {
  const [first, ...others] = files;
  if (first === undefined) throw new UsageError('merge', 'needs at least one report');
  for (const other of others) {
    for (const field of SAME_RUN) {
      const a = field.of(first.report);
      const b = field.of(other.report);
      if (a !== b) {
        throw new FileInvalidError(other.file, {
          pointer: field.pointer,
          rule: `${field.what} ${show(b)} differs from ${show(a)} in ${first.file}: shards of different runs cannot be merged`,
        });
      }
    }
  }
  const total = first.report.run.shard?.total;
  if (total === undefined) {
    if (files.length === 1) return;
    throw new FileInvalidError(first.file, {
      pointer: '/run',
      rule: 'is the report of a whole run (no shard): only the shards of one run can be merged (use --table to compare runs)',
    });
  }
  const byIndex = new Map<number, string>();
  for (const { file, report } of files) {
    const index = report.run.shard!.index;
    const earlier = byIndex.get(index);
    if (earlier !== undefined)
      throw new FileInvalidError(file, { pointer: '/run/shard/index', rule: `shard ${index}/${total} is also ${earlier}` });
    byIndex.set(index, file);
  }
  const missing = Array.from({ length: total }, (_, k) => k + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0)
    throw new UsageError(
      'merge',
      `shard ${missing.map((i) => `${i}/${total}`).join(', ')} missing: every shard of the run is needed (given: ${[...byIndex.keys()].sort((a, b) => a - b).join(', ')})`,
    );
}

/**
 * The report of the whole run from its shards (already checked by `assertShardsOfOneRun`).
 * `catalogOrder` lists requirement ids in the spec's order; ids it lacks follow, as first seen.
 */
export function mergeShards(files: readonly ReportFile[], catalogOrder: readonly string[]): ConformanceReport {
  const reports = files.map((f) => f.report).sort((a, b) => (a.run.shard?.index ?? 0) - (b.run.shard?.index ?? 0));
  const first = reports[0]!;
  const ids = inCatalogOrder(
    reports.flatMap((r) => r.requirements.map((q) => q.id)),
    catalogOrder,
  );
  const waivers = mergeWaivers(reports.map((r) => r.waivers));
  const requirements = ids.map((id) => mergeRequirement(reports.flatMap((r) => r.requirements.filter((q) => q.id === id))));
  const gating = first.run.gatingLevel;
  // The bar of --require-coverage is the run's, and every shard was given it.
  const coverage = coverageOf(requirements, gating, first.coverage.required?.percent);
  const { verdict, exitCode } = verdictOf(requirements, gating, coverage);
  const starts = reports.map((r) => Date.parse(r.run.startedAt));
  const ends = reports.map((r) => Date.parse(r.run.startedAt) + r.run.durationMs);
  const sum = (of: (r: ConformanceReport) => number): number => reports.reduce((total, r) => total + of(r), 0);
  const throttled = sum((r) => r.run.requests.throttled ?? 0);
  const { shard: _shard, mergedShards: _merged, ...run } = first.run;
  const { baseline: _baseline, fuzz: _fuzz, ...rest } = first;
  const fuzz = mergeFuzz(reports.flatMap((r) => (r.fuzz ? [r.fuzz] : [])));
  return {
    ...rest,
    run: {
      ...run,
      startedAt: new Date(Math.min(...starts)).toISOString(),
      durationMs: Math.max(...ends) - Math.min(...starts),
      requests: {
        total: sum((r) => r.run.requests.total),
        retried: sum((r) => r.run.requests.retried),
        transportErrors: sum((r) => r.run.requests.transportErrors),
        ...(throttled > 0 ? { throttled } : {}),
      },
      mergedShards: reports.length,
    },
    verdict,
    verdictReason: verdictReasonOf(requirements, gating, coverage),
    exitCode,
    counts: countsOf(requirements),
    coverage,
    requirements,
    waivers,
    ...(fuzz ? { fuzz } : {}),
  };
}

/** One requirement from its entries in the shards that judged it. */
function mergeRequirement(entries: readonly RequirementResult[]): RequirementResult {
  const first = entries[0]!;
  const checks = mergeChecks(entries.flatMap((e) => e.checks));
  const statusOf = new Map(checks.map((c) => [c.id, c.status]));
  const provisional = combine(checks.map((c) => c.status));
  const failureGroups = mergeGroups(entries.flatMap((e) => e.failureGroups ?? []));
  const ungrouped = entries.reduce((total, e) => total + (e.ungroupedCount ?? 0), 0);
  // Waived only when every cause found in any shard is waived.
  const waiver =
    provisional === 'fail' && failureGroups.every((g) => g.waiver !== undefined)
      ? entries.find((e) => e.waiver)?.waiver
      : undefined;
  // A reason a check gave in one shard does not stand when the check passed in another.
  const reasons = [...new Set(entries.flatMap((e) => e.reasons))]
    .filter((reason) => statusOf.get(reason.slice(0, reason.indexOf(': '))) !== 'pass')
    .sort();
  const { waiver: _waiver, failureGroups: _groups, ungroupedCount: _ungrouped, ...base } = first;
  return {
    ...base,
    status: waiver ? 'waived' : provisional,
    durationMs: checks.reduce((total, c) => total + c.durationMs, 0),
    checks,
    failures: mergeFailures(entries.flatMap((e) => e.failures)),
    failureCount: entries.reduce((total, e) => total + e.failureCount, 0),
    ...(failureGroups.length > 0 ? { failureGroups } : {}),
    ...(ungrouped > 0 ? { ungroupedCount: ungrouped } : {}),
    reasons,
    ...(waiver ? { waiver } : {}),
  };
}

/** A check that ran in several shards (observers, fuzz properties) ends as the engine combines outcomes. */
function mergeChecks(results: readonly CheckResult[]): CheckResult[] {
  const byId = new Map<string, CheckResult[]>();
  for (const result of results) byId.set(result.id, [...(byId.get(result.id) ?? []), result]);
  return [...byId.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, parts]) => {
      const status = combine(parts.map((p) => p.status));
      const reason = parts.find((p) => p.status === status && p.reason !== undefined)?.reason;
      return {
        id,
        title: parts[0]!.title,
        status,
        requests: parts.reduce((total, p) => total + p.requests, 0),
        durationMs: parts.reduce((total, p) => total + p.durationMs, 0),
        ...(reason !== undefined ? { reason } : {}),
      };
    });
}

/**
 * The failures to keep, in the order an unsharded run finds them: by check, a fuzz failure by
 * the case that first failed, an observed one by the request that showed it; the same failure
 * seen by several shards once.
 */
function mergeFailures(failures: readonly FailureEvidence[]): FailureEvidence[] {
  // Stryker disable next-line StringLiteral: equivalent, any text without '#<digits>' at its end gives 0 alike, as '' does
  const sequence = (f: FailureEvidence): number => f.fuzz?.numRuns ?? Number(/#(\d+)$/.exec(f.exchange?.id ?? '')?.[1] ?? 0);
  const seen = new Set<string>();
  return [...failures]
    .sort((a, b) => a.check.localeCompare(b.check) || sequence(a) - sequence(b))
    .filter((f) => {
      const key = `${f.check}\n${f.title}\n${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, KEPT_FAILURES);
}

/** Groups of one cause seen by several shards are one group: counts added, the first failure kept. */
function mergeGroups(groups: readonly FailureGroup[]): FailureGroup[] {
  const byKey = new Map<string, FailureGroup>();
  for (const group of groups) {
    const key = JSON.stringify(group.signature);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, group);
    else
      byKey.set(key, {
        ...seen,
        count: seen.count + group.count,
        requests: [...seen.requests, ...group.requests].slice(0, KEPT_GROUP_REQUESTS),
        ...((seen.waiver ?? group.waiver) ? { waiver: (seen.waiver ?? group.waiver)! } : {}),
      });
  }
  return [...byKey.values()];
}

function mergeWaivers(reports: readonly WaiverReport[]): WaiverReport {
  const key = (w: Waiver): string => `${w.requirement}\n${w.expires}\n${w.reason}`;
  const union = (lists: readonly (readonly Waiver[])[]): Waiver[] => [...new Map(lists.flat().map((w) => [key(w), w])).values()];
  const applied = union(reports.map((r) => r.applied));
  const appliedKeys = new Set(applied.map(key));
  return {
    applied,
    expired: union(reports.map((r) => r.expired)),
    // Unused in one shard means only that this shard did not judge the failure.
    unused: union(reports.map((r) => r.unused)).filter((w) => !appliedKeys.has(key(w))),
    unknown: union(reports.map((r) => r.unknown)),
    ...(reports.some((r) => r.disputes) ? { disputes: reports.flatMap((r) => r.disputes ?? []) } : {}),
  };
}

/** Each property judged a share of the cases in every shard: it failed if any share failed. */
function mergeFuzz(summaries: readonly FuzzSummary[]): FuzzSummary | undefined {
  const first = summaries[0];
  if (first === undefined) return undefined;
  const byKey = new Map<string, FuzzSummary['properties'][number][]>();
  for (const property of summaries.flatMap((s) => s.properties)) {
    const key = `${property.requirement}\n${property.name}`;
    byKey.set(key, [...(byKey.get(key) ?? []), property]);
  }
  const properties = [...byKey.values()].map((parts) => {
    const status = parts.some((p) => p.status === 'fail') ? 'fail' : parts.some((p) => p.status === 'error') ? 'error' : 'pass';
    // Every drawn case is judged, after a failure too, and each shard judged its own share.
    return { ...parts[0]!, status, runs: parts.reduce((sum, p) => sum + p.runs, 0) } as const;
  });
  return {
    seed: first.seed,
    runs: first.runs,
    properties: properties.sort((a, b) => a.requirement.localeCompare(b.requirement) || a.name.localeCompare(b.name)),
  };
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
