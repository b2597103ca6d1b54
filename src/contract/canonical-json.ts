/**
 * JSON with object keys sorted and no whitespace: two values are the same JSON when these strings
 * are equal. Used to compare answers and to fingerprint an effective spec.
 */
export function canonicalJson(value: unknown): string {
  // Written out rather than a JSON.stringify replacer: this runs on every body the
  // relation checks compare, and the replacer's intermediate objects dominated the cost.
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    if (record[key] !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  }
  return `{${parts.join(',')}}`;
}
