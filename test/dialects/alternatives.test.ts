/**
 * Every evidenced alternative of every knob is implemented everywhere: the reference served
 * with it is conformant under an overlay that selects it, non-conformant under the canonical
 * spec only at the requirements its knob governs. That `discover` finds each is in
 * discover-alternatives.test.ts (fast enough to run against every mutant of src/discover).
 */
import { describe, expect, it } from 'vitest';
import { broken, canonical, certifyUnder, effective, failed, nonCanonicalAlternatives, referenceOf } from './support.js';

const alternatives = nonCanonicalAlternatives();

describe('knob alternatives', () => {
  it('cover every knob of x-ledger-dialects', () => {
    expect(new Set(alternatives.map((a) => a.knob.pointer))).toEqual(new Set(canonical.knobs.dialects.map((k) => k.pointer)));
  });

  describe.each(alternatives.map((a) => [a.name, a] as const))('%s', (_, alternative) => {
    const spec = effective([alternative.overlay]);
    const reference = referenceOf(spec);

    it('is conformant under an overlay that selects it', async () => {
      const report = await certifyUnder(spec, reference.handler, reference.profile);
      expect(broken(report)).toEqual([]);
      expect(report.dialect.deviations.map((d) => d.pointer)).toEqual([alternative.knob.pointer]);
    });

    it('is non-conformant under the canonical spec, only at the requirements its knob governs', async () => {
      // Without canonicalDataset: golden mode compares with the canonical reference, which every knob changes.
      const { canonicalDataset: _, ...profile } = reference.profile;
      const report = await certifyUnder(canonical, reference.handler, profile);
      const fails = failed(report);
      expect(fails.length).toBeGreaterThan(0);
      expect(fails.filter((id) => !alternative.knob.requirements.includes(id))).toEqual([]);
    });
  });
});
