/**
 * Turns a stored (full) event into what one request asked for, by removing the paths the
 * spec's knobs reveal only on request. Nothing here names a field: the paths come from
 * `x-ledger-flags` and `x-ledger-alternate-currencies` (walked by src/contract/reveal-paths.ts).
 */
import type { Reveal } from '../contract/knobs.js';
import type { LoadedSpec } from '../contract/load.js';
import { forEachContainer, holds, removeAt } from '../contract/reveal-paths.js';
import { cloneJson } from '../core/json-clone.js';

/** What a request selected, already read from its parameters. */
export interface Selection {
  /** Flags that are true. */
  readonly flagsOn: ReadonlySet<string>;
  /** The alternate currencies to show, or undefined when none were selected. */
  readonly currencies: ReadonlySet<string> | undefined;
}

type Json = Record<string, unknown>;

const applies = (reveal: Reveal, eventName: string): boolean => reveal.eventNames.includes(eventName);
const requirementsMet = (reveal: Reveal, flagsOn: ReadonlySet<string>): boolean =>
  (reveal.requires ?? []).every((flag) => flagsOn.has(flag));

/**
 * Hides what a flag that is off would show: removed, or (`absent-or-empty`) a list emptied, as
 * S1's sample of a redemption without flags shows `customFields: []`.
 */
function hide(event: Json, path: string, whenOff: 'absent' | 'absent-or-empty'): void {
  if (whenOff === 'absent') {
    removeAt(event, path);
    return;
  }
  forEachContainer(event, path, (container, key) => {
    if (!holds(container, key) || Array.isArray(container)) return;
    if (Array.isArray((container as Json)[key])) (container as Json)[key] = [];
    else delete (container as Json)[key];
  });
}

/** A copy of `full` with every path removed (or emptied) that the selection does not reveal. */
export function project(spec: LoadedSpec, full: Readonly<Json>, selection: Selection): Json {
  const event = cloneJson(full) as Json;
  const eventName = event['eventName'] as string;
  for (const [flag, knob] of Object.entries(spec.knobs.flags)) {
    for (const reveal of knob.reveals) {
      if (applies(reveal, eventName) && !(selection.flagsOn.has(flag) && requirementsMet(reveal, selection.flagsOn)))
        hide(event, reveal.path, knob.whenOff);
    }
  }
  const ac = spec.knobs.alternateCurrencies;
  for (const block of ac.blocks) {
    if (!applies(block, eventName)) continue;
    if (!selection.currencies || !requirementsMet(block, selection.flagsOn)) {
      removeAt(event, block.path);
      continue;
    }
    const wanted = selection.currencies;
    forEachContainer(event, block.path, (container, key) => {
      const list = holds(container, key) ? (container as Json)[key] : undefined;
      if (Array.isArray(list))
        (container as Json)[key] = list.filter((entry) => wanted.has((entry as Json)[ac.nameField] as string));
    });
  }
  return event;
}
