/**
 * An arbitrary built the first time it is used. Generators that pick one of several branches
 * per case (`fc.oneof`) build every branch for every case; a branch that is costly to build and
 * rarely picked (an equivalent encoding of the whole query, a shuffle) is built only when it is
 * picked. It draws and shrinks exactly as the arbitrary it wraps, so cases and their fast-check
 * paths stay the same.
 */
import fc from 'fast-check';

class LazyArbitrary<T> extends fc.Arbitrary<T> {
  #built: fc.Arbitrary<T> | undefined;

  constructor(private readonly build: () => fc.Arbitrary<T>) {
    super();
  }

  #inner(): fc.Arbitrary<T> {
    return (this.#built ??= this.build());
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    return this.#inner().generate(mrng, biasFactor);
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.#inner().canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.#inner().shrink(value, context);
  }
}

export function lazyArb<T>(build: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  return new LazyArbitrary(build);
}
