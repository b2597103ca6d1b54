/**
 * The user's JSON or YAML files (profiles, waivers): read, parsed and checked against the JSON
 * Schema the project publishes for them. A problem names the file, the JSON pointer and the rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { UsageError, type FileProblem } from './errors.js';
import { createSpecAjv } from './ajv.js';
import { closestName } from './did-you-mean.js';
import { lazyModule } from './lazy-module.js';
import { SCHEMAS_DIR } from './files.js';
import { precompiledDataValidator } from './precompiled.js';
import { resolvePointer } from './pointer.js';

export interface DataFile {
  readonly text: string;
  readonly data: unknown;
}

const validators = new Map<string, ValidateFunction>();
const yaml = lazyModule<typeof import('yaml')>('yaml');

/**
 * Reads `file` (the value of `option`), parses it as YAML (a superset of JSON) and validates it
 * against `schemas/<schema>`. `invalid` builds the error for a file that breaks rules: every
 * problem is passed at once, each with its JSON pointer.
 */
export function readDataFile(
  file: string,
  option: string,
  schema: string,
  invalid: (problems: readonly FileProblem[]) => Error,
): DataFile {
  const text = readText(file, option);
  let data: unknown;
  try {
    data = yaml().parse(text, { uniqueKeys: true });
  } catch (error) {
    throw invalid([{ pointer: '', rule: `not valid JSON or YAML: ${(error as Error).message}` }]);
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

/** Checks parsed data against `schemas/<schema>`; throws `invalid(problems)` with every rule it breaks. */
export function validateData(data: unknown, schema: string, invalid: (problems: readonly FileProblem[]) => Error): void {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = compileSchemaFile(schema)));
  if (!validate(data)) throw invalid(problemsOf(validate.errors ?? [], data, schema));
}

/** The validator of `schemas/<schema>`: the build's when the file is the one it compiled, else compiled now. */
function compileSchemaFile(schema: string): ValidateFunction {
  const text = readFileSync(join(SCHEMAS_DIR, schema), 'utf8');
  return precompiledDataValidator(schema, text) ?? createSpecAjv({ verbose: true }).compile(JSON.parse(text) as object);
}

/**
 * ajv's errors as one problem per rule broken: `if` bookkeeping dropped, the branches of a failed
 * `anyOf` folded into one rule ("needs a, or b and c"), a number where text is due given the fix,
 * a misspelt key given the key it most likely meant.
 */
export function problemsOf(errors: readonly ErrorObject[], data: unknown, schema: string): FileProblem[] {
  const folded = new Set<ErrorObject>();
  const problems: FileProblem[] = [];
  for (const e of errors) {
    if (e.keyword !== 'anyOf') continue;
    const branches = errors.filter(
      (x) => x !== e && x.instancePath === e.instancePath && x.schemaPath.startsWith(`${e.schemaPath}/`),
    );
    branches.forEach((x) => folded.add(x));
    if (branches.length > 0 && branches.every((x) => x.keyword === 'required')) {
      const byBranch = new Map<string, string[]>();
      for (const x of branches) {
        const branch = x.schemaPath.slice(e.schemaPath.length + 1).split('/')[0]!;
        byBranch.set(branch, [
          ...(byBranch.get(branch) ?? []),
          String((x.params as { missingProperty?: string }).missingProperty),
        ]);
      }
      e.message = `needs ${[...byBranch.values()].map((names) => names.join(' and ')).join(', or ')}`;
    }
  }
  for (const e of errors) {
    if (e.keyword === 'if' || folded.has(e)) continue;
    let rule = e.message ?? 'invalid';
    if (e.keyword === 'additionalProperties') rule += unknownKeyText(e);
    const value = resolvePointer(data, `#${e.instancePath}`);
    if (e.keyword === 'type' && (e.params as { type?: string }).type === 'string' && typeof value === 'number')
      rule += `: quote it ("${String(value)}"), numbers lose leading zeros and digits beyond 2^53`;
    const problem = { pointer: e.instancePath, rule: `${rule} (schemas/${schema} ${e.schemaPath})` };
    if (!problems.some((p) => p.pointer === problem.pointer && p.rule === problem.rule)) problems.push(problem);
  }
  return problems;
}

/** ` (key)`, and `; did you mean "name"?` when the schema beside it (verbose errors carry it) allows a key that close. */
function unknownKeyText(e: ErrorObject): string {
  const key = String((e.params as { additionalProperty?: string }).additionalProperty);
  const properties = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  const meant = properties ? closestName(key, Object.keys(properties)) : undefined;
  return meant ? ` (${key}; did you mean "${meant}"?)` : ` (${key})`;
}
