/**
 * The responses the operation documents, each with the judgement of a body against its schema:
 * open (as written) and closed (no undocumented property), event lists judged event by event.
 */
import type { ErrorObject } from 'ajv';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { CompiledComponents, Validators } from './compile.js';
import { eventByEventPass } from './event-by-event.js';
import type { JsonSchema } from './parameters.js';
import { pointerOf, type Fail } from '../core/pointer.js';
import { COMPONENT_REF } from './schema-refs.js';
import type { DocumentShape } from './shape.js';

/** One problem a body has against the spec, kept in ajv's terms until a renderer formats it. */
export interface SchemaIssue {
  /** Where in the body, as a JSON pointer without `#` (`/events/0/eventLogId`). */
  readonly instancePath: string;
  /** Where in the spec, as a URI-fragment JSON pointer (`#/components/schemas/…/type`). */
  readonly specPointer: string;
  readonly keyword: string;
  readonly message: string;
}

/** A response the operation documents. */
export interface ResponseModel {
  readonly status: number;
  readonly pointer: string;
  /** Media types with a schema; empty when the response documents no body. */
  readonly mediaTypes: readonly string[];
  /** Validates a parsed body; undefined when no body is documented. */
  readonly validate?: (body: unknown, options?: { closed?: boolean }) => readonly SchemaIssue[];
  /**
   * Both judgements of a body at once: `open` (the schema as written) and `closed` (no
   * undocumented property; only computed when the open one passes). A body that passes closed
   * passes open too, so the usual case costs one validation. Results are cached by `key`
   * (the body text): conformance runs see the same bodies many times.
   */
  readonly judge?: (
    body: unknown,
    key: string,
  ) => { readonly open: readonly SchemaIssue[]; readonly closed: readonly SchemaIssue[] };
}

const JUDGEMENT_CACHE_SIZE = 5_000;

export interface ResponseSources {
  readonly shape: DocumentShape;
  readonly componentSchemas: Record<string, JsonSchema>;
  readonly components: CompiledComponents;
  readonly eventValidators: ReadonlyMap<string, Validators>;
  readonly deref: <T>(node: unknown) => T;
  readonly fail: Fail;
}

/** Documented responses by status, ascending. */
export function readResponses(sources: ResponseSources): Map<number, ResponseModel> {
  const { shape, deref, fail } = sources;
  const responses = new Map<number, ResponseModel>();
  for (const [statusText, entry] of Object.entries(shape.operation.responses ?? {})) {
    const pointer = pointerOf('paths', shape.endpointPath, 'get', 'responses', statusText);
    if (!/^[1-5][0-9][0-9]$/.test(statusText)) fail(pointer, 'statuses are written out in full (no ranges, no default)');
    const response = deref<OpenAPIV3_1.ResponseObject>(entry);
    const content = response.content ?? {};
    const mediaTypes = Object.keys(content).filter((m) => content[m]?.schema !== undefined);
    const status = Number(statusText);
    if (mediaTypes.length === 0) {
      responses.set(status, { status, pointer, mediaTypes });
      continue;
    }
    if (mediaTypes.length > 1 || mediaTypes[0] !== 'application/json')
      fail(pointer + '/content', 'bodies are documented as application/json only');
    const ref = (content['application/json']!.schema as { $ref?: string }).$ref;
    if (typeof ref !== 'string') fail(pointer + '/content/application~1json/schema', `must be a $ref to ${COMPONENT_REF}*`);
    responses.set(status, bodyResponse(sources, { status, pointer, mediaTypes, ref: ref! }));
  }
  return new Map([...responses].sort(([a], [b]) => a - b));
}

/** A response with a JSON body: its validation, and its judgements cached by body text. */
function bodyResponse(
  sources: ResponseSources,
  response: { status: number; pointer: string; mediaTypes: string[]; ref: string },
): ResponseModel {
  const { status, pointer, mediaTypes, ref } = response;
  const { eventValidators } = sources;
  const validators = sources.components.validatorOf(ref, pointer);
  const isEventList = ref === COMPONENT_REF + 'LedgerExplodeResponse';
  const passesEventByEvent = isEventList
    ? eventByEventPass(
        sources.componentSchemas,
        { response: 'LedgerExplodeResponse', item: 'LedgerEvent' },
        validators,
        eventValidators,
      )
    : undefined;
  const validate = (body: unknown, options?: { closed?: boolean }): readonly SchemaIssue[] => {
    const closed = options?.closed === true;
    const run = closed ? validators.closed : validators.open;
    if (passesEventByEvent?.(body, closed) === true || run(body)) return [];
    return isEventList
      ? precise(run.errors ?? [], body, (eventName) => eventValidators.get(eventName), closed)
      : (run.errors ?? []).map(toIssue);
  };
  const judgements = new Map<string, { open: readonly SchemaIssue[]; closed: readonly SchemaIssue[] }>();
  return {
    status,
    pointer,
    mediaTypes,
    validate,
    judge: (body, key) => {
      let judgement = judgements.get(key);
      if (!judgement) {
        const passesClosed = passesEventByEvent?.(body, true) === true || validators.closed(body);
        const open = passesClosed ? [] : validate(body);
        judgement = { open, closed: passesClosed || open.length > 0 ? [] : validate(body, { closed: true }) };
        if (judgements.size >= JUDGEMENT_CACHE_SIZE) judgements.clear();
        judgements.set(key, judgement);
      }
      return judgement;
    },
  };
}

function specPointerOf(schemaPath: string): string {
  const fragment = schemaPath.slice(schemaPath.indexOf('#'));
  return fragment.replace(/^#\/\$defs\//, '#/components/schemas/');
}

function toIssue(error: ErrorObject): SchemaIssue {
  const params = error.params as Record<string, unknown>;
  const detail =
    error.keyword === 'additionalProperties'
      ? ` (${String(params['additionalProperty'])})`
      : error.keyword === 'enum'
        ? ` (${JSON.stringify(params['allowedValues'])})`
        : '';
  return {
    instancePath: error.instancePath,
    specPointer: specPointerOf(error.schemaPath),
    keyword: error.keyword,
    message: `${error.message ?? 'is invalid'}${detail}`,
  };
}

/**
 * ajv reports a broken event once per oneOf branch. Each event is judged instead by the one
 * schema its eventName selects, so the issues name the real problem.
 */
function precise(
  errors: readonly ErrorObject[],
  body: unknown,
  validatorFor: (eventName: string) => Validators | undefined,
  closed: boolean,
): SchemaIssue[] {
  const events = (body as { events?: unknown })?.events;
  if (!Array.isArray(events)) return errors.map(toIssue);
  const issues: SchemaIssue[] = [];
  const replaced = new Set<number>();
  events.forEach((event, index) => {
    const eventName = (event as { eventName?: unknown })?.eventName;
    const validators = typeof eventName === 'string' ? validatorFor(eventName) : undefined;
    if (!validators) return;
    const validate = closed ? validators.closed : validators.open;
    if (validate(event)) return;
    replaced.add(index);
    for (const e of validate.errors ?? []) issues.push(toIssue({ ...e, instancePath: `/events/${index}${e.instancePath}` }));
  });
  for (const e of errors) {
    const match = /^\/events\/(\d+)(\/|$)/.exec(e.instancePath);
    if (match && replaced.has(Number(match[1]))) continue;
    if (match && e.schemaPath.includes('/LedgerEvent/oneOf/')) continue;
    if (match && e.keyword === 'oneOf') {
      const eventName = (events[Number(match[1])] as { eventName?: unknown })?.eventName;
      issues.push({ ...toIssue(e), message: `eventName ${JSON.stringify(eventName)} selects no documented event schema` });
      continue;
    }
    issues.push(toIssue(e));
  }
  return issues;
}
