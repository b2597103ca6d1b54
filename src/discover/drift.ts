/**
 * Drift watch (`discover --check dialect.yaml`): what a target shows today at each knob, against
 * what the committed overlay says it shows. The expected value of a knob is its value in the
 * spec with the committed overlay applied (the spec's own value where the overlay pins
 * nothing). A knob that now shows another evidenced alternative has changed; one that now shows
 * none of them has changed too (`discover` pins nothing there, so the overlay cannot have
 * described it); one that could not be probed is not judged.
 */
import type { LoadedSpec } from '../contract/load.js';
import type { DialectKnob } from '../contract/knobs.js';
import type { Discovery } from './discover.js';

export interface KnobDrift {
  readonly knob: DialectKnob;
  readonly state: 'unchanged' | 'changed' | 'not-judged';
  readonly expected: unknown;
  /** The value observed (undefined when none of the alternatives matched, or the knob was not probed). */
  readonly observed?: unknown;
  /** What the probe saw, or why it could not probe. */
  readonly note: string;
}

export interface DriftCheck {
  readonly knobs: readonly KnobDrift[];
  readonly changed: number;
  readonly notJudged: number;
  /** Exit code: 1 some knob changed, 3 the target could not be judged, 0 unchanged. */
  readonly exitCode: 0 | 1 | 3;
}

export function checkDrift(discovery: Discovery, committed: LoadedSpec): DriftCheck {
  const expectedAt = new Map(committed.knobs.dialects.map((k) => [k.pointer, k.current.value]));
  const knobs = discovery.findings.map((finding): KnobDrift => {
    const expected = expectedAt.has(finding.knob.pointer) ? expectedAt.get(finding.knob.pointer) : finding.knob.current.value;
    const o = finding.observation;
    if (o.kind === 'skipped') return { knob: finding.knob, state: 'not-judged', expected, note: o.reason };
    if (o.kind === 'unmatched')
      return { knob: finding.knob, state: 'changed', expected, note: `matches no evidenced alternative now: ${o.note}` };
    const same = JSON.stringify(o.alternative.value) === JSON.stringify(expected);
    return { knob: finding.knob, state: same ? 'unchanged' : 'changed', expected, observed: o.alternative.value, note: o.note };
  });
  const changed = knobs.filter((k) => k.state === 'changed').length;
  const notJudged = knobs.filter((k) => k.state === 'not-judged').length;
  // A change is reported whatever else happened; without one, a probe cut short by the network
  // (or nothing probed at all) means the target was not judged, not that it is unchanged.
  const unjudgeable = discovery.transportErrors > 0 || notJudged === knobs.length;
  return { knobs, changed, notJudged, exitCode: changed > 0 ? 1 : unjudgeable ? 3 : 0 };
}

/** One line per knob, changed ones first. */
export function driftLines(check: DriftCheck): string[] {
  const order = { changed: 0, 'not-judged': 1, unchanged: 2 } as const;
  const show = (v: unknown): string => JSON.stringify(v);
  return [...check.knobs]
    .sort((a, b) => order[a.state] - order[b.state])
    .map((k) =>
      k.state === 'changed'
        ? `changed    ${k.knob.knob}: committed ${show(k.expected)}, observed ${k.observed === undefined ? '(no evidenced alternative)' : show(k.observed)}: ${k.note}`
        : k.state === 'not-judged'
          ? `not judged ${k.knob.knob}: ${k.note}`
          : `unchanged  ${k.knob.knob}: ${show(k.expected)}`,
    );
}
