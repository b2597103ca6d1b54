import { createRequire } from 'node:module';
import type { Ajv2020, Format, Options } from 'ajv/dist/2020.js';

// ajv and ajv-formats are CommonJS and large: required on first use, so that a process that
// runs on precompiled validators (see precompiled.ts) never loads the compiler.
const require = createRequire(import.meta.url);

const INT32 = { min: -2147483648, max: 2147483647 };

/** The OpenAPI format registry on top of JSON Schema's: integer widths and floating-point kinds. */
export const OPENAPI_FORMATS: Readonly<Record<string, Format>> = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  float: { type: 'number', validate: (n: number) => Number.isFinite(n) },
  double: { type: 'number', validate: (n: number) => Number.isFinite(n) },
};

/** Every format a spec validator knows, by name: what precompiled validators are handed. */
export function specFormats(): Record<string, Format> {
  const { fullFormats } = require('ajv-formats/dist/formats.js') as { fullFormats: Record<string, Format> };
  return { ...fullFormats, ...OPENAPI_FORMATS };
}

/**
 * A JSON Schema 2020-12 validator in strict mode, with the standard formats and the few
 * keywords and formats OpenAPI 3.1 adds on top of JSON Schema registered explicitly (strict
 * mode stays on: an unknown keyword or format in the spec is an error, not ignored). `code`
 * is for the build, which keeps the validators' source to write them out.
 */
export function createSpecAjv(options: { readonly verbose?: boolean; readonly code?: Options['code'] } = {}): Ajv2020 {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormatsModule = require('ajv-formats') as unknown;
  // ajv-formats is CommonJS with a default export; the module object or the function, by toolchain.
  const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    // The discriminator object is OpenAPI's; ajv understands it natively.
    discriminator: true,
    // Errors are mapped back to JSON pointers into the spec, so keep the schema paths. The user's
    // small data files ask for verbose errors: the schema beside an unknown key names the keys it meant.
    verbose: options.verbose ?? false,
    ...(options.code ? { code: options.code } : {}),
  });
  addFormats(ajv);
  // OpenAPI 3.1 schema-object keywords that JSON Schema lacks: annotations only.
  ajv.addVocabulary(['example', 'xml', 'externalDocs']);
  for (const [name, format] of Object.entries(OPENAPI_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}
