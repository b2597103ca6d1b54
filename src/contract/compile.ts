/**
 * The compile step: one ajv (strict JSON Schema 2020-12) per spec, the extension vocabulary
 * (x-conformance, x-ledger-*) checked against openapi/extensions.schema.json, and every
 * component schema compiled once, open (as written) and closed (no undocumented property).
 */
import { readFileSync } from 'node:fs';
import type { Ajv2020 as Ajv } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createSpecAjv } from '../core/ajv.js';
import { EXTENSIONS_SCHEMA_PATH } from '../core/files.js';
import type { JsonSchema } from './parameters.js';
import type { Fail } from '../core/pointer.js';
import { closeSchemas, COMPONENT_REF, rewriteRefs } from './schema-refs.js';

export const COMPONENTS_ID = 'urn:ledger-explode:components';
const CLOSED_ID = 'urn:ledger-explode:components-closed';

/** A component schema's two validators. */
export interface Validators {
  readonly open: ValidateFunction;
  readonly closed: ValidateFunction;
}

/** The spec's ajv, with the extensions schema that judges the extension vocabulary. */
export interface ExtensionChecker {
  readonly ajv: Ajv;
  /** Fails unless `value` is valid against `$defs/<defName>` of the extensions schema. */
  checkExtension(defName: string, value: unknown, pointer: string): void;
}

export function extensionChecker(fail: Fail): ExtensionChecker {
  const ajv = createSpecAjv();
  const extensionsSchema = JSON.parse(readFileSync(EXTENSIONS_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  ajv.addSchema(extensionsSchema);
  return {
    ajv,
    checkExtension(defName, value, pointer) {
      const validate = ajv.getSchema(`urn:ledger-explode:extensions#/$defs/${defName}`)!;
      if (!validate(value)) {
        const error = firstMeaningfulError(validate.errors ?? []);
        fail(pointer + error.instancePath, `${error.message ?? 'invalid'} (openapi/extensions.schema.json ${error.schemaPath})`);
      }
    },
  };
}

/** The component schemas, compiled. */
export interface CompiledComponents {
  /** Validators by component schema name. */
  readonly byName: ReadonlyMap<string, Validators>;
  /** The validators a `$ref` to a component schema names; fails at `pointer` for any other reference. */
  validatorOf(ref: string, pointer: string): Validators;
}

export function compileComponents(ajv: Ajv, componentSchemas: Record<string, JsonSchema>, fail: Fail): CompiledComponents {
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(componentSchemas, COMPONENTS_ID) });
  ajv.addSchema({ $id: CLOSED_ID, $defs: rewriteRefs(closeSchemas(componentSchemas), CLOSED_ID) });
  const compiled = new Map<string, Validators>();
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
      fail(
        locateCompileError(componentSchemas, pointer, error),
        `does not compile in strict JSON Schema 2020-12: ${(error as Error).message}`,
      );
    }
  }
  return {
    byName: compiled,
    validatorOf(ref, pointer) {
      if (!ref.startsWith(COMPONENT_REF)) fail(pointer, `schemas must reference ${COMPONENT_REF}*, found ${ref}`);
      const found = compiled.get(ref.slice(COMPONENT_REF.length));
      if (!found) fail(pointer, `reference points nowhere: ${ref}`);
      return found!;
    },
  };
}

/** Prefers an error that says what is wrong over the oneOf/anyOf summaries ajv adds. */
function firstMeaningfulError(errors: readonly ErrorObject[]): ErrorObject {
  const specific = errors.find((e) => !['oneOf', 'anyOf', 'if', 'const'].includes(e.keyword)) ?? errors[0];
  return (
    specific ?? ({ instancePath: '', schemaPath: '#', keyword: 'invalid', params: {}, message: 'is invalid' } as ErrorObject)
  );
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
