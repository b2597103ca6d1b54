/**
 * The compile step: one compiler (strict JSON Schema 2020-12) per spec, the extension vocabulary
 * (x-conformance, x-ledger-*) checked against openapi/extensions.schema.json, and every
 * component schema compiled once, open (as written) and closed (no undocumented property).
 * For the packaged spec the compiler hands out what the build precompiled, under the same ids.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { SchemaCompiler } from '../core/schema-compiler.js';
import type { JsonSchema } from './parameters.js';
import type { Fail } from '../core/pointer.js';
import { closeSchemas, COMPONENT_REF, rewriteRefs } from './schema-refs.js';

export const COMPONENTS_ID = 'urn:ledger-explode:components';
export const CLOSED_ID = 'urn:ledger-explode:components-closed';

/** A component schema's two validators. */
export interface Validators {
  readonly open: ValidateFunction;
  readonly closed: ValidateFunction;
}

export const EXTENSIONS_ID = 'urn:ledger-explode:extensions';

/** The extensions schema that judges the extension vocabulary. */
export interface ExtensionChecker {
  /** Fails unless `value` is valid against `$defs/<defName>` of the extensions schema. */
  checkExtension(defName: string, value: unknown, pointer: string): void;
}

/** `extensionsSchema` is openapi/extensions.schema.json, parsed (its `$id` is EXTENSIONS_ID). */
export function extensionChecker(
  compiler: SchemaCompiler,
  extensionsSchema: () => Record<string, unknown>,
  fail: Fail,
): ExtensionChecker {
  compiler.add(extensionsSchema);
  return {
    checkExtension(defName, value, pointer) {
      const validate = compiler.get(`${EXTENSIONS_ID}#/$defs/${defName}`);
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

export function compileComponents(
  compiler: SchemaCompiler,
  componentSchemas: Record<string, JsonSchema>,
  fail: Fail,
): CompiledComponents {
  compiler.add(() => ({ $id: COMPONENTS_ID, $defs: rewriteRefs(componentSchemas, COMPONENTS_ID) }));
  compiler.add(() => ({ $id: CLOSED_ID, $defs: rewriteRefs(closeSchemas(componentSchemas), CLOSED_ID) }));
  const compiled = new Map<string, Validators>();
  for (const name of Object.keys(componentSchemas)) {
    const pointer = COMPONENT_REF + name;
    try {
      const open = compiler.get(`${COMPONENTS_ID}#/$defs/${name}`);
      let closed: ValidateFunction | undefined;
      // The closed variant only adds additionalProperties: false, so it compiles whenever the
      // open one does; it is compiled on first use to keep start-up short.
      compiled.set(name, {
        open,
        get closed() {
          return (closed ??= compiler.get(`${CLOSED_ID}#/$defs/${name}`));
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
