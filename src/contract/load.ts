import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import { SpecInvalidError, UsageError } from '../core/errors.js';
import type { Dialect, OverlayRef } from '../core/report-model.js';
import { createSpecAjv } from '../core/ajv.js';
import { lazyModule } from '../core/lazy-module.js';
import { precompiledSpecCompiler, precompiledSpecDocument, sha256Of } from '../core/precompiled.js';
import { ajvCompiler, type SchemaCompiler } from '../core/schema-compiler.js';
import { canonicalJson } from './canonical-json.js';
import { compileComponents, extensionChecker } from './compile.js';
import { checkEvidence, crossCheck } from './cross-check.js';
import { dialectOf, readDialects } from './dialects.js';
import { readEvents, type EventModel } from './events.js';
import { DEFAULT_SPEC_PATH, EXTENSIONS_SCHEMA_PATH, PACKAGE_ROOT } from '../core/files.js';
import type { Knobs, Requirement } from './knobs.js';
import { readParameters } from './operation-parameters.js';
import { readOverlay } from './overlay.js';
import { applyOverlays, overlaps, withLocalDecisions, type DeclaredDecision } from './local-decisions.js';
import type { JsonSchema, ParameterModel } from './parameters.js';
import { resolvePointer, type Fail } from '../core/pointer.js';
import { readKnobs, readRequirements } from './read-knobs.js';
import { readResponses, type ResponseModel } from './responses.js';
import { COMPONENT_REF, deriveIsoTwins, inlineRefs } from './schema-refs.js';
import { checkShape, dereferencer, type DocumentShape } from './shape.js';

export type { ResponseModel, SchemaIssue } from './responses.js';

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
  /** True when the validators are the build's (the packaged spec's bytes), false when compiled in this process. */
  readonly precompiled: boolean;
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

const cache = new Map<string, LoadedSpec>();

/** Where a run's spec comes from: a file (the packaged spec by default) and overlays applied in order. */
export interface SpecSource {
  readonly spec?: string;
  readonly overlays?: readonly string[];
  /** Skip the overlay actions marked x-local-decision: the spec as evidence alone describes the target. */
  readonly withoutLocalDecisions?: boolean;
}

/**
 * Loads, checks and compiles the spec. The result is cached per file: the spec is read once
 * per process. Throws `SpecInvalidError` naming the JSON pointer of the first problem. When the
 * file's bytes are the packaged spec's as the build saw them, its YAML is not parsed again and
 * its validators are the build's (see core/precompiled.ts); the checks all run as before.
 */
export function loadSpec(file: string = DEFAULT_SPEC_PATH): LoadedSpec {
  const cached = cache.get(file);
  if (cached) return cached;
  const text = readSpecFile(file);
  const sha256 = sha256Of(text);
  const built = builtFrom(sha256);
  const document = precompiledSpecDocument(built) ?? parseSpecText(text, file);
  const precompiled = precompiledSpecCompiler(built);
  const spec = buildSpec(
    { file, label: file, document, sha256, overlays: [], precompiled: precompiled !== undefined },
    precompiled ?? runtimeCompiler(),
  );
  cache.set(file, spec);
  return spec;
}

/**
 * The spec a run judges against: `--spec` (the packaged one by default) with every `--overlay`
 * applied in order. It goes through the same checks as the file itself (ajv strict, the
 * extensions schema, the knob cross-checks), and carries its dialect: how its knobs depart from
 * the packaged spec's. With overlays its validators are compiled at run time.
 */
export function loadEffectiveSpec(source: SpecSource = {}): LoadedSpec {
  const file = source.spec ?? DEFAULT_SPEC_PATH;
  const overlayFiles = source.overlays ?? [];
  if (overlayFiles.length === 0) return loadSpec(file);
  const text = readSpecFile(file);
  const sha256 = sha256Of(text);
  const overlays = overlayFiles.map(readOverlay);
  const { document, localDecisions } = applyOverlays(
    precompiledSpecDocument(builtFrom(sha256)) ?? parseSpecText(text, file),
    overlays,
    source.withoutLocalDecisions === true,
  );
  const label = `${file} with ${overlayFiles.length === 1 ? 'overlay' : 'overlays'} ${overlayFiles.join(', ')}`;
  return buildSpec(
    { file, label, document, sha256, overlays: overlays.map((o) => o.ref), localDecisions, precompiled: false },
    runtimeCompiler(),
  );
}

/** Loads a spec from text (tests use it to prove that broken specs are refused). */
export function loadSpecFromText(text: string, file = 'inline.yaml'): LoadedSpec {
  return loadSpecThrough(text, file, runtimeCompiler());
}

/** Loads a spec from text through `compiler`: the build records what it compiles, to precompile it. */
export function loadSpecThrough(text: string, file: string, compiler: SchemaCompiler): LoadedSpec {
  const document = parseSpecText(text, file);
  return buildSpec({ file, label: file, document, sha256: sha256Of(text), overlays: [], precompiled: false }, compiler);
}

/** The files the packaged spec's validators are compiled from, as the build keys them: path → sha256 of the bytes. */
export const SPEC_SOURCE = 'openapi/ledger-explode.yaml';
export const EXTENSIONS_SOURCE = 'openapi/extensions.schema.json';

let extensionsText: string | undefined;

const readExtensionsSchema = (): Record<string, unknown> => {
  extensionsText ??= readFileSync(EXTENSIONS_SCHEMA_PATH, 'utf8');
  return JSON.parse(extensionsText) as Record<string, unknown>;
};

/** What the build's precompiled spec group is keyed by, for a spec file of these bytes: its sha256 and the extension schema's. */
export function builtFrom(specSha256: string): Record<string, string> {
  extensionsText ??= readFileSync(EXTENSIONS_SCHEMA_PATH, 'utf8');
  return { [SPEC_SOURCE]: specSha256, [EXTENSIONS_SOURCE]: sha256Of(extensionsText) };
}

/** A compiler that compiles now. */
function runtimeCompiler(): SchemaCompiler {
  return ajvCompiler(createSpecAjv());
}

function readSpecFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError('--spec', `cannot read ${file}: ${(error as Error).message}`);
  }
}

const yaml = lazyModule<typeof import('yaml')>('yaml');

/** The spec's YAML as JSON data; fails on a YAML error, a duplicate key or an alias. */
export function parseSpecText(text: string, file: string): Record<string, unknown> {
  const yamlDoc = yaml().parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (yamlDoc.errors.length > 0) throw new SpecInvalidError('#', `not valid YAML: ${yamlDoc.errors[0]!.message}`, file);
  return yamlDoc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>;
}

interface SpecInput {
  /** Whether the compiler hands out the build's validators. */
  readonly precompiled: boolean;
  readonly file: string;
  /** How errors name the document: the file, and the overlays applied to it. */
  readonly label: string;
  readonly document: Record<string, unknown>;
  /** sha256 of the file's bytes. */
  readonly sha256: string;
  readonly overlays: readonly OverlayRef[];
  /** Overlay actions marked x-local-decision, with the pointers each changed (requirements not yet known). */
  readonly localDecisions?: readonly DeclaredDecision[];
}

/**
 * parse (the caller) → shape → compile → parameters, events, responses → knobs → cross-check.
 * Each step fails at the JSON pointer of the first problem, in this order.
 */
function buildSpec(input: SpecInput, compiler: SchemaCompiler): LoadedSpec {
  const fail: Fail = (pointer, rule) => {
    throw new SpecInvalidError(pointer, rule, input.label);
  };
  const document = input.document as unknown as OpenAPIV3_1.Document;
  const shape = checkShape(document, fail);
  const { checkExtension } = extensionChecker(compiler, readExtensionsSchema, fail);
  if (input.document['x-conformance'] === undefined) fail('#/x-conformance', 'the requirement catalog is missing');
  checkExtension('Conformance', input.document['x-conformance'], '#/x-conformance');
  checkExtension('Operation', shape.operation, shape.operationPointer);
  const componentSchemas = (document.components?.schemas ?? {}) as Record<string, JsonSchema>;
  const components = compileComponents(compiler, componentSchemas, fail);
  const deref = dereferencer(document, fail);
  const parameters = readParameters({ shape, compiler, componentSchemas, deref, fail });
  const events = readEvents(componentSchemas, components.byName, fail);
  const responses = readResponses({ shape, componentSchemas, components, eventValidators: events.eventValidators, deref, fail });
  const resolve = (pointer: string): unknown => resolvePointer(document, pointer);
  const { knobs, requirements, requirementById } = knobsOf(input, {
    shape,
    parameters,
    eventNames: events.eventNames,
    componentSchemas,
    resolve,
    fail,
  });
  return assembleSpec(input, {
    document,
    shape,
    parameters,
    events,
    responses,
    knobs,
    requirements,
    requirementById,
    componentSchemas,
    resolve,
    fail,
  });
}

/** The knobs and the catalog, cross-checked against each other and the document; the dialects read. */
function knobsOf(
  input: SpecInput,
  read: {
    shape: DocumentShape;
    parameters: readonly ParameterModel[];
    eventNames: readonly string[];
    componentSchemas: Record<string, JsonSchema>;
    resolve: (pointer: string) => unknown;
    fail: Fail;
  },
): { knobs: Knobs; requirements: Requirement[]; requirementById: Map<string, Requirement> } {
  const { shape, fail } = read;
  const { requirements, requirementById } = readRequirements(input.document, read.resolve, fail);
  const rules = readKnobs(shape.operation, shape.operationPointer);
  const parameterByName = new Map(read.parameters.map((p) => [p.name, p]));
  crossCheck({
    knobs: rules,
    parameterByName,
    requirementById,
    eventNames: read.eventNames,
    componentSchemas: read.componentSchemas,
    operationPointer: shape.operationPointer,
    fail,
  });
  checkEvidence(requirements, rules, requirementById, fail);
  const dialects = readDialects(
    shape.operation['x-ledger-dialects'] as Parameters<typeof readDialects>[0],
    input.document as unknown as OpenAPIV3_1.Document,
    `${shape.operationPointer}/x-ledger-dialects`,
    fail,
    (id) => requirementById.has(id),
    (pointer) => (input.localDecisions ?? []).some((d) => d.pointers.some((p) => overlaps(p, pointer))),
  );
  return { knobs: { ...rules, dialects }, requirements, requirementById };
}

interface SpecParts {
  readonly document: OpenAPIV3_1.Document;
  readonly shape: DocumentShape;
  readonly parameters: ParameterModel[];
  readonly events: EventModel;
  readonly responses: ReadonlyMap<number, ResponseModel>;
  readonly knobs: Knobs;
  readonly requirements: readonly Requirement[];
  readonly requirementById: ReadonlyMap<string, Requirement>;
  readonly componentSchemas: Record<string, JsonSchema>;
  readonly resolve: (pointer: string) => unknown;
  readonly fail: Fail;
}

/** The loaded spec: its parts, its identity (file, hashes, overlays) and its dialect. */
function assembleSpec(input: SpecInput, parts: SpecParts): LoadedSpec {
  const { file, sha256 } = input;
  const { document, shape, parameters, knobs, requirementById, componentSchemas, fail } = parts;
  // Without overlays the effective spec is the file; with them, its canonical JSON.
  const effectiveSha256 = input.overlays.length === 0 ? sha256 : sha256Of(canonicalJson(input.document));
  // The packaged spec is the canonical one; any other (a --spec file, overlays) is judged by how it departs from it.
  const canonical =
    input.overlays.length === 0 && file === DEFAULT_SPEC_PATH ? input.document : loadSpec(DEFAULT_SPEC_PATH).document;
  const dialect = withLocalDecisions(
    dialectOf(knobs.dialects, input.document, canonical),
    input.localDecisions ?? [],
    parts.requirements,
    knobs.dialects,
  );
  const parameterByName = new Map(parameters.map((p) => [p.name, p]));
  const info = document.info ?? ({} as OpenAPIV3_1.InfoObject);
  const rel = relative(PACKAGE_ROOT, file);
  return {
    file,
    displayPath: rel.startsWith('..') ? file : rel,
    sha256,
    overlays: input.overlays,
    effectiveSha256,
    precompiled: input.precompiled,
    dialect,
    title: info.title,
    version: info.version,
    document,
    endpointPath: shape.endpointPath,
    operationPointer: shape.operationPointer,
    parameters,
    parameter: (name) => {
      const found = parameterByName.get(name);
      if (!found) throw new Error(`the spec declares no parameter ${name}`);
      return found;
    },
    requirements: parts.requirements,
    requirement: (id) => requirementById.get(id),
    knobs,
    responses: parts.responses,
    eventNames: parts.events.eventNames,
    eventSchemaByName: parts.events.eventSchemaByName,
    isoTwins: deriveIsoTwins(componentSchemas, knobs.timestamps.isoTwinSuffix),
    resolve: parts.resolve,
    schema: (name) => inlineRefs({ $ref: COMPONENT_REF + name }, componentSchemas, COMPONENT_REF + name, fail),
  };
}
