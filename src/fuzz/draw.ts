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
 * Cases drawn per `fc.sample` call. Drawing a block holds up the run (a case takes about a
 * tenth of a millisecond), and each call after the first skips the cases before it (a step of
 * the random generator, about a microsecond each). Blocks start small, so that the first
 * requests of the run go out without waiting for a long draw, and double up to 256, which
 * keeps a pause to a few tens of milliseconds and the skipping under a quarter of a second at
 * 10,000 runs.
 */
const FIRST_BLOCK = 16;
const LARGEST_BLOCK = 256;

/** The first `runs` cases of `arbitrary` under `seed`, in order, drawn a block at a time. */
export function* drawCases<T>(arbitrary: fc.Arbitrary<T>, seed: number, runs: number): Generator<DrawnCase<T>> {
  for (let start = 0, size = FIRST_BLOCK; start < runs; start += size, size = Math.min(size * 2, LARGEST_BLOCK)) {
    const block = fc.sample(arbitrary, { seed, path: String(start), numRuns: Math.min(size, runs - start) });
    for (const [offset, value] of block.entries()) yield { index: start + offset, value };
  }
}
