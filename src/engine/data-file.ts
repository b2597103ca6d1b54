/**
 * The user's JSON or YAML files (profiles, waivers): read, parsed and checked against the JSON
 * Schema the project publishes for them. A problem names the file, the JSON pointer and the rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { UsageError } from '../errors.js';
import { createSpecAjv } from '../spec/ajv.js';
import { SCHEMAS_DIR } from '../spec/files.js';

export interface DataFile {
  readonly text: string;
  readonly data: unknown;
}

const validators = new Map<string, ValidateFunction>();

/**
 * Reads `file` (the value of `option`), parses it as YAML (a superset of JSON) and validates it
 * against `schemas/<schema>`. `invalid` builds the error for a file that breaks a rule.
 */
export function readDataFile(file: string, option: string, schema: string, invalid: (pointer: string, rule: string) => Error): DataFile {
  const text = readText(file, option);
  let data: unknown;
  try {
    data = parse(text, { uniqueKeys: true });
  } catch (error) {
    throw invalid('', `not valid JSON or YAML: ${(error as Error).message}`);
  }
  validateData(data, schema, invalid);
  return { text, data };
}

/** The text of `file` (the value of `option`); a file that cannot be read is a usage error. */
export function readText(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(option, `cannot read ${file}: ${(error as Error).message}`);
  }
}

/** Checks parsed data against `schemas/<schema>`; throws `invalid(pointer, rule)` for the first broken rule. */
export function validateData(data: unknown, schema: string, invalid: (pointer: string, rule: string) => Error): void {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = createSpecAjv().compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, schema), 'utf8')) as object)));
  if (!validate(data)) {
    // if/then and combinators report their branch too; the rule that names a value says more.
    const e: ErrorObject = validate.errors!.find((x) => !['oneOf', 'anyOf', 'if'].includes(x.keyword)) ?? validate.errors![0]!;
    const detail = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
    throw invalid(e.instancePath, `${e.message ?? 'invalid'}${detail} (schemas/${schema} ${e.schemaPath})`);
  }
}
