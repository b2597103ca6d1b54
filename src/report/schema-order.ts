/**
 * An object tree rewritten in the key order its JSON Schema lists (`properties`), so the bytes of
 * a rendered file follow the published schema, not the order in which code happened to build
 * its objects, and no hand-kept list of keys can fall behind the schema.
 */
import { resolvePointer } from '../core/pointer.js';

/** The part of a JSON Schema that says where keys go (assertions are the validator's business). */
interface SchemaNode {
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
}

/**
 * A copy of `value` whose objects list their keys in the order of their schema's `properties`.
 * Keys a closed object (`additionalProperties: false`) does not list are left out (runtime-only
 * extras never reach the file), as are undefined values; the keys of an open map (`headers`)
 * keep their order. `$ref`s are resolved within `root`.
 */
export function inSchemaOrder(value: unknown, schema: object, root: object = schema): unknown {
  const node = resolved(schema as SchemaNode, root);
  if (Array.isArray(value)) return value.map((item) => (node.items ? inSchemaOrder(item, node.items, root) : item));
  if (value === null || typeof value !== 'object') return value;
  const given = new Map(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined));
  const listed = node.properties ?? {};
  const ordered: [string, unknown][] = [];
  for (const [key, property] of Object.entries(listed)) {
    if (given.has(key)) ordered.push([key, inSchemaOrder(given.get(key), property, root)]);
  }
  if (node.additionalProperties !== false) {
    const rest = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    for (const [key, v] of given) if (!Object.hasOwn(listed, key)) ordered.push([key, rest ? inSchemaOrder(v, rest, root) : v]);
  }
  // Object.fromEntries, not assignment, so a key named `__proto__` (a header) stays a plain key.
  return Object.fromEntries(ordered);
}

function resolved(node: SchemaNode, root: object): SchemaNode {
  let current = node;
  for (const seen = new Set<string>(); current.$ref !== undefined;) {
    if (seen.has(current.$ref)) throw new Error(`schema $ref cycle at ${current.$ref}`);
    seen.add(current.$ref);
    const target = resolvePointer(root, current.$ref);
    if (target === null || typeof target !== 'object') throw new Error(`schema $ref ${current.$ref} leads nowhere`);
    current = target as SchemaNode;
  }
  return current;
}
