/**
 * Human names for the JSON pointers a requirement governs, computed from the spec the run was
 * handed: `#/…/get/x-ledger-errors/14` reads "error 9022 (unknown eventReferenceIds)", which a
 * reader of a report can act on without opening the spec.
 */
import type { SpecRefLabel } from '../core/report-model.js';
import type { LoadedSpec } from '../contract/load.js';
import { unescapeToken } from '../core/pointer.js';

/** At most this many parameter names are spelled out in one label. */
const NAMED_PARAMETERS = 3;

/** One label per pointer, in the order given. */
export function specRefLabels(
  spec: Pick<LoadedSpec, 'resolve' | 'operationPointer'>,
  pointers: readonly string[],
): SpecRefLabel[] {
  return pointers.map((pointer) => specRefLabel(spec, pointer));
}

export function specRefLabel(spec: Pick<LoadedSpec, 'resolve' | 'operationPointer'>, pointer: string): SpecRefLabel {
  const node = spec.resolve(pointer);
  const owner = ownerOf(node);
  return { pointer, label: labelOf(spec.operationPointer, pointer, node), ...(owner !== undefined && { requirement: owner }) };
}

function labelOf(operationPointer: string, pointer: string, node: unknown): string {
  if (pointer === operationPointer) return 'the operation';
  if (pointer.startsWith(`${operationPointer}/`)) return operationPart(tokensOf(pointer.slice(operationPointer.length)), node);
  const tokens = tokensOf(pointer.slice(1));
  const [section, kind, name, ...rest] = tokens;
  if (section === 'components' && kind !== undefined) {
    const noun = COMPONENT_NOUNS[kind] ?? kind;
    if (name === undefined) return `all ${noun === 'schema' ? 'schemas' : `${noun}s`}`;
    return `${noun} ${name}${rest.length > 0 ? `: ${rest.filter((t) => t !== 'schema').join('.')}` : ''}`;
  }
  return tokens.join('/') || 'the whole spec';
}

const COMPONENT_NOUNS: Readonly<Record<string, string>> = {
  schemas: 'schema',
  parameters: 'parameter',
  responses: 'response',
  securitySchemes: 'security scheme',
};

/** Below the operation: an error or warning rule by its code and trigger, a knob by its dotted name. */
function operationPart(tokens: readonly string[], node: unknown): string {
  const [head, index, ...rest] = tokens;
  if (
    (head === 'x-ledger-errors' || head === 'x-ledger-warnings') &&
    index !== undefined &&
    rest.length === 0 &&
    isRecord(node)
  ) {
    const noun = head === 'x-ledger-errors' ? 'error' : 'warning';
    const trigger = isRecord(node['trigger']) ? triggerText(node['trigger']) : undefined;
    return `${noun} ${String(node['code'])}${trigger ? ` (${trigger})` : ''}`;
  }
  if (head === 'x-ledger-errors' && index === undefined) return 'the error rules, in order';
  if (head === 'x-ledger-warnings' && index === undefined) return 'the warning rules';
  if (head === 'parameters' && index === undefined) return 'the operation parameters';
  if (head === 'responses' && index === undefined) return 'the documented responses';
  if (head === 'responses') return `response ${[index, ...rest].join('.')}`;
  return tokens.join('.');
}

/** What sets a rule off, in the words of its trigger. */
function triggerText(trigger: Record<string, unknown>): string | undefined {
  const parameters = Array.isArray(trigger['parameters']) ? trigger['parameters'].map(String) : [];
  switch (trigger['kind']) {
    case 'missing':
      return `missing ${listOf(parameters)}`;
    case 'invalid': {
      const keywords = Array.isArray(trigger['keywords']) ? trigger['keywords'].map(String) : [];
      return `invalid ${listOf(parameters)}${keywords.length > 0 ? `: ${keywords.join(', ')}` : ''}`;
    }
    case 'repeated':
      return 'a parameter passed more than once';
    case 'identifier-not-for-type':
      return 'identifierName not allowed for the type';
    case 'identifier-value-format':
      return 'identifierValue in the wrong format';
    case 'both-selectors':
      return 'both eventIds and eventName with eventReferenceIds';
    case 'no-selector':
      return 'neither eventIds nor eventName with eventReferenceIds';
    case 'org-setting-disabled':
      return `${String(trigger['parameter'])} while ${String(trigger['setting'])} is off`;
    case 'customer-not-found':
      return 'no such customer';
    case 'group-not-found':
      return 'no such user group';
    case 'event-id-not-found':
      return 'unknown eventIds';
    case 'event-without-detail':
      return 'an event without explode detail';
    case 'event-reference-not-found':
      return 'unknown eventReferenceIds';
    case 'unknown-alternate-currency-name':
      return 'unknown alternate currency name';
    case 'no-alternate-currencies':
      return 'no alternate currency for the org';
    default:
      return typeof trigger['kind'] === 'string' ? trigger['kind'] : undefined;
  }
}

/** "a", "a or b", "a, b or c", "a, b, c or 8 more". */
function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'a parameter';
  if (names.length <= NAMED_PARAMETERS) return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return `${names.slice(0, NAMED_PARAMETERS).join(', ')} or ${names.length - NAMED_PARAMETERS} more`;
}

/** The requirement a spec node names as its own (error and warning rules, flags). */
function ownerOf(node: unknown): string | undefined {
  return isRecord(node) && typeof node['requirement'] === 'string' ? node['requirement'] : undefined;
}

function tokensOf(path: string): string[] {
  return path
    .split('/')
    .filter((t) => t !== '')
    .map(unescapeToken);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
