import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export; under NodeNext the default import is the
// module object on some toolchains and the function on others.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

const INT32 = { min: -2147483648, max: 2147483647 };

/**
 * A JSON Schema 2020-12 validator in strict mode, with the standard formats and the few
 * keywords and formats OpenAPI 3.1 adds on top of JSON Schema registered explicitly (strict
 * mode stays on: an unknown keyword or format in the spec is an error, not ignored).
 */
export function createSpecAjv(options: { readonly verbose?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    // The discriminator object is OpenAPI's; ajv understands it natively.
    discriminator: true,
    // Errors are mapped back to JSON pointers into the spec, so keep the schema paths. The user's
    // small data files ask for verbose errors: the schema beside an unknown key names the keys it meant.
    verbose: options.verbose ?? false,
  });
  addFormats(ajv);
  // OpenAPI 3.1 schema-object keywords that JSON Schema lacks: annotations only.
  ajv.addVocabulary(['example', 'xml', 'externalDocs']);
  // OpenAPI format registry: integer widths and floating-point kinds.
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  return ajv;
}
