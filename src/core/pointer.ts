/** RFC 6901 JSON pointers, in their URI-fragment form (`#/a/b~1c`). */

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Builds `#/a/b` from raw (unescaped) tokens. */
export function pointerOf(...tokens: readonly (string | number)[]): string {
  return '#' + tokens.map((t) => '/' + escapeToken(String(t))).join('');
}

/** The value at `pointer` in `root`, or undefined when the pointer leads nowhere. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer !== '#' && !pointer.startsWith('#/')) return undefined;
  const tokens = pointer === '#' ? [] : pointer.slice(2).split('/').map(unescapeToken);
  let node: unknown = root;
  for (const token of tokens) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Refuses the document: the JSON pointer of the problem and the rule it breaks. */
export type Fail = (pointer: string, rule: string) => never;
