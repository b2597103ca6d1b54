/**
 * A faster way to the same verdict for a body whose `events` items are a `oneOf` selected by
 * `eventName`. ajv tries every branch of the `oneOf` for every event, and with `allErrors` it
 * validates each event in full against every branch: a 200 body of ten exploded events costs
 * milliseconds. Each event is judged instead by the one branch its `eventName` selects (the
 * loader checks that exactly one branch takes each name), and the rest of the body with an
 * empty event list.
 *
 * Only a pass is taken from here: a body it does not pass is validated in full, so the issues a
 * report shows never change. And it is offered only when the schemas make it equivalent: the
 * event list says nothing but `type: array` and `items`, and the item schema nothing but the
 * object type, the required `eventName` string and the `oneOf`.
 */
import type { ValidateFunction } from 'ajv';
import type { JsonSchema } from './parameters.js';

interface Validators {
  readonly open: ValidateFunction;
  readonly closed: ValidateFunction;
}

/** Keywords that only describe. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'example', '$comment']);

const only = (schema: JsonSchema | undefined, allowed: readonly string[]): boolean =>
  schema !== undefined && Object.keys(schema).every((k) => ANNOTATIONS.has(k) || allowed.includes(k));

/** Whether `events` of `response` is a list of `item`, and `item` only a oneOf by `eventName` (see above). */
function equivalent(schemas: Readonly<Record<string, JsonSchema>>, response: string, item: string): boolean {
  const events = (schemas[response]?.['properties'] as Record<string, JsonSchema> | undefined)?.['events'];
  const ledgerEvent = schemas[item];
  if (!only(events, ['type', 'items']) || events!['type'] !== 'array') return false;
  if (
    (events!['items'] as { $ref?: unknown } | undefined)?.$ref !== `#/components/schemas/${item}` ||
    !only(events!['items'] as JsonSchema, ['$ref'])
  )
    return false;
  if (!only(ledgerEvent, ['type', 'required', 'properties', 'oneOf']) || !Array.isArray(ledgerEvent!['oneOf'])) return false;
  if (ledgerEvent!['type'] !== undefined && ledgerEvent!['type'] !== 'object') return false;
  const required = (ledgerEvent!['required'] as unknown[] | undefined) ?? [];
  const properties = (ledgerEvent!['properties'] as Record<string, JsonSchema> | undefined) ?? {};
  const eventName = properties['eventName'];
  return (
    required.every((name) => name === 'eventName') &&
    Object.keys(properties).every((name) => name === 'eventName') &&
    (eventName === undefined || (only(eventName, ['type']) && eventName['type'] === 'string'))
  );
}

/**
 * `passes(body, closed)`: true only when the whole body validates (open or closed variant).
 * Undefined when the schemas do not make the shortcut equivalent.
 */
export function eventByEventPass(
  schemas: Readonly<Record<string, JsonSchema>>,
  names: { readonly response: string; readonly item: string },
  envelope: Validators,
  eventValidators: ReadonlyMap<string, Validators>,
): ((body: unknown, closed: boolean) => boolean) | undefined {
  if (!equivalent(schemas, names.response, names.item)) return undefined;
  return (body, closed) => {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
    const events = (body as { events?: unknown }).events;
    if (!Array.isArray(events)) return false;
    for (const event of events) {
      if (event === null || typeof event !== 'object' || Array.isArray(event)) return false;
      const eventName = (event as { eventName?: unknown }).eventName;
      const validators = typeof eventName === 'string' ? eventValidators.get(eventName) : undefined;
      if (validators === undefined || !(closed ? validators.closed : validators.open)(event)) return false;
    }
    return (closed ? envelope.closed : envelope.open)({ ...body, events: [] });
  };
}
