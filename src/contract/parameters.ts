import type { ValidateFunction } from 'ajv';

/** The JSON type a query parameter's value is read as, from its schema. */
export type ParameterKind = 'string' | 'boolean' | 'integer' | 'array';

/** A resolved JSON Schema object (local `$ref`s inlined). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** The outcome of reading one raw query value against its parameter's schema. */
export interface ParameterCheck {
  readonly valid: boolean;
  /** The value as the schema types it (case-folded to the enum spelling where allowed). */
  readonly value: unknown;
  /** JSON Schema keywords the value fails (`type`, `enum`, `pattern`, `maximum`, …). */
  readonly failedKeywords: readonly string[];
}

/** One query parameter of the operation, as the spec declares it. */
export interface ParameterModel {
  readonly name: string;
  /** Where it is declared, e.g. `#/components/parameters/limit`. */
  readonly pointer: string;
  readonly required: boolean;
  readonly description: string;
  readonly kind: ParameterKind;
  /** The parameter's schema with local references inlined, for generators and docs. */
  readonly schema: JsonSchema;
  /** For arrays: the item schema. */
  readonly itemSchema?: JsonSchema;
  /** Enum members of the value (or of each item), when the schema lists them. */
  readonly enumValues?: readonly unknown[];
  /** `x-ledger-case-insensitive`: enum members match without regard to letter case. */
  readonly caseInsensitive: boolean;
  readonly defaultValue?: unknown;
  /** Reads a raw query value and checks it against the schema. */
  check(raw: string): ParameterCheck;
}

const INTEGER_TEXT = /^[+-]?[0-9]+$/;

/** How boolean query values are read (`x-ledger-parsing.booleans`). */
export type BooleanParsing = 'literal' | 'spring' | 'lenient';

// Spring's StringToBooleanConverter, compared in lower case.
const SPRING_TRUE = new Set(['true', 'on', 'yes', '1']);
const SPRING_FALSE = new Set(['false', 'off', 'no', '0']);

/**
 * Reads a raw query value the way the spec's parameter serialisation says: booleans are the
 * literals `true`/`false`, integers are optionally signed decimal digits, arrays (form style,
 * explode false) are comma-separated. Anything else stays a string, so that the schema's
 * `type` keyword reports it.
 */
export function deserialize(kind: ParameterKind, raw: string, booleans: BooleanParsing = 'literal'): unknown {
  switch (kind) {
    case 'boolean':
      if (booleans === 'spring') {
        const lower = raw.trim().toLowerCase();
        return SPRING_TRUE.has(lower) ? true : SPRING_FALSE.has(lower) ? false : raw;
      }
      // Java's Boolean.parseBoolean and most hand-written readers: `true` in any case, else false.
      if (booleans === 'lenient') return raw.toLowerCase() === 'true';
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'integer':
      return INTEGER_TEXT.test(raw) ? Number(raw) : raw;
    case 'array':
      return raw.split(',');
    case 'string':
      return raw;
  }
}

/** Folds a string to the spelling of the enum member it matches without regard to case. */
function foldCase(value: unknown, members: readonly unknown[] | undefined): unknown {
  if (typeof value !== 'string' || !members) return value;
  const lower = value.toLowerCase();
  return members.find((m) => typeof m === 'string' && m.toLowerCase() === lower) ?? value;
}

export function createParameterModel(args: {
  name: string;
  pointer: string;
  required: boolean;
  description: string;
  schema: JsonSchema;
  caseInsensitive: boolean;
  booleans: BooleanParsing;
  validate: ValidateFunction;
}): ParameterModel {
  const { schema, validate, caseInsensitive, booleans } = args;
  const kind = schema['type'] as ParameterKind;
  const itemSchema = kind === 'array' ? (schema['items'] as JsonSchema) : undefined;
  const enumValues = (itemSchema ?? schema)['enum'] as readonly unknown[] | undefined;
  return {
    name: args.name,
    pointer: args.pointer,
    required: args.required,
    description: args.description,
    kind,
    schema,
    ...(itemSchema ? { itemSchema } : {}),
    ...(enumValues ? { enumValues } : {}),
    caseInsensitive,
    ...(schema['default'] !== undefined ? { defaultValue: schema['default'] } : {}),
    check(raw: string): ParameterCheck {
      // Spring reads an empty boolean as null: the parameter is then its default.
      if (kind === 'boolean' && booleans === 'spring' && raw.trim() === '' && schema['default'] !== undefined)
        return { valid: true, value: schema['default'], failedKeywords: [] };
      let value = deserialize(kind, raw, booleans);
      if (caseInsensitive) {
        value = Array.isArray(value) ? value.map((v) => foldCase(v, enumValues)) : foldCase(value, enumValues);
      }
      const valid = validate(value);
      const failedKeywords = valid ? [] : [...new Set((validate.errors ?? []).map((e) => e.keyword))];
      return { valid, value, failedKeywords };
    },
  };
}
