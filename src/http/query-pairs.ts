/**
 * Small edits of a query given as pairs: what checks, the fuzzer and the faults do to a
 * request before it goes out (or before the reference reads it).
 */
import type { QueryPair } from './types.js';

/** The first value of a parameter, or undefined when it is absent. */
export function firstValue(pairs: readonly QueryPair[], name: string): string | undefined {
  return pairs.find(([n]) => n === name)?.[1];
}

export function hasParameter(pairs: readonly QueryPair[], name: string): boolean {
  return pairs.some(([n]) => n === name);
}

/** The pairs without any occurrence of `names`. */
export function without(pairs: readonly QueryPair[], ...names: string[]): QueryPair[] {
  return pairs.filter(([n]) => !names.includes(n));
}

/** The pairs with `name` set to `value`: its first occurrence replaced (repeats dropped), or appended. */
export function withValue(pairs: readonly QueryPair[], name: string, value: string): QueryPair[] {
  const at = pairs.findIndex(([n]) => n === name);
  if (at < 0) return [...pairs, [name, value]];
  return pairs.flatMap((pair, i): QueryPair[] => (i === at ? [[name, value]] : pair[0] === name ? [] : [pair]));
}
