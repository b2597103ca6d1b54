/**
 * A deep copy of JSON data (objects, arrays, strings, numbers, booleans, null). The reference
 * copies every stored event it answers with before hiding what the request did not ask for;
 * `structuredClone`, which copies any value, took five to seven times as long per event
 * (about 14 µs against 2 µs), paid by the reference server and by the golden observer's replay
 * of every exchange.
 */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = cloneJson((value as Record<string, unknown>)[key]);
  return copy as T;
}
