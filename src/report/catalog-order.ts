/**
 * Reports read back from disk (shards, targets) are put in the order of the spec's catalog;
 * an id the catalog lacks (a report of another spec version) follows, in the order first seen.
 */
export function inCatalogOrder(firstSeen: readonly string[], catalogOrder: readonly string[]): string[] {
  const ids = [...new Set(firstSeen)];
  const rank = new Map(catalogOrder.map((id, k) => [id, k]));
  const rankOf = (id: string): number => rank.get(id) ?? catalogOrder.length + ids.indexOf(id);
  return ids.sort((a, b) => rankOf(a) - rankOf(b));
}
