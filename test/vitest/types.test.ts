/**
 * The declarations the package ships for `ledger-explode-conformance/vitest` (types/vitest.d.ts)
 * are the implementation's: `npm run build` type-checks this file, so a drift fails the build.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as Declared from '../../types/vitest.js';
import type * as Implemented from '../../src/vitest/index.js';
import { describeConformance } from '../../src/vitest/index.js';

describe('types/vitest.d.ts', () => {
  it('declares the options and the function the implementation has', () => {
    expectTypeOf<Declared.ConformanceOptions>().toEqualTypeOf<Implemented.ConformanceOptions>();
    expectTypeOf<typeof Declared.describeConformance>().toEqualTypeOf<typeof Implemented.describeConformance>();
    // The type checks run at build time; at run time, the function they describe is there.
    expect(typeof describeConformance).toBe('function');
  });
});
