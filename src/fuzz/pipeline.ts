/**
 * Judges the drawn cases of a property with up to `window` of them in flight. Cases start in
 * index order (so the requests of a check are numbered the same whatever the timing), every
 * case is judged, and the failure kept is the one of the lowest index: the outcome does not
 * depend on which answer came back first. The first case that cannot be judged (no answer)
 * stops the starting of new ones; those in flight end.
 */
import type { DrawnCase } from './draw.js';

export interface Judged<T, F> {
  /** Cases judged (answered and examined). */
  readonly judged: number;
  /** The failing case of the lowest index, with why it fails. */
  readonly first?: DrawnCase<T> & { readonly finding: F };
  /** What stopped the judging, when a case could not be judged. */
  readonly broken?: { readonly error: unknown };
}

export async function judgeCases<T, F>(
  cases: Iterable<DrawnCase<T>>,
  window: number,
  judge: (drawn: DrawnCase<T>) => Promise<F | undefined>,
): Promise<Judged<T, F>> {
  const iterator = cases[Symbol.iterator]();
  let judged = 0;
  let first: (DrawnCase<T> & { readonly finding: F }) | undefined;
  let broken: { readonly error: unknown } | undefined;
  // Each lane takes the next case when its own is judged: cases start in index order.
  const lane = async (): Promise<void> => {
    while (broken === undefined) {
      const next = iterator.next();
      if (next.done === true) return;
      const drawn = next.value;
      try {
        const finding = await judge(drawn);
        judged += 1;
        if (finding !== undefined && (first === undefined || drawn.index < first.index)) first = { ...drawn, finding };
      } catch (error) {
        broken ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, window) }, lane));
  return { judged, ...(first !== undefined ? { first } : {}), ...(broken !== undefined ? { broken } : {}) };
}
