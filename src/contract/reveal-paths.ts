/**
 * The paths of `x-ledger-flags` and `x-ledger-alternate-currencies`: a JSON pointer into one
 * event, `*` standing for every item of an array. The reference projects its events with these
 * and the suites judge answers with them, so the path syntax is read in one place.
 */

type Json = Record<string, unknown>;
type Container = Json | unknown[];

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

function tokensOf(path: string): string[] {
  if (!path.startsWith('/')) throw new Error(`not a JSON pointer: ${path}`);
  return path
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Calls `visit(container, token)` for every object or array that the path leads to, one token
 * short of its end: the places where the path's last token would be. `*` walks every item.
 */
export function forEachContainer(root: unknown, path: string, visit: (container: Container, token: string) => void): void {
  const tokens = tokensOf(path);
  const walk = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object') return;
    const token = tokens[depth]!;
    if (depth === tokens.length - 1) {
      visit(node as Container, token);
      return;
    }
    if (token === '*') {
      if (Array.isArray(node)) node.forEach((item) => walk(item, depth + 1));
      return;
    }
    if (isObject(node) && Object.prototype.hasOwnProperty.call(node, token)) walk(node[token], depth + 1);
  };
  if (tokens.length > 0) walk(root, 0);
}

/** Whether the path's last token is there in this container (for `*`: the container is an array). */
export function holds(container: Container, token: string): boolean {
  if (token === '*') return Array.isArray(container);
  return isObject(container) && Object.prototype.hasOwnProperty.call(container, token);
}

/** Whether anything is at the path. */
export function existsAt(root: unknown, path: string): boolean {
  let found = false;
  forEachContainer(root, path, (container, token) => {
    if (holds(container, token) && (token !== '*' || (container as unknown[]).length > 0)) found = true;
  });
  return found;
}

/** Removes every value at the path (array items too, for a trailing `*`). */
export function removeAt(root: unknown, path: string): void {
  forEachContainer(root, path, (container, token) => {
    if (token === '*' && Array.isArray(container)) container.splice(0, container.length);
    else if (isObject(container)) delete container[token];
  });
}

/** The values at the path. */
export function valuesAt(root: unknown, path: string): unknown[] {
  const values: unknown[] = [];
  forEachContainer(root, path, (container, token) => {
    if (token === '*' && Array.isArray(container)) values.push(...container);
    else if (isObject(container) && Object.prototype.hasOwnProperty.call(container, token)) values.push(container[token]);
  });
  return values;
}
