/**
 * What a QA engineer knows about a cluster with data of its own, written as they would write
 * it: two customers by one lookup each (one with about twelve event ids read off its ledger,
 * one with four) and one user group by one lookup with three event ids. Built from a reference
 * dataset other than the default, served as the "real" target.
 */
import type { Dataset } from '../../src/reference/dataset.js';

export interface MinimalProfile {
  readonly customers: { lookups: { identifierName: string; identifierValue: string; source: string }[]; events: string[] }[];
  readonly groups: { lookups: { identifierName: string; identifierValue: string; source: string }[]; events: string[] }[];
}

/** The ids of a ledger in the order a back-office screen lists them (newest first), `count` of them. */
const firstIds = (ledger: readonly number[], count: number): string[] => [...ledger].reverse().slice(0, count).map(String);

export function minimalProfileOf(dataset: Dataset): MinimalProfile {
  const byLedger = [...dataset.customers].sort((a, b) => b.ledger.length - a.ledger.length);
  const big = byLedger.find((c) => c.ledger.length >= 12) ?? byLedger[0]!;
  const small =
    byLedger.find((c) => c !== big && c.ledger.length >= 4 && c.ledger.length <= 12) ?? byLedger.find((c) => c !== big)!;
  const group = dataset.groups.find((g) => g.ledger.length >= 3) ?? dataset.groups[0]!;
  return {
    customers: [
      {
        lookups: [{ identifierName: 'mobile', identifierValue: big.mobile, source: 'INSTORE' }],
        events: firstIds(big.ledger, 12),
      },
      {
        lookups: [{ identifierName: 'mobile', identifierValue: small.mobile, source: 'INSTORE' }],
        events: firstIds(small.ledger, 4),
      },
    ],
    groups: [
      {
        lookups: [{ identifierName: 'externalId', identifierValue: group.externalId, source: 'INSTORE' }],
        events: firstIds(group.ledger, 3),
      },
    ],
  };
}
