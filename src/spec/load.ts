import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { OpenAPIV3_1 } from 'openapi-types';
import { parseDocument } from 'yaml';
import { SpecInvalidError, UsageError } from '../core/errors.js';
import { canonicalJson } from './canonical-json.js';
import { applyOverlay, readOverlay } from './overlay.js';
import { createSpecAjv } from '../core/ajv.js';
import { eventByEventPass } from './event-by-event.js';
import { DEFAULT_SPEC_PATH, EXTENSIONS_SCHEMA_PATH, PACKAGE_ROOT } from '../core/files.js';
import type { Dialect, OverlayRef } from '../core/report-model.js';
import type { ErrorRule, Knobs, Requirement, Trigger, WarningRule } from './knobs.js';
import { dialectOf, readDialects } from './dialects.js';
import { TRIGGER_PHASE } from './knobs.js';
import { createParameterModel, type BooleanParsing, type JsonSchema, type ParameterModel } from './parameters.js';
import { pointerOf, resolvePointer } from '../core/pointer.js';

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
  readonly judge?: (body: unknown, key: string) => { readonly open: readonly SchemaIssue[]; readonly closed: readonly SchemaIssue[] };
}

const JUDGEMENT_CACHE_SIZE = 5_000;

/** The spec, parsed, checked and compiled once; everything else reads it from here. */
export interface LoadedSpec {
  readonly file: string;
  /** The file, relative to the package root when it lies inside it. */
  readonly displayPath: string;
  readonly sha256: string;
  /** OpenAPI Overlay documents applied on top of the file, in order; empty for the file as written. */
  readonly overlays: readonly OverlayRef[];
  /** sha256 of the effective document: the file's when no overlay applies. */
  readonly effectiveSha256: string;
  /** How the effective knobs depart from the packaged spec's (see x-ledger-dialects). */
  readonly dialect: Dialect;
  readonly title: string;
  readonly version: string;
  readonly document: OpenAPIV3_1.Document;
  /** The one operation's path, e.g. `/v2/pointsLedger/getLedgerExplodeInfo`. */
  readonly endpointPath: string;
  readonly operationPointer: string;
  readonly parameters: readonly ParameterModel[];
  parameter(name: string): ParameterModel;
  readonly requirements: readonly Requirement[];
  requirement(id: string): Requirement | undefined;
  readonly knobs: Knobs;
  /** Documented statuses, ascending. */
  readonly responses: ReadonlyMap<number, ResponseModel>;
  /** Documented event names (the values `eventName` accepts), in spec order. */
  readonly eventNames: readonly string[];
  /** The component schema that each event name selects. */
  readonly eventSchemaByName: ReadonlyMap<string, string>;
  /** Legacy/ISO twin property pairs, derived from the schemas. */
  readonly isoTwins: readonly { readonly legacy: string; readonly iso: string }[];
  /** The value at a JSON pointer of the document. */
  resolve(pointer: string): unknown;
  /** A component schema with its local references inlined (for generators and docs). */
  schema(name: string): JsonSchema;
}

const COMPONENTS_ID = 'urn:ledger-explode:components';
const CLOSED_ID = 'urn:ledger-explode:components-closed';
const PARAMETERS_ID = 'urn:ledger-explode:parameters';
const COMPONENT_REF = '#/components/schemas/';

const cache = new Map<string, LoadedSpec>();

/** Where a run's spec comes from: a file (the packaged spec by default) and overlays applied in order. */
export interface SpecSource {
  readonly spec?: string;
  readonly overlays?: readonly string[];
}

/**
 * Loads, checks and compiles the spec. The result is cached per file: the spec is read once
 * per process. Throws `SpecInvalidError` naming the JSON pointer of the first problem.
 */
export function loadSpec(file: string = DEFAULT_SPEC_PATH): LoadedSpec {
  const cached = cache.get(file);
  if (cached) return cached;
  const text = readSpecFile(file);
  const spec = buildSpec({ file, label: file, document: parseSpecText(text, file), sha256: sha256Of(text), overlays: [] });
  cache.set(file, spec);
  return spec;
}

/**
 * The spec a run judges against: `--spec` (the packaged one by default) with every `--overlay`
 * applied in order. It goes through the same checks as the file itself (ajv strict, the
 * extensions schema, the knob cross-checks), and carries its dialect: how its knobs depart from
 * the packaged spec's.
 */
export function loadEffectiveSpec(source: SpecSource = {}): LoadedSpec {
  const file = source.spec ?? DEFAULT_SPEC_PATH;
  const overlayFiles = source.overlays ?? [];
  if (overlayFiles.length === 0) return loadSpec(file);
  const text = readSpecFile(file);
  let document = parseSpecText(text, file);
  const overlays: OverlayRef[] = [];
  for (const overlayFile of overlayFiles) {
    const overlay = readOverlay(overlayFile);
    document = applyOverlay(document, overlay.document, overlayFile) as Record<string, unknown>;
    overlays.push(overlay.ref);
  }
  const label = `${file} with ${overlayFiles.length === 1 ? 'overlay' : 'overlays'} ${overlayFiles.join(', ')}`;
  return buildSpec({ file, label, document, sha256: sha256Of(text), overlays });
}

/** Loads a spec from text (tests use it to prove that broken specs are refused). */
export function loadSpecFromText(text: string, file = 'inline.yaml'): LoadedSpec {
  return buildSpec({ file, label: file, document: parseSpecText(text, file), sha256: sha256Of(text), overlays: [] });
}

const sha256Of = (text: string): string => createHash('sha256').update(text).digest('hex');

function readSpecFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError('--spec', `cannot read ${file}: ${(error as Error).message}`);
  }
}

function parseSpecText(text: string, file: string): Record<string, unknown> {
  const yamlDoc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (yamlDoc.errors.length > 0) throw new SpecInvalidError('#', `not valid YAML: ${yamlDoc.errors[0]!.message}`, file);
  return yamlDoc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>;
}

interface SpecInput {
  readonly file: string;
  /** How errors name the document: the file, and the overlays applied to it. */
  readonly label: string;
  readonly document: Record<string, unknown>;
  /** sha256 of the file's bytes. */
  readonly sha256: string;
  readonly overlays: readonly OverlayRef[];
}

function buildSpec(input: SpecInput): LoadedSpec {
  const { file, sha256 } = input;
  const fail = (pointer: string, rule: string): never => {
    throw new SpecInvalidError(pointer, rule, input.label);
  };
  const document = input.document as unknown as OpenAPIV3_1.Document;
  // Without overlays the effective spec is the file; with them, its canonical JSON.
  const effectiveSha256 = input.overlays.length === 0 ? sha256 : sha256Of(canonicalJson(input.document));

  if (typeof document !== 'object' || document === null) fail('#', 'the document is not a mapping');
  if (!/^3\.1\.\d+$/.test(String((document as { openapi?: unknown }).openapi))) {
    fail('#/openapi', 'must be an OpenAPI 3.1.x version string');
  }
  const paths = Object.keys(document.paths ?? {});
  if (paths.length !== 1) fail('#/paths', `must hold exactly one path (the endpoint), found ${paths.length}`);
  const endpointPath = paths[0]!;
  const pathItem = document.paths![endpointPath]! as Record<string, unknown>;
  const methods = Object.keys(pathItem).filter((k) => ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(k));
  if (methods.length !== 1 || methods[0] !== 'get') {
    fail(pointerOf('paths', endpointPath), 'must declare exactly one operation, get (the suite only ever sends GET)');
  }
  const operationPointer = pointerOf('paths', endpointPath, 'get');
  const operation = pathItem['get'] as OpenAPIV3_1.OperationObject & Record<string, unknown>;
  const resolve = (pointer: string): unknown => resolvePointer(document, pointer);
  const deref = <T>(node: unknown): T => {
    let current = node as { $ref?: string } | undefined;
    for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
      if (hops > 20) fail(current.$ref, 'reference cycle');
      const target = resolve(current.$ref);
      if (target === undefined) fail(current.$ref, 'reference points nowhere');
      current = target as { $ref?: string };
    }
    return current as T;
  };

  // ---- the extension vocabulary (x-conformance, x-ledger-*) ----------------------------
  const ajv = createSpecAjv();
  const extensionsSchema = JSON.parse(readFileSync(EXTENSIONS_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  ajv.addSchema(extensionsSchema);
  const checkExtension = (defName: string, value: unknown, pointer: string): void => {
    const validate = ajv.getSchema(`urn:ledger-explode:extensions#/$defs/${defName}`)!;
    if (!validate(value)) {
      const error = firstMeaningfulError(validate.errors ?? []);
      fail(pointer + error.instancePath, `${error.message ?? 'invalid'} (openapi/extensions.schema.json ${error.schemaPath})`);
    }
  };
  const documentRecord = document as unknown as Record<string, unknown>;
  if (documentRecord['x-conformance'] === undefined) fail('#/x-conformance', 'the requirement catalog is missing');
  checkExtension('Conformance', documentRecord['x-conformance'], '#/x-conformance');
  checkExtension('Operation', operation, operationPointer);

  // ---- component schemas: compiled once, open and closed ------------------------------
  const componentSchemas = (document.components?.schemas ?? {}) as Record<string, JsonSchema>;
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(componentSchemas, COMPONENTS_ID) });
  ajv.addSchema({ $id: CLOSED_ID, $defs: rewriteRefs(closeSchemas(componentSchemas), CLOSED_ID) });
  const compiled = new Map<string, { open: ValidateFunction; closed: ValidateFunction }>();
  for (const name of Object.keys(componentSchemas)) {
    const pointer = COMPONENT_REF + name;
    try {
      const open = ajv.getSchema(`${COMPONENTS_ID}#/$defs/${name}`)!;
      let closed: ValidateFunction | undefined;
      // The closed variant only adds additionalProperties: false, so it compiles whenever the
      // open one does; it is compiled on first use to keep start-up short.
      compiled.set(name, {
        open,
        get closed() {
          return (closed ??= ajv.getSchema(`${CLOSED_ID}#/$defs/${name}`)!);
        },
      });
    } catch (error) {
      fail(locateCompileError(componentSchemas, pointer, error), `does not compile in strict JSON Schema 2020-12: ${(error as Error).message}`);
    }
  }
  const componentValidator = (ref: string, pointer: string): { open: ValidateFunction; closed: ValidateFunction } => {
    if (!ref.startsWith(COMPONENT_REF)) fail(pointer, `schemas must reference ${COMPONENT_REF}*, found ${ref}`);
    const found = compiled.get(ref.slice(COMPONENT_REF.length));
    if (!found) fail(pointer, `reference points nowhere: ${ref}`);
    return found!;
  };

  // ---- parameters --------------------------------------------------------------------------
  const parameters: ParameterModel[] = [];
  const booleans = (operation['x-ledger-parsing'] as { booleans: BooleanParsing }).booleans;
  (operation.parameters ?? []).forEach((entry, index) => {
    const declared = '$ref' in entry ? (entry.$ref as string) : pointerOf('paths', endpointPath, 'get', 'parameters', index);
    const parameter = deref<OpenAPIV3_1.ParameterObject & Record<string, unknown>>(entry);
    if (parameter.in !== 'query') fail(declared, `only query parameters are supported, found in: ${parameter.in}`);
    const ci = parameter['x-ledger-case-insensitive'];
    if (ci !== undefined && typeof ci !== 'boolean') fail(declared + '/x-ledger-case-insensitive', 'must be a boolean');
    const schema = inlineRefs(parameter.schema as JsonSchema, componentSchemas, declared + '/schema', fail);
    const type = schema['type'];
    if (!['string', 'boolean', 'integer', 'array'].includes(type as string)) {
      fail(declared + '/schema/type', 'must be string, boolean, integer or array');
    }
    if (type === 'array' && (parameter.style ?? 'form') === 'form' && parameter.explode !== false) {
      fail(declared + '/explode', 'array parameters are comma-separated here: style form with explode false');
    }
    let validate: ValidateFunction;
    try {
      validate = ajv.compile({ $id: `${PARAMETERS_ID}:${parameter.name}`, ...rewriteRefs(parameter.schema as JsonSchema, COMPONENTS_ID) });
    } catch (error) {
      return fail(declared + '/schema', `does not compile in strict JSON Schema 2020-12: ${(error as Error).message}`);
    }
    parameters.push(
      createParameterModel({
        name: parameter.name,
        pointer: declared,
        required: parameter.required === true,
        description: parameter.description ?? '',
        schema,
        caseInsensitive: ci === true,
        booleans,
        validate,
      }),
    );
  });
  const parameterByName = new Map(parameters.map((p) => [p.name, p]));
  const parameter = (name: string): ParameterModel => {
    const found = parameterByName.get(name);
    if (!found) throw new Error(`the spec declares no parameter ${name}`);
    return found;
  };

  // ---- events ------------------------------------------------------------------------------
  const eventNameSchema = componentSchemas['EventName'];
  if (!eventNameSchema || !Array.isArray(eventNameSchema['enum'])) fail(COMPONENT_REF + 'EventName', 'must be a string enum of the event names');
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
    if (!eventSchemaByName.has(name)) fail(COMPONENT_REF + 'EventName', `event name ${name} has no event schema in LedgerEvent.oneOf`);
  }
  const eventValidators = new Map([...eventSchemaByName].map(([eventName, schemaName]) => [eventName, compiled.get(schemaName)!]));

  // ---- responses ---------------------------------------------------------------------------
  const responses = new Map<number, ResponseModel>();
  for (const [statusText, entry] of Object.entries(operation.responses ?? {})) {
    const pointer = pointerOf('paths', endpointPath, 'get', 'responses', statusText);
    if (!/^[1-5][0-9][0-9]$/.test(statusText)) fail(pointer, 'statuses are written out in full (no ranges, no default)');
    const response = deref<OpenAPIV3_1.ResponseObject>(entry);
    const content = response.content ?? {};
    const mediaTypes = Object.keys(content).filter((m) => content[m]?.schema !== undefined);
    const status = Number(statusText);
    if (mediaTypes.length === 0) {
      responses.set(status, { status, pointer, mediaTypes });
      continue;
    }
    if (mediaTypes.length > 1 || mediaTypes[0] !== 'application/json') fail(pointer + '/content', 'bodies are documented as application/json only');
    const ref = (content['application/json']!.schema as { $ref?: string }).$ref;
    if (typeof ref !== 'string') fail(pointer + '/content/application~1json/schema', `must be a $ref to ${COMPONENT_REF}*`);
    const validators = componentValidator(ref!, pointer);
    const isEventList = ref === COMPONENT_REF + 'LedgerExplodeResponse';
    const passesEventByEvent = isEventList ? eventByEventPass(componentSchemas, { response: 'LedgerExplodeResponse', item: 'LedgerEvent' }, validators, eventValidators) : undefined;
    const validate = (body: unknown, options?: { closed?: boolean }): readonly SchemaIssue[] => {
      const closed = options?.closed === true;
      const run = closed ? validators.closed : validators.open;
      if (passesEventByEvent?.(body, closed) === true || run(body)) return [];
      return isEventList ? precise(run.errors ?? [], body, (eventName) => eventValidators.get(eventName), closed) : (run.errors ?? []).map(toIssue);
    };
    const judgements = new Map<string, { open: readonly SchemaIssue[]; closed: readonly SchemaIssue[] }>();
    responses.set(status, {
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
    });
  }
  const sortedResponses = new Map([...responses].sort(([a], [b]) => a - b));

  // ---- knobs and requirements ------------------------------------------------------------
  const requirements = (documentRecord['x-conformance'] as { requirements: Omit<Requirement, 'index'>[] }).requirements.map((r, index): Requirement => ({ ...r, index }));
  const requirementById = new Map<string, Requirement>();
  requirements.forEach((r) => {
    if (requirementById.has(r.id)) fail(`#/x-conformance/requirements/${r.index}/id`, `duplicate requirement id ${r.id}`);
    requirementById.set(r.id, r);
    r.governs.forEach((pointer, i) => {
      if (resolve(pointer) === undefined) fail(`#/x-conformance/requirements/${r.index}/governs/${i}`, `points nowhere: ${pointer}`);
    });
  });
  const rules = readKnobs(operation, operationPointer);
  crossCheck({ knobs: rules, parameterByName, requirementById, eventNames, componentSchemas, operationPointer, fail });
  checkEvidence(requirements, rules, requirementById, fail);
  const dialects = readDialects(operation['x-ledger-dialects'] as Parameters<typeof readDialects>[0], document, `${operationPointer}/x-ledger-dialects`, fail, (id) => requirementById.has(id));
  const knobs: Knobs = { ...rules, dialects };
  // The packaged spec is the canonical one; any other (a --spec file, overlays) is judged by how it departs from it.
  const canonical = input.overlays.length === 0 && file === DEFAULT_SPEC_PATH ? input.document : loadSpec(DEFAULT_SPEC_PATH).document;
  const dialect = dialectOf(dialects, input.document, canonical);

  const isoTwins = deriveIsoTwins(componentSchemas, knobs.timestamps.isoTwinSuffix);
  const info = document.info ?? ({} as OpenAPIV3_1.InfoObject);
  const rel = relative(PACKAGE_ROOT, file);
  return {
    file,
    displayPath: rel.startsWith('..') ? file : rel,
    sha256,
    overlays: input.overlays,
    effectiveSha256,
    dialect,
    title: info.title,
    version: info.version,
    document,
    endpointPath,
    operationPointer,
    parameters,
    parameter,
    requirements,
    requirement: (id) => requirementById.get(id),
    knobs,
    responses: sortedResponses,
    eventNames,
    eventSchemaByName,
    isoTwins,
    resolve,
    schema: (name) => inlineRefs({ $ref: COMPONENT_REF + name }, componentSchemas, COMPONENT_REF + name, fail),
  };
}

/** Reads the knobs; their shapes were checked against openapi/extensions.schema.json. */
function readKnobs(operation: Record<string, unknown>, operationPointer: string): Omit<Knobs, 'dialects'> {
  const errors = (operation['x-ledger-errors'] as Omit<ErrorRule, 'index' | 'pointer'>[]).map((rule, index) => ({
    ...rule,
    trigger: rule.trigger as Trigger,
    index,
    pointer: `${operationPointer}/x-ledger-errors/${index}`,
  }));
  const warnings = (operation['x-ledger-warnings'] as Omit<WarningRule, 'pointer'>[]).map((rule, index) => ({
    ...rule,
    pointer: `${operationPointer}/x-ledger-warnings/${index}`,
  }));
  const flags = Object.fromEntries(
    Object.entries(operation['x-ledger-flags'] as Record<string, Omit<Knobs['flags'][string], 'whenOff'> & { whenOff?: 'absent' | 'absent-or-empty' }>).map(([flag, knob]) => [
      flag,
      { ...knob, whenOff: knob.whenOff ?? 'absent' },
    ]),
  );
  const events = operation['x-ledger-events'] as { withoutDetail: string[]; refusedByName: string[] };
  return {
    pagination: operation['x-ledger-pagination'] as Knobs['pagination'],
    eventsWithoutDetail: events.withoutDetail,
    eventsRefusedByName: events.refusedByName,
    flags,
    alternateCurrencies: operation['x-ledger-alternate-currencies'] as Knobs['alternateCurrencies'],
    identifiers: operation['x-ledger-identifiers'] as Knobs['identifiers'],
    userGroups: operation['x-ledger-user-groups'] as Knobs['userGroups'],
    timestamps: operation['x-ledger-timestamps'] as Knobs['timestamps'],
    parsing: operation['x-ledger-parsing'] as Knobs['parsing'],
    limits: operation['x-ledger-limits'] as Knobs['limits'],
    auth: operation['x-ledger-auth'] as Knobs['auth'],
    errors,
    warnings,
  };
}

/**
 * Every MUST needs a source: a requirement or a rule that rests on a decision of this project
 * is judged at SHOULD at most, unless it judges only targets that opt in (GOLDEN-MATCH). A
 * requirement whose judgement a dialect knob governs stays MUST: its alternatives are evidenced.
 */
function checkEvidence(requirements: readonly Requirement[], knobs: Pick<Knobs, 'errors'>, requirementById: ReadonlyMap<string, Requirement>, fail: (pointer: string, rule: string) => never): void {
  for (const r of requirements) {
    if (r.level === 'MUST' && r.basis === 'decided' && r.optIn === undefined) {
      fail(`#/x-conformance/requirements/${r.index}/level`, `${r.id} rests on a decision (basis decided): it can be SHOULD at most, or give the evidence that makes it documented or observed`);
    }
  }
  for (const rule of knobs.errors) {
    if (rule.basis === 'decided' && requirementById.get(rule.requirement)?.level === 'MUST') {
      fail(`${rule.pointer}/basis`, `error ${rule.code} (${rule.trigger.kind}) rests on a decision, but its requirement ${rule.requirement} is MUST: judge it at SHOULD at most`);
    }
  }
}

/** Consistency rules between knobs, parameters, schemas and the catalog. */
function crossCheck(ctx: {
  knobs: Omit<Knobs, 'dialects'>;
  parameterByName: ReadonlyMap<string, ParameterModel>;
  requirementById: ReadonlyMap<string, Requirement>;
  eventNames: readonly string[];
  componentSchemas: Record<string, JsonSchema>;
  operationPointer: string;
  fail: (pointer: string, rule: string) => never;
}): void {
  const { knobs, parameterByName, requirementById, eventNames, operationPointer: op, fail } = ctx;
  const needRequirement = (id: string, pointer: string): void => {
    if (!requirementById.has(id)) fail(pointer, `names requirement ${id}, which x-conformance lacks`);
  };
  const needParameter = (name: string, pointer: string, kind?: ParameterModel['kind']): ParameterModel => {
    const p = parameterByName.get(name);
    if (!p) return fail(pointer, `names parameter ${name}, which the operation does not declare`);
    if (kind && p.kind !== kind) fail(pointer, `parameter ${name} must be of type ${kind}`);
    return p;
  };
  const enumOf = (name: string): readonly unknown[] => parameterByName.get(name)?.enumValues ?? [];

  let phase = 0;
  const covered = new Set<string>();
  knobs.errors.forEach((rule) => {
    needRequirement(rule.requirement, rule.pointer + '/requirement');
    const p = TRIGGER_PHASE[rule.trigger.kind];
    if (p < phase) fail(rule.pointer + '/trigger', `a ${rule.trigger.kind} rule cannot follow rules that need lookups: order the rules by what a target must know first`);
    phase = p;
    const t = rule.trigger;
    if (t.kind === 'missing') t.parameters.forEach((n, i) => needParameter(n, `${rule.pointer}/trigger/parameters/${i}`));
    if (t.kind === 'invalid') t.parameters.forEach((n, i) => { needParameter(n, `${rule.pointer}/trigger/parameters/${i}`); covered.add(n); });
    if (t.kind === 'org-setting-disabled') needParameter(t.parameter, rule.pointer + '/trigger/parameter', 'boolean');
  });
  // Every value a parameter's schema can refuse needs a documented answer.
  for (const p of parameterByName.values()) {
    const constrained = p.kind !== 'string' || Object.keys(p.schema).some((k) => ['enum', 'pattern', 'minLength', 'maxLength', 'const', 'format'].includes(k));
    if (constrained && !covered.has(p.name) && !(p.kind === 'string' && p.required && Object.keys(p.schema).every((k) => ['type', 'minLength'].includes(k)))) {
      fail(p.pointer, `the schema can refuse a value of ${p.name}, but no x-ledger-errors rule of kind invalid names it`);
    }
  }

  const warningSchema = ctx.componentSchemas['Warning']?.['properties'] as Record<string, JsonSchema> | undefined;
  const warningCodes = (warningSchema?.['code']?.['enum'] as number[] | undefined) ?? [];
  knobs.warnings.forEach((rule) => {
    needRequirement(rule.requirement, rule.pointer + '/requirement');
    [rule.code, ...rule.acceptedCodes].forEach((code) => {
      if (!warningCodes.includes(code)) fail(rule.pointer, `warning code ${code} is not in #/components/schemas/Warning/properties/code/enum`);
    });
    if (!rule.acceptedCodes.includes(rule.code)) fail(rule.pointer + '/acceptedCodes', `must include the code the reference sends, ${rule.code}`);
  });

  const checkReveal = (reveal: { eventNames: readonly string[]; requires?: readonly string[] }, pointer: string): void => {
    reveal.eventNames.forEach((n, i) => {
      if (!eventNames.includes(n)) fail(`${pointer}/eventNames/${i}`, `${n} is not a documented event name`);
    });
    (reveal.requires ?? []).forEach((f, i) => {
      if (!(f in knobs.flags)) fail(`${pointer}/requires/${i}`, `${f} is not a flag of x-ledger-flags`);
    });
  };
  for (const [flag, knob] of Object.entries(knobs.flags)) {
    const pointer = `${op}/x-ledger-flags/${flag}`;
    needParameter(flag, pointer, 'boolean');
    needRequirement(knob.requirement, pointer + '/requirement');
    knob.reveals.forEach((r, i) => checkReveal(r, `${pointer}/reveals/${i}`));
  }
  const ac = knobs.alternateCurrencies;
  needParameter(ac.includeParameter, `${op}/x-ledger-alternate-currencies/includeParameter`, 'boolean');
  needParameter(ac.namesParameter, `${op}/x-ledger-alternate-currencies/namesParameter`, 'array');
  ac.blocks.forEach((r, i) => checkReveal(r, `${op}/x-ledger-alternate-currencies/blocks/${i}`));

  const ids = knobs.identifiers;
  const idPointer = `${op}/x-ledger-identifiers`;
  for (const [type, names] of Object.entries(ids.byType)) {
    if (!enumOf('type').includes(type)) fail(`${idPointer}/byType/${type}`, `${type} is not a value of the type parameter`);
    names.forEach((n, i) => {
      if (!enumOf('identifierName').includes(n)) fail(`${idPointer}/byType/${type}/${i}`, `${n} is not a value of identifierName`);
    });
  }
  for (const n of [...ids.caseInsensitiveValues, ...Object.keys(ids.valuePatterns)]) {
    if (!enumOf('identifierName').includes(n)) fail(idPointer, `${n} is not a value of identifierName`);
  }
  for (const s of [ids.anySource, ...ids.accountIdIgnoredFor]) {
    if (!enumOf('source').includes(s)) fail(idPointer, `${s} is not a value of source`);
  }
  if (!enumOf('type').includes(knobs.userGroups.groupType)) fail(`${op}/x-ledger-user-groups/groupType`, 'is not a value of the type parameter');
  needParameter(knobs.userGroups.primaryUserParameter, `${op}/x-ledger-user-groups/primaryUserParameter`, 'boolean');
  knobs.eventsWithoutDetail.forEach((n, i) => {
    if (eventNames.includes(n)) fail(`${op}/x-ledger-events/withoutDetail/${i}`, `${n} is an event name with detail; it cannot be without`);
  });
  for (const name of ['identifierName', 'identifierValue', 'source', 'type', 'eventIds', 'eventName', 'eventReferenceIds', 'offset', 'limit']) {
    needParameter(name, op + '/parameters');
  }
}

/** Adds `additionalProperties: false` to every plain object schema: the closed variant. */
function closeSchemas(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'enum' || k === 'const' || k === 'example' ? v : close(v);
    const composed = ['oneOf', 'anyOf', 'allOf', '$ref'].some((k) => k in out);
    if ('properties' in out && !composed && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) {
      out['additionalProperties'] = false;
    }
    return out;
  };
  return close(schemas) as Record<string, JsonSchema>;
}

/** Points `#/components/schemas/X` references at the compiled container `base#/$defs/X`. */
function rewriteRefs<T>(node: T, base: string): T {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, base)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith(COMPONENT_REF) ? `${base}#/$defs/${v.slice(COMPONENT_REF.length)}` : k === 'enum' || k === 'const' ? v : rewriteRefs(v, base);
  }
  return out as T;
}

/** Inlines local schema references (the spec has no cycles; a cycle is reported). */
function inlineRefs(node: JsonSchema, schemas: Record<string, JsonSchema>, pointer: string, fail: (p: string, r: string) => never, depth = 0): JsonSchema {
  if (depth > 50) fail(pointer, 'schema references nest too deep (a cycle?)');
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(walk);
    if (n === null || typeof n !== 'object') return n;
    const record = n as Record<string, unknown>;
    if (typeof record['$ref'] === 'string') {
      const ref = record['$ref'];
      const target = ref.startsWith(COMPONENT_REF) ? schemas[ref.slice(COMPONENT_REF.length)] : undefined;
      if (!target) fail(pointer, `reference points nowhere: ${ref}`);
      return inlineRefs(target!, schemas, ref, fail, depth + 1);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) out[k] = k === 'enum' || k === 'const' ? v : walk(v);
    return out;
  };
  return walk(node) as JsonSchema;
}

/** Every `X` + suffix property declared beside an `X` property, across the component schemas. */
function deriveIsoTwins(schemas: Record<string, JsonSchema>, suffix: string): { legacy: string; iso: string }[] {
  const pairs = new Map<string, string>();
  for (const schema of Object.values(schemas)) {
    const properties = schema['properties'] as Record<string, unknown> | undefined;
    if (!properties) continue;
    for (const name of Object.keys(properties)) {
      const legacy = name.slice(0, -suffix.length);
      if (name.endsWith(suffix) && legacy in properties) pairs.set(legacy, name);
    }
  }
  return [...pairs].sort(([a], [b]) => a.localeCompare(b)).map(([legacy, iso]) => ({ legacy, iso }));
}

function specPointerOf(schemaPath: string): string {
  const fragment = schemaPath.slice(schemaPath.indexOf('#'));
  return fragment.replace(/^#\/\$defs\//, '#/components/schemas/');
}

function toIssue(error: ErrorObject): SchemaIssue {
  const params = error.params as Record<string, unknown>;
  const detail =
    error.keyword === 'additionalProperties' ? ` (${String(params['additionalProperty'])})` : error.keyword === 'enum' ? ` (${JSON.stringify(params['allowedValues'])})` : '';
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
  validatorFor: (eventName: string) => { open: ValidateFunction; closed: ValidateFunction } | undefined,
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

/** Prefers an error that says what is wrong over the oneOf/anyOf summaries ajv adds. */
function firstMeaningfulError(errors: readonly ErrorObject[]): ErrorObject {
  const specific = errors.find((e) => !['oneOf', 'anyOf', 'if', 'const'].includes(e.keyword)) ?? errors[0];
  return specific ?? ({ instancePath: '', schemaPath: '#', keyword: 'invalid', params: {}, message: 'is invalid' } as ErrorObject);
}

/**
 * Narrows a strict-mode compile error to the schema that holds the unknown keyword or format.
 * Compiling one component compiles everything it references, so every component is searched.
 */
function locateCompileError(schemas: Record<string, JsonSchema>, fallback: string, error: unknown): string {
  const match = /unknown (keyword|format):? "([^"]+)"/.exec((error as Error).message);
  if (!match) return fallback;
  const [, what, wanted] = match;
  const search = (node: unknown, at: string): string | undefined => {
    if (node === null || typeof node !== 'object') return undefined;
    for (const [k, v] of Object.entries(node)) {
      const here = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (what === 'keyword' ? k === wanted : k === 'format' && v === wanted) return here;
      const found = search(v, here);
      if (found) return found;
    }
    return undefined;
  };
  return search(schemas, '#/components/schemas') ?? fallback;
}
