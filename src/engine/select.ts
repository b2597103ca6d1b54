/**
 * Which checks and observers a run executes, and which requirements it judges: the suites and
 * requirement ids asked for, then this shard's share of the checks.
 */
import type { Shard } from '../core/report-model.js';
import { suiteOf, type CheckDefinition, type ObserverDefinition } from '../check/check.js';
import { checksOfShard } from './shard.js';

export interface SelectionRequest {
  readonly checks: readonly CheckDefinition[];
  readonly observers: readonly ObserverDefinition[];
  /** Suites to run; all when empty. */
  readonly suites?: readonly string[];
  /** Requirement ids to judge; all when empty. */
  readonly requirements?: readonly string[];
  readonly shard?: Shard;
}

export interface Selection {
  /** The checks of the selected suites and requirements, every shard's. */
  readonly selected: readonly CheckDefinition[];
  /** This shard's checks: the ones the run executes. */
  readonly checks: readonly CheckDefinition[];
  readonly observers: readonly ObserverDefinition[];
  /** The requirement ids asked for (empty: all). */
  readonly wanted: ReadonlySet<string>;
  /** The requirements this run reports. */
  readonly requirementIds: ReadonlySet<string>;
  /** The suites the selected checks and observers belong to, sorted. */
  readonly suites: readonly string[];
}

export function selectDefinitions(request: SelectionRequest): Selection {
  const suites = new Set(request.suites ?? []);
  const wanted = new Set(request.requirements ?? []);
  const picked = (d: { id: string; requirement: string }): boolean =>
    (suites.size === 0 || suites.has(suiteOf(d))) && (wanted.size === 0 || wanted.has(d.requirement));
  const selected = request.checks.filter(picked);
  const checks = checksOfShard(selected, request.shard);
  const observers = request.observers.filter(picked);
  // A wanted requirement that no selected check proves is reported (as unproven) by every shard.
  const proven = new Set([...selected, ...observers].map((d) => d.requirement));
  const requirementIds = new Set([
    ...checks.map((c) => c.requirement),
    ...observers.map((o) => o.requirement),
    ...[...wanted].filter((id) => !proven.has(id)),
  ]);
  return {
    selected,
    checks,
    observers,
    wanted,
    requirementIds,
    suites: [...new Set(selected.map(suiteOf).concat(observers.map(suiteOf)))].sort(),
  };
}
