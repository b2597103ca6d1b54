/**
 * The cases of a fuzz property, drawn from the seed alone: an indexed list, read lazily, case
 * `index` being exactly the value `fc.check(property, { seed })` would run `index`-th, and
 * `fc.sample(arbitrary, { seed, path: String(index), numRuns: 1 })[0]`. Nothing about a case
 * depends on the target's answers, so the cases can all be in flight at once, and a subset
 * (a shard) is a filter on the index.
 */
import fc from 'fast-check';

/** One case and its place in the property's list (0-based; fast-check's path starts with it). */
export interface DrawnCase<T> {
  readonly index: number;
  readonly value: T;
}

/**
 * Cases drawn per `fc.sample` call. Each call after the first skips the cases before it (a
 * cheap step of the random generator, about a microsecond each), so bigger blocks skip less and
 * hold more cases in memory at once; a thousand keeps both small at any budget.
 */
const BLOCK = 1024;

/** The first `runs` cases of `arbitrary` under `seed`, in order, drawn a block at a time. */
export function* drawCases<T>(arbitrary: fc.Arbitrary<T>, seed: number, runs: number): Generator<DrawnCase<T>> {
  for (let start = 0; start < runs; start += BLOCK) {
    const block = fc.sample(arbitrary, { seed, path: String(start), numRuns: Math.min(BLOCK, runs - start) });
    for (const [offset, value] of block.entries()) yield { index: start + offset, value };
  }
}
