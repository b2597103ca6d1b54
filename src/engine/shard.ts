/**
 * Shards: one run split over n jobs of a CI matrix (`run --shard i/n`), joined again by
 * `merge`. The split depends only on the selected catalog and the shard, never on timing or
 * on the target's answers, so the same seed and selection always give the same split, and
 * the shards together send exactly the requests of the unsharded run.
 *
 * - Checks of the fuzz suite run in every shard; each property draws all its cases from the
 *   seed and judges only its share of them (src/fuzz/shard.ts).
 * - Every other check runs whole in exactly one shard: in id order, the k-th goes to shard
 *   (k mod n) + 1, which spreads each suite (and its heavy checks) over the shards.
 * - Observers run in every shard and judge the answers that shard received.
 */
import { UsageError } from '../core/errors.js';
import type { Shard } from '../core/report-model.js';
import { suiteOf, type CheckDefinition } from '../check/check.js';

export type { Shard } from '../core/report-model.js';

/** Suites whose checks are split by case rather than handed whole to one shard. */
const SPLIT_BY_CASE_SUITES: ReadonlySet<string> = new Set(['fuzz']);

/** Parses `i/n` (1 ≤ i ≤ n ≤ 1000); a bad value is a usage error naming `option`. */
export function parseShard(value: string, option = '--shard'): Shard {
  const match = /^([0-9]+)\/([0-9]+)$/.exec(value.trim());
  if (!match) throw new UsageError(option, `must be index/total with whole numbers, e.g. 2/4, not "${value}"`);
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1 || total > 1000) throw new UsageError(option, `the total must be from 1 to 1000, not ${total}`);
  if (index < 1 || index > total) throw new UsageError(option, `the index must be from 1 to ${total}, not ${index}`);
  return { index, total };
}

/** Whether a check judges a share of its cases in every shard instead of running whole in one. */
export function splitsByCase(check: CheckDefinition): boolean {
  return SPLIT_BY_CASE_SUITES.has(suiteOf(check));
}

/** The checks one shard runs, in their catalog order; all of them without a shard. */
export function checksOfShard(checks: readonly CheckDefinition[], shard: Shard | undefined): CheckDefinition[] {
  if (shard === undefined || shard.total === 1) return [...checks];
  const whole = checks.filter((check) => !splitsByCase(check)).map((check) => check.id);
  const mine = new Set([...whole].sort().filter((_, k) => k % shard.total === shard.index - 1));
  return checks.filter((check) => splitsByCase(check) || mine.has(check.id));
}

/** `2/4`, as the command line takes it. */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.total}`;
}
