/**
 * The operation's parameters, read into parameter models: query parameters only, of the types
 * the suite knows, arrays comma-separated, each schema compiled in strict JSON Schema 2020-12.
 */
import type { ValidateFunction } from 'ajv';
import type { SchemaCompiler } from '../core/schema-compiler.js';
import type { OpenAPIV3_1 } from 'openapi-types';
import { COMPONENTS_ID } from './compile.js';
import { createParameterModel, type BooleanParsing, type JsonSchema, type ParameterModel } from './parameters.js';
import { pointerOf, type Fail } from '../core/pointer.js';
import { inlineRefs, rewriteRefs } from './schema-refs.js';
import type { DocumentShape } from './shape.js';

const PARAMETERS_ID = 'urn:ledger-explode:parameters';

export interface ParameterSources {
  readonly shape: DocumentShape;
  readonly compiler: SchemaCompiler;
  readonly componentSchemas: Record<string, JsonSchema>;
  readonly deref: <T>(node: unknown) => T;
  readonly fail: Fail;
}

export function readParameters({ shape, compiler, componentSchemas, deref, fail }: ParameterSources): ParameterModel[] {
  const { operation, endpointPath } = shape;
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
      const id = `${PARAMETERS_ID}:${parameter.name}`;
      validate = compiler.compile(id, () => ({ $id: id, ...rewriteRefs(parameter.schema as JsonSchema, COMPONENTS_ID) }));
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
  return parameters;
}
