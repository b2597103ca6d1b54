/**
 * OpenAPI Overlay 1.0 documents (`--overlay`): read, checked against `schemas/overlay.schema.json`,
 * and applied to a spec document. Targets are RFC 9535 JSONPath queries, evaluated by
 * `jsonpath-rfc9535`; only the two actions of Overlay 1.0 are implemented here:
 *
 * - `update` on an object is merged into it: objects recursively, anything else (scalars and
 *   arrays) replaced — a dialect pins a value, it does not extend a list by accident;
 *   `update` on an array appends the value, as the Overlay specification says;
 * - `remove: true` deletes each selected node from its parent.
 *
 * An action whose target selects nothing is an error: the overlay was written for another
 * version of the spec, and applying the rest of it would describe a target that does not exist.
 */
import { createHash } from 'node:crypto';
import { lazyModule } from '../core/lazy-module.js';
import { FileInvalidError } from '../core/errors.js';
import { readDataFile } from '../core/data-file.js';
import type { OverlayRef } from '../core/report-model.js';

const jsonPath = lazyModule<typeof import('jsonpath-rfc9535')>('jsonpath-rfc9535');

export interface OverlayAction {
  readonly target: string;
  readonly description?: string;
  readonly update?: unknown;
  readonly remove?: boolean;
}

export interface OverlayDocument {
  readonly overlay: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly actions: readonly OverlayAction[];
}

export interface LoadedOverlay {
  readonly ref: OverlayRef;
  readonly document: OverlayDocument;
}

/** An overlay file breaks the overlay schema, or an action cannot be applied (exit code 2). */
export class OverlayInvalidError extends FileInvalidError {
  constructor(file: string, pointer: string, rule: string) {
    super(file, { pointer, rule }, 'CT_CONFIG_INVALID');
  }
}

/** Reads and checks an overlay file (JSON or YAML). */
export function readOverlay(file: string): LoadedOverlay {
  const { text, data } = readDataFile(
    file,
    '--overlay',
    'overlay.schema.json',
    (problems) => new FileInvalidError(file, problems, 'CT_CONFIG_INVALID'),
  );
  return { ref: { name: file, sha256: createHash('sha256').update(text).digest('hex') }, document: data as OverlayDocument };
}

type Json = unknown;
type Path = readonly (string | number)[];

const isRecord = (value: Json): value is Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Applies the overlay's actions in order to a copy of `document`; `file` names it in errors. */
export function applyOverlay(document: Json, overlay: OverlayDocument, file: string): Json {
  const root = structuredClone(document);
  overlay.actions.forEach((action, index) => applyActionInPlace(root, action, file, index));
  return root;
}

/** Applies one action (the `index`th of `file`, as errors name it) to `root` itself. */
export function applyActionInPlace(root: Json, action: OverlayAction, file: string, index: number): void {
  const at = `/actions/${index}`;
  const selected = select(root, action.target, file, at);
  if (action.remove === true) {
    // Deepest and last first, so that removing one array item does not shift the next one.
    for (const path of [...selected].sort(comparePathsDescending)) removeAt(root, path, file, at);
    return;
  }
  for (const path of selected) updateAt(root, path, action.update, file, at);
}

function select(root: Json, target: string, file: string, at: string): Path[] {
  const selected: Path[] = [];
  try {
    jsonPath().exec(root as never, target, (_value, path) => selected.push([...path]));
  } catch (error) {
    throw new OverlayInvalidError(file, `${at}/target`, `not an RFC 9535 JSONPath query: ${(error as Error).message}`);
  }
  if (selected.length === 0)
    throw new OverlayInvalidError(
      file,
      `${at}/target`,
      `${target} selects nothing in the spec (was the overlay written for another version of it?)`,
    );
  return selected;
}

function valueAt(root: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], root);
}

function removeAt(root: Json, path: Path, file: string, at: string): void {
  if (path.length === 0) throw new OverlayInvalidError(file, `${at}/target`, 'remove cannot select the whole document');
  const parent = valueAt(root, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete (parent as Record<string, Json>)[key as string];
}

function updateAt(root: Json, path: Path, update: Json, file: string, at: string): void {
  const node = valueAt(root, path);
  if (Array.isArray(node)) {
    node.push(structuredClone(update));
    return;
  }
  if (!isRecord(node) || !isRecord(update)) {
    throw new OverlayInvalidError(
      file,
      `${at}/update`,
      `an update merges an object into an object or appends to an array; ${String(path.join('.') || '$')} holds ${typeOf(node)} and the update is ${typeOf(update)} (target the enclosing object to change one value)`,
    );
  }
  merge(node, update);
}

function merge(into: Record<string, Json>, update: Record<string, Json>): void {
  for (const [key, value] of Object.entries(update)) {
    const current = into[key];
    if (isRecord(current) && isRecord(value)) merge(current, value);
    else into[key] = structuredClone(value);
  }
}

function typeOf(value: Json): string {
  return value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;
}

function comparePathsDescending(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    return typeof a[i] === 'number' && typeof b[i] === 'number'
      ? (b[i] as number) - (a[i] as number)
      : String(b[i]).localeCompare(String(a[i]));
  }
  return b.length - a.length;
}
