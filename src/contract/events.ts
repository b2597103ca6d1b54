/**
 * The event vocabulary: the names `EventName` enumerates, and the one `LedgerEvent.oneOf`
 * branch each name selects (every name exactly one).
 */
import type { Validators } from './compile.js';
import type { JsonSchema } from './parameters.js';
import type { Fail } from '../core/pointer.js';
import { COMPONENT_REF } from './schema-refs.js';

export interface EventModel {
  /** Documented event names, in spec order. */
  readonly eventNames: readonly string[];
  /** The component schema that each event name selects. */
  readonly eventSchemaByName: ReadonlyMap<string, string>;
  /** The validators of the schema each event name selects. */
  readonly eventValidators: ReadonlyMap<string, Validators>;
}

export function readEvents(
  componentSchemas: Record<string, JsonSchema>,
  compiled: ReadonlyMap<string, Validators>,
  fail: Fail,
): EventModel {
  const eventNameSchema = componentSchemas['EventName'];
  if (!eventNameSchema || !Array.isArray(eventNameSchema['enum']))
    fail(COMPONENT_REF + 'EventName', 'must be a string enum of the event names');
  const eventNames = eventNameSchema!['enum'] as string[];
  const eventSchemaByName = new Map<string, string>();
  const ledgerEvent = componentSchemas['LedgerEvent'];
  const branches = ledgerEvent?.['oneOf'];
  if (!Array.isArray(branches)) fail(COMPONENT_REF + 'LedgerEvent', 'must be a oneOf of event schemas, one per eventName');
  (branches as { $ref?: string }[]).forEach((branch, index) => {
    const pointer = `${COMPONENT_REF}LedgerEvent/oneOf/${index}`;
    if (typeof branch.$ref !== 'string') fail(pointer, 'each branch must be a $ref to an event schema');
    const name = branch.$ref!.slice(COMPONENT_REF.length);
    const eventName = (componentSchemas[name]?.['properties'] as Record<string, JsonSchema> | undefined)?.['eventName'];
    const names = eventName?.['const'] !== undefined ? [eventName['const']] : (eventName?.['enum'] as unknown[] | undefined);
    if (!names) fail(COMPONENT_REF + name + '/properties/eventName', 'must fix the event name with const or enum');
    for (const n of names!) {
      if (typeof n !== 'string') fail(COMPONENT_REF + name + '/properties/eventName', 'event names are strings');
      if (eventSchemaByName.has(n as string)) fail(pointer, `event name ${String(n)} is selected by two schemas`);
      eventSchemaByName.set(n as string, name);
    }
  });
  for (const name of eventNames) {
    if (!eventSchemaByName.has(name))
      fail(COMPONENT_REF + 'EventName', `event name ${name} has no event schema in LedgerEvent.oneOf`);
  }
  const eventValidators = new Map(
    [...eventSchemaByName].map(([eventName, schemaName]) => [eventName, compiled.get(schemaName)!]),
  );
  return { eventNames, eventSchemaByName, eventValidators };
}
