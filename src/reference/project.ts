/**
 * Turns a stored (full) event into what one request asked for, by removing the paths the
 * spec's knobs reveal only on request. Nothing here names a field: the paths come from
 * `x-ledger-flags` and `x-ledger-alternate-currencies`.
 */
import type { Reveal } from '../spec/knobs.js';
import type { LoadedSpec } from '../spec/load.js';

/** What a request selected, already read from its parameters. */
export interface Selection {
  /** Flags that are true. */
  readonly flagsOn: ReadonlySet<string>;
  /** The alternate currencies to show, or undefined when none were selected. */
  readonly currencies: ReadonlySet<string> | undefined;
}

type Json = Record<string, unknown>;

/** Calls `visit(parent, key)` for every place `path` (JSON pointer, `*` = each item) names. */
export function forEachAt(root: unknown, path: string, visit: (parent: Json | unknown[], key: string | number) => void): void {
  const tokens = path.split('/').slice(1);
  const walk = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object') return;
    const token = tokens[depth]!;
    const last = depth === tokens.length - 1;
    if (token === '*') {
      if (!Array.isArray(node)) return;
      node.forEach((item, index) => (last ? visit(node, index) : walk(item, depth + 1)));
      return;
    }
    if (Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, token)) return;
    if (last) visit(node as Json, token);
    else walk((node as Json)[token], depth + 1);
  };
  if (tokens.length > 0) walk(root, 0);
}

function removeAt(root: unknown, path: string): void {
  forEachAt(root, path, (parent, key) => {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  });
}

const applies = (reveal: Reveal, eventName: string): boolean => reveal.eventNames.includes(eventName);
const requirementsMet = (reveal: Reveal, flagsOn: ReadonlySet<string>): boolean => (reveal.requires ?? []).every((flag) => flagsOn.has(flag));

/** A copy of `full` with every path removed that the selection does not reveal. */
export function project(spec: LoadedSpec, full: Readonly<Json>, selection: Selection): Json {
  const event = structuredClone(full) as Json;
  const eventName = event['eventName'] as string;
  for (const [flag, knob] of Object.entries(spec.knobs.flags)) {
    for (const reveal of knob.reveals) {
      if (applies(reveal, eventName) && !(selection.flagsOn.has(flag) && requirementsMet(reveal, selection.flagsOn))) removeAt(event, reveal.path);
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
    forEachAt(event, block.path, (parent, key) => {
      const list = (parent as Json)[key as string];
      if (Array.isArray(list)) (parent as Json)[key as string] = list.filter((entry) => wanted.has((entry as Json)[ac.nameField] as string));
    });
  }
  return event;
}
