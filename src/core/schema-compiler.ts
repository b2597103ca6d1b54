/**
 * Where validators come from: compiled by ajv at run time, or precompiled by the build for the
 * packaged spec and schemas (see precompiled.ts). Callers name schemas by `$id` (and JSON
 * pointers under it) the same way either way.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';

export interface SchemaCompiler {
  /** Makes a schema (with its `$id`) reachable by `get`; a precompiled source already has it. */
  add(schema: () => Record<string, unknown>): void;
  /** The validator of `id` (`<$id>#/<pointer>` reaches inside an added schema); throws when it does not compile. */
  get(id: string): ValidateFunction;
  /** The validator of `schema`, whose `$id` is `id`; throws when it does not compile. */
  compile(id: string, schema: () => Record<string, unknown>): ValidateFunction;
}

/** Compiles at run time, as ajv does. */
export function ajvCompiler(ajv: Ajv2020): SchemaCompiler {
  return {
    add: (schema) => void ajv.addSchema(schema()),
    get: (id) => {
      const validate = ajv.getSchema(id);
      if (!validate) throw new Error(`no schema ${id}`);
      return validate;
    },
    compile: (_id, schema) => ajv.compile(schema()),
  };
}

/**
 * Hands out validators the build compiled, by id: those given, else those `later` reads on first
 * need. Asking for one it did not compile is a bug of the build.
 */
export function precompiledCompiler(
  validators: Readonly<Record<string, ValidateFunction>>,
  later: () => Readonly<Record<string, ValidateFunction>> = () => ({}),
): SchemaCompiler {
  const get = (id: string): ValidateFunction => {
    const validate = validators[id] ?? later()[id];
    if (!validate) throw new Error(`internal error: the build precompiled no validator for ${id} (run npm run build)`);
    return validate;
  };
  return { add: () => {}, get, compile: (id) => get(id) };
}
