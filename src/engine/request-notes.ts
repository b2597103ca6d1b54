/**
 * What the kit's own request did on purpose, said next to a failure so that QA does not take it
 * for the target's doing: more items in a list parameter than its schema's `maxItems`, an id
 * repeated in one list, a malformed percent-encoding. Every limit comes from the spec; none is
 * typed here, and the words that document it are the evidence of the requirement that governs
 * the keyword (ERR-11014-CAP quotes S6 for eventIds, PARAM-REFERENCE-COUNT the seed for
 * eventReferenceIds).
 */
import type { LoadedSpec } from '../contract/load.js';

const MALFORMED_PERCENT = /%(?![0-9A-Fa-f]{2})/;

/** The parameters of a raw query, by name, each value split on commas when the spec lists it as an array. */
function listValues(rawQuery: string, spec: LoadedSpec): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const part of rawQuery.split('&')) {
    const [rawName = '', rawValue = ''] = part.split(/=(.*)/s, 2);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      continue;
    }
    const parameter = spec.parameters.find((p) => p.name === name);
    if (parameter?.kind !== 'array') continue;
    lists.set(name, [...(lists.get(name) ?? []), ...value.split(',')]);
  }
  return lists;
}

/** The words a cap rests on: the first quote of a requirement that governs the keyword, else the keyword's pointer. */
function capBasis(spec: LoadedSpec, pointer: string): string {
  for (const requirement of spec.requirements) {
    if (!requirement.governs.includes(pointer)) continue;
    const quoted = requirement.evidence?.find((item) => item.quote !== undefined);
    if (quoted) return `${requirement.id}, ${quoted.source}: "${quoted.quote}"`;
  }
  return pointer;
}

function capNotes(lists: ReadonlyMap<string, readonly string[]>, spec: LoadedSpec): string[] {
  const notes: string[] = [];
  for (const [name, items] of lists) {
    const parameter = spec.parameter(name);
    const max = parameter.schema['maxItems'];
    if (typeof max === 'number' && items.length > max)
      notes.push(
        `the kit's request sends ${items.length} ${name}, more than the documented cap of ${max} (${capBasis(spec, `${parameter.pointer}/schema/maxItems`)}): the answer may be the target's reply to that cap`,
      );
    const repeated = [...new Set(items.filter((item, i) => items.indexOf(item) !== i))];
    if (repeated.length > 0)
      notes.push(`the kit's request repeats ${name} ${repeated.slice(0, 5).join(', ')}${repeated.length > 5 ? ', …' : ''}`);
  }
  return notes;
}

/** Notes on a request URL as sent (empty when the request did nothing unusual). */
export function requestNotesOf(spec: LoadedSpec, url: string): string[] {
  const question = url.indexOf('?');
  if (question === -1) return [];
  const rawQuery = url.slice(question + 1);
  const malformed = MALFORMED_PERCENT.exec(rawQuery);
  return [
    ...(malformed
      ? [
          `the kit's request carries a malformed percent-encoding on purpose ("${rawQuery.slice(malformed.index, malformed.index + 3)}"): the target may refuse the request line before it reads the parameters`,
        ]
      : []),
    ...capNotes(listValues(rawQuery, spec), spec),
  ];
}
