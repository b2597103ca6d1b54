/**
 * The mutation list (src/fuzz/mutations/): every record applies to the packaged spec and the
 * reference profile, and each one's instances are named and change the request they break.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameNotForType } from '../../src/fuzz/mutations/identifier-not-for-type.js';
import { valueOutsidePattern } from '../../src/fuzz/mutations/identifier-value-format.js';
import { MUTATIONS } from '../../src/fuzz/mutations/index.js';
import { materialOf } from '../../src/fuzz/mutations/material.js';
import type { MutationContext } from '../../src/fuzz/mutations/mutation.js';
import { sentTwice } from '../../src/fuzz/mutations/repeated.js';
import { validRequestArb } from '../../src/fuzz/valid-request.js';
import { createReference } from '../../src/reference/index.js';
import { loadSpec } from '../../src/contract/load.js';

const spec = loadSpec();
const { profile } = createReference(spec);
const ctx: MutationContext = { spec, profile, material: materialOf(spec, profile), judged: undefined };
const bases = fc.sample(validRequestArb(spec, profile, { encoding: 'usual' }), { seed: 7, numRuns: 50 });

describe('the mutations', () => {
  it('have distinct names and positive weights', () => {
    expect(new Set(MUTATIONS.map((m) => m.name)).size).toBe(MUTATIONS.length);
    for (const m of MUTATIONS) expect(m.weight, m.name).toBeGreaterThan(0);
  });

  it.each(MUTATIONS.map((m) => [m.name, m] as const))(
    '%s: applies here, and its instances are named and change the request',
    (_name, mutation) => {
      expect(mutation.applies(ctx)).toBe(true);
      const drawn = fc.sample(mutation.arbitrary(ctx), { seed: 7, numRuns: bases.length });
      const changed = drawn.filter((m, i) => {
        expect(m.name).not.toBe('');
        return JSON.stringify(m.apply(bases[i]!.pairs)) !== JSON.stringify(bases[i]!.pairs);
      });
      expect(changed.length).toBeGreaterThanOrEqual(bases.length * 0.9);
    },
  );

  it('judged at MUST, the mutations that break only rules judged below MUST are left out; the data mutations stay', () => {
    // In the packaged spec the repeated, identifier-not-for-type and identifier-value-format rules prove SHOULD requirements.
    for (const kind of ['repeated', 'identifier-not-for-type', 'identifier-value-format']) {
      const rules = spec.knobs.errors.filter((r) => r.trigger.kind === kind);
      expect(rules.length, kind).toBeGreaterThan(0);
      for (const r of rules) expect(spec.requirement(r.requirement)?.level, kind).toBe('SHOULD');
    }
    const leftOut = MUTATIONS.filter((m) => !m.applies({ ...ctx, judged: 'MUST' }));
    expect(leftOut).toEqual([sentTwice, nameNotForType, valueOutsidePattern]);
  });
});
