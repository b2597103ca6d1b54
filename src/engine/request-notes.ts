/**
 * What the kit's own request did on purpose, said next to a failure so that QA does not take it
 * for the target's doing: more items in a list parameter than a documented cap (the spec's
 * `x-ledger-limits.listCaps`, or a parameter schema's `maxItems`), an id repeated in one list, a
 * malformed percent-encoding. Every limit comes from the spec; none is typed here.
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

function capNotes(lists: ReadonlyMap<string, readonly string[]>, spec: LoadedSpec): string[] {
  const notes: string[] = [];
  for (const [name, items] of lists) {
    const listed = spec.knobs.limits.listCaps?.find((cap) => cap.parameters.includes(name));
    const schemaMax = spec.parameter(name).schema['maxItems'];
    const cap = listed
      ? { max: listed.maxItems, because: `${listed.source}: "${listed.quote}"` }
      : typeof schemaMax === 'number'
        ? { max: schemaMax, because: `the spec's maxItems of parameter ${name}` }
        : undefined;
    if (cap && items.length > cap.max)
      notes.push(
        `the kit's request sends ${items.length} ${name}, more than the documented cap of ${cap.max} (${cap.because}): the answer may be the target's reply to that cap`,
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
