/**
 * Local decisions: behaviour the user declares in an overlay that no public source evidences
 * (an order, an extra warning code, lists on other event types). An overlay action marked
 *
 *     x-local-decision: { reason: 'CAP-5120: staging sends warning 9999 for archived currencies' }
 *
 * may set a knob to a value `x-ledger-dialects` does not list, or change the spec outside its
 * knobs; the reason is mandatory. Every report lists such decisions apart from evidenced
 * deviations, as declared by the user, not evidenced; `run` refuses one that would make a fault
 * of the self-test catalog pass (src/faults/local-decisions.ts).
 */
import type { Dialect, LocalDecision } from '../core/report-model.js';
import type { DialectKnob, Requirement } from './knobs.js';
import { differingPointers } from './dialects.js';
import { applyActionInPlace, OverlayInvalidError, type LoadedOverlay, type OverlayAction } from './overlay.js';

/** A decision as the overlays declare it: before the catalog says which requirements it touches. */
export type DeclaredDecision = Omit<LocalDecision, 'requirements'>;

const MARK = 'x-local-decision';

/** Whether one pointer lies within the other (or they are equal). */
export function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

function reasonOf(action: OverlayAction & Record<string, unknown>, file: string, at: string): string | undefined {
  const mark = action[MARK];
  if (mark === undefined) return undefined;
  const reason = (mark as { reason?: unknown } | null)?.reason;
  if (typeof reason !== 'string' || reason.trim().length < 3)
    throw new OverlayInvalidError(
      file,
      `${at}/${MARK}/reason`,
      'a local decision needs a reason (a sentence: why the target is right to do this, ideally with a ticket)',
    );
  return reason.trim();
}

/**
 * Applies the overlays action by action, recording what each local decision changed; with
 * `skipDecisions`, leaves the decisions out (the spec as evidence alone describes the target).
 */
export function applyOverlays(
  document: Record<string, unknown>,
  overlays: readonly LoadedOverlay[],
  skipDecisions: boolean,
): { document: Record<string, unknown>; localDecisions: DeclaredDecision[] } {
  // One copy for every overlay; a decision's action is applied to a copy of its own, so that its
  // changes are known (the Overlay specification applies actions one at a time, in order).
  const current = structuredClone(document);
  const localDecisions: DeclaredDecision[] = [];
  for (const overlay of overlays) {
    const file = overlay.ref.name;
    overlay.document.actions.forEach((action, index) => {
      const reason = reasonOf(action as OverlayAction & Record<string, unknown>, file, `/actions/${index}`);
      if (reason === undefined) return applyActionInPlace(current, action, file, index);
      if (skipDecisions) return;
      const before = structuredClone(current);
      applyActionInPlace(current, action, file, index);
      localDecisions.push({
        overlay: file,
        action: index,
        target: action.target,
        reason,
        pointers: differingPointers(before, current, '#'),
      });
    });
  }
  return { document: current, localDecisions };
}

/** The requirements a change at `pointer` touches: the knobs' and those that govern it. */
function touchedBy(pointer: string, requirements: readonly Requirement[], knobs: readonly DialectKnob[]): string[] {
  const ids = new Set<string>();
  for (const knob of knobs) if (overlaps(knob.pointer, pointer)) knob.requirements.forEach((id) => ids.add(id));
  for (const r of requirements) {
    if (r.governs.some((g) => overlaps(g, pointer))) ids.add(r.id);
    // A schema is judged wherever it is referenced: any requirement governing a schema may see the change.
    if (pointer.startsWith('#/components/schemas/') && r.governs.some((g) => g.startsWith('#/components/schemas'))) ids.add(r.id);
  }
  return [...ids].sort();
}

/** The dialect with the local decisions listed apart from evidenced deviations and outside changes. */
export function withLocalDecisions(
  dialect: Dialect,
  declared: readonly DeclaredDecision[],
  requirements: readonly Requirement[],
  knobs: readonly DialectKnob[],
): Dialect {
  if (declared.length === 0) return dialect;
  const decided = (pointer: string): boolean => declared.some((d) => d.pointers.some((p) => overlaps(p, pointer)));
  const localDecisions: LocalDecision[] = declared.map((d) => ({
    ...d,
    requirements: [...new Set(d.pointers.flatMap((p) => touchedBy(p, requirements, knobs)))].sort(),
  }));
  return {
    deviations: dialect.deviations.filter((d) => !decided(d.pointer)),
    changedOutsideKnobs: dialect.changedOutsideKnobs.filter((p) => !decided(p)),
    localDecisions,
  };
}
