/**
 * `discover` finds every evidenced alternative of every knob: against the reference served
 * with one non-canonical alternative, it pins that alternative at its knob and nothing else, and
 * sees no knob as unmatched; against the plain reference it pins nothing. In-process and without
 * a certification, so that mutation testing can run it against every mutant of src/discover.
 */
import { describe, expect, it } from 'vitest';
import { canonical, discoverIn, effective, nonCanonicalAlternatives, pinned, referenceOf } from './support.js';

const alternatives = nonCanonicalAlternatives();

describe('discover against the reference in each dialect', () => {
  it('pins nothing against the reference in the canonical dialect, and matches every knob', async () => {
    const reference = referenceOf(canonical);
    const discovery = await discoverIn(canonical, reference.handler, reference.profile);
    expect(pinned(discovery)).toEqual([]);
    expect(discovery.findings.map((f) => [f.knob.knob, f.observation.kind])).toEqual(
      canonical.knobs.dialects.map((k) => [k.knob, 'matched']),
    );
  });

  it.each(alternatives.map((a) => [a.name, a] as const))('%s: discover pins it, and nothing else', async (_, alternative) => {
    const reference = referenceOf(effective([alternative.overlay]));
    const discovery = await discoverIn(canonical, reference.handler, reference.profile);
    expect(pinned(discovery)).toEqual([{ pointer: alternative.knob.pointer, value: alternative.alternative.value }]);
    expect(discovery.findings.filter((f) => f.observation.kind === 'unmatched').map((f) => f.knob.knob)).toEqual([]);
  });
});
