/**
 * What each requirement collects during a run: its check results, its reasons, and its
 * failures, of which the earliest few (in check order, so that reports do not depend on
 * timing) are kept as evidence.
 */
import type { CheckResult, FailureEvidence } from '../core/report-model.js';
import { emptyGroups, type Groups } from './groups.js';

/** Failures kept per requirement in the report (the count says how many there were). */
export const KEPT_FAILURES = 5;

/** A failure with the key that orders it among the others (so reports do not depend on timing). */
export interface KeptFailure {
  readonly order: string;
  /** The observer's key: failures with one key are one problem, kept once. */
  readonly key?: string;
  readonly evidence: FailureEvidence;
}

/** Everything one requirement collected from its checks and observers. */
export interface Collected {
  readonly checks: CheckResult[];
  readonly failures: KeptFailure[];
  failureCount: number;
  readonly reasons: string[];
  /** Per observer key, the order of its earliest exchange: the one its evidence comes from. */
  readonly earliestByKey: Map<string, string>;
  /** Every failure, counted in the group of its cause. */
  readonly groups: Groups;
}

/** An empty collection for each requirement of the run. */
export function collectionFor(requirementIds: Iterable<string>): Map<string, Collected> {
  const collected = new Map<string, Collected>();
  for (const id of requirementIds)
    collected.set(id, {
      checks: [],
      failures: [],
      failureCount: 0,
      reasons: [],
      earliestByKey: new Map(),
      groups: emptyGroups(),
    });
  return collected;
}

/** Counts a failure and keeps it if it is among the earliest. */
export function keepFailure(c: Collected, failure: KeptFailure): void {
  c.failureCount += 1;
  insertFailure(c, failure);
}

/** Keeps a failure if it is among the earliest `KEPT_FAILURES` (without counting it). */
export function insertFailure(c: Collected, failure: KeptFailure): void {
  c.failures.push(failure);
  c.failures.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  if (c.failures.length > KEPT_FAILURES) c.failures.pop();
}
