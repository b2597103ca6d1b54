/**
 * Walks over the component schemas: references pointed at compiled containers or inlined,
 * the closed variant (no undocumented property), and the legacy/ISO twins the schemas declare.
 */
import type { Fail } from '../core/pointer.js';
import type { JsonSchema } from './parameters.js';

export const COMPONENT_REF = '#/components/schemas/';

/** Adds `additionalProperties: false` to every plain object schema: the closed variant. */
export function closeSchemas(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'enum' || k === 'const' || k === 'example' ? v : close(v);
    const composed = ['oneOf', 'anyOf', 'allOf', '$ref'].some((k) => k in out);
    if ('properties' in out && !composed && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) {
      out['additionalProperties'] = false;
    }
    return out;
  };
  return close(schemas) as Record<string, JsonSchema>;
}

/** Points `#/components/schemas/X` references at the compiled container `base#/$defs/X`. */
export function rewriteRefs<T>(node: T, base: string): T {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, base)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] =
      k === '$ref' && typeof v === 'string' && v.startsWith(COMPONENT_REF)
        ? `${base}#/$defs/${v.slice(COMPONENT_REF.length)}`
        : k === 'enum' || k === 'const'
          ? v
          : rewriteRefs(v, base);
  }
  return out as T;
}

/** Inlines local schema references (the spec has no cycles; a cycle is reported). */
export function inlineRefs(
  node: JsonSchema,
  schemas: Record<string, JsonSchema>,
  pointer: string,
  fail: Fail,
  depth = 0,
): JsonSchema {
  if (depth > 50) fail(pointer, 'schema references nest too deep (a cycle?)');
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(walk);
    if (n === null || typeof n !== 'object') return n;
    const record = n as Record<string, unknown>;
    if (typeof record['$ref'] === 'string') {
      const ref = record['$ref'];
      const target = ref.startsWith(COMPONENT_REF) ? schemas[ref.slice(COMPONENT_REF.length)] : undefined;
      if (!target) fail(pointer, `reference points nowhere: ${ref}`);
      return inlineRefs(target!, schemas, ref, fail, depth + 1);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) out[k] = k === 'enum' || k === 'const' ? v : walk(v);
    return out;
  };
  return walk(node) as JsonSchema;
}

/** Every `X` + suffix property declared beside an `X` property, across the component schemas. */
export function deriveIsoTwins(schemas: Record<string, JsonSchema>, suffix: string): { legacy: string; iso: string }[] {
  const pairs = new Map<string, string>();
  for (const schema of Object.values(schemas)) {
    const properties = schema['properties'] as Record<string, unknown> | undefined;
    if (!properties) continue;
    for (const name of Object.keys(properties)) {
      const legacy = name.slice(0, -suffix.length);
      if (name.endsWith(suffix) && legacy in properties) pairs.set(legacy, name);
    }
  }
  // Code-unit order, not localeCompare: its first call loads ICU's collation data, some 20 ms
  // before the first request of every command (property names are ASCII identifiers).
  return [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([legacy, iso]) => ({ legacy, iso }));
}
