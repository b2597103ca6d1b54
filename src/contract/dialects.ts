/**
 * Dialects: the knobs of `x-ledger-dialects`, where public evidence admits more than one
 * behaviour. A spec (with its overlays) must hold, at each such knob, one of the evidenced
 * alternatives; how the effective spec departs from the packaged one is its dialect, which every
 * report states.
 */
import type { Deviation, Dialect } from '../core/report-model.js';
import { canonicalJson } from './canonical-json.js';
import type { DialectAlternative, DialectKnob } from './knobs.js';
import { resolvePointer } from '../core/pointer.js';

type Fail = (pointer: string, rule: string) => never;

interface DeclaredKnob {
  readonly knob: string;
  readonly pointer: string;
  readonly requirements: readonly string[];
  readonly probe: string;
  readonly alternatives: readonly DialectAlternative[];
}

const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * Reads `x-ledger-dialects` (its shape was checked against the extensions schema) and finds
 * which alternative the document holds at each knob; a value that is no listed alternative is
 * refused, naming the knob's pointer.
 */
export function readDialects(
  declared: readonly DeclaredKnob[],
  document: unknown,
  at: string,
  fail: Fail,
  isRequirement: (id: string) => boolean,
  locallyDecided: (pointer: string) => boolean = () => false,
): DialectKnob[] {
  const seen = new Set<string>();
  return declared.map((entry, index) => {
    const here = `${at}/${index}`;
    if (seen.has(entry.pointer)) fail(`${here}/pointer`, `${entry.pointer} is listed twice`);
    seen.add(entry.pointer);
    entry.requirements.forEach((id, i) => {
      if (!isRequirement(id)) fail(`${here}/requirements/${i}`, `names requirement ${id}, which x-conformance lacks`);
    });
    entry.alternatives.forEach((alternative, i) => {
      if (entry.alternatives.slice(0, i).some((other) => sameJson(other.value, alternative.value)))
        fail(`${here}/alternatives/${i}/value`, 'the same alternative is listed twice');
    });
    const value = resolvePointer(document, entry.pointer);
    if (value === undefined) fail(`${here}/pointer`, `points nowhere: ${entry.pointer}`);
    const listed = entry.alternatives.find((alternative) => sameJson(alternative.value, value));
    // A value the user declared in an overlay action marked x-local-decision: accepted, with no
    // evidence behind it (reports list it apart, and the run refuses it if it hides a fault).
    const current =
      listed ??
      (locallyDecided(entry.pointer)
        ? { value, basis: 'decided' as const, sources: [], description: 'declared by the user, not evidenced' }
        : undefined);
    if (!current) {
      fail(
        entry.pointer,
        `${JSON.stringify(value)} is not an evidenced alternative of ${entry.knob} (x-ledger-dialects lists ${entry.alternatives.map((a) => JSON.stringify(a.value)).join(', ')}); add it there with its sources, or choose one of those`,
      );
    }
    return { ...entry, current: current! };
  });
}

/**
 * The dialect of an effective spec: every knob whose value is not the canonical document's, and
 * every other place an overlay changed (those are not evidenced alternatives, so reports list
 * them apart: a run judged against a changed catalog must say so).
 */
export function dialectOf(knobs: readonly DialectKnob[], effective: unknown, canonical: unknown): Dialect {
  const deviations: Deviation[] = knobs
    .filter((k) => !sameJson(resolvePointer(canonical, k.pointer), k.current.value))
    .map((k) => ({
      knob: k.knob,
      pointer: k.pointer,
      canonical: JSON.stringify(resolvePointer(canonical, k.pointer)) ?? 'absent',
      value: JSON.stringify(k.current.value),
      sources: k.current.sources,
      requirements: k.requirements,
    }));
  const knobPointers = new Set(knobs.map((k) => k.pointer));
  const changedOutsideKnobs = differingPointers(canonical, effective, '#').filter((p) => !knobPointers.has(p));
  return { deviations, changedOutsideKnobs };
}

const MAX_REPORTED_CHANGES = 50;

/** JSON pointers where two documents differ, deepest first-found, at most a few dozen. */
export function differingPointers(a: unknown, b: unknown, at: string, out: string[] = []): string[] {
  // The same object is the same JSON: the packaged spec is its own canonical document.
  if (a === b || out.length >= MAX_REPORTED_CHANGES || sameJson(a, b)) return out;
  const bothObjects =
    a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) {
    out.push(at);
    return out;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(ra), ...Object.keys(rb)])]) {
    differingPointers(ra[key], rb[key], `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
  return out;
}
