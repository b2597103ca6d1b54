/**
 * Fuzz cases split over shards. A property draws all its cases from the seed in every shard
 * (so case k is the same request everywhere) and judges only case k with k ≡ i − 1 (mod n) in
 * shard i of n; the shards together judge every case exactly once. Cases tried while shrinking
 * a failure are judged in the shard that found it.
 */
import type { Shard } from '../core/report-model.js';

/** Whether case `caseIndex` (0-based, in drawing order) is judged in `shard`; every case without one. */
export function judgesCase(shard: Shard | undefined, caseIndex: number): boolean {
  return shard === undefined || caseIndex % shard.total === shard.index - 1;
}
