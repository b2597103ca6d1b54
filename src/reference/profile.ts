/**
 * The built-in `reference` profile: the handles the suites need, read off the same dataset
 * the reference serves, so the two can never drift apart.
 */
import type { EventHandle, IdentifierHandle, Profile } from '../profile/model.js';
import type { LoadedSpec } from '../contract/load.js';
import type { Customer, Dataset, StoredEvent } from './dataset.js';

const handle = (e: StoredEvent): EventHandle => ({
  eventLogId: String(e.eventLogId),
  eventName: e.eventName,
  ...(e.eventReferenceId !== undefined ? { eventReferenceId: e.eventReferenceId } : {}),
});

export function referenceProfile(spec: LoadedSpec, dataset: Dataset): Profile {
  const ids = spec.knobs.identifiers;
  const home = 'INSTORE';
  const customerNames = ids.byType[String(spec.parameter('type').defaultValue)] ?? [];
  const groupNames = ids.byType[spec.knobs.userGroups.groupType] ?? [];
  const valueOf = (c: Customer, name: string): string =>
    name === 'id' ? String(c.userId) : String((c as unknown as Record<string, unknown>)[name]);
  const eventsOf = (ledger: readonly number[]): StoredEvent[] => ledger.map((id) => dataset.events.get(id)!);
  const accountsOf = (source: string): string[] => [
    ...new Set(
      dataset.customers.flatMap((c) =>
        c.registrations.filter((r) => r.source === source && r.accountId).map((r) => r.accountId!),
      ),
    ),
  ];

  const customers = dataset.customers.map((c) => {
    const lookups: IdentifierHandle[] = customerNames.map((name) => ({
      identifierName: name,
      identifierValue: valueOf(c, name),
      source: home,
    }));
    const notFoundLookups: IdentifierHandle[] = [];
    for (const r of c.registrations.filter((r) => r.accountId)) {
      lookups.push({ identifierName: 'mobile', identifierValue: c.mobile, source: r.source, accountId: r.accountId! });
      notFoundLookups.push({ identifierName: 'mobile', identifierValue: c.mobile, source: r.source });
      for (const other of accountsOf(r.source).filter((a) => a !== r.accountId)) {
        notFoundLookups.push({ identifierName: 'mobile', identifierValue: c.mobile, source: r.source, accountId: other });
      }
    }
    lookups.push({ identifierName: 'mobile', identifierValue: c.mobile, source: ids.anySource });
    for (const source of ['MARTJACK', 'WECHAT']) {
      if (c.registrations.some((r) => r.source === source)) continue;
      for (const account of accountsOf(source).slice(0, 1))
        notFoundLookups.push({ identifierName: 'email', identifierValue: c.email, source, accountId: account });
    }
    const ledger = eventsOf(c.ledger);
    return {
      key: c.key,
      lookups,
      notFoundLookups,
      events: ledger.filter((e) => e.hasDetail).map(handle),
      eventIdsWithoutDetail: ledger.filter((e) => !e.hasDetail).map((e) => String(e.eventLogId)),
      alternateCurrencies: [...c.alternateCurrencies],
    };
  });

  const groups = dataset.groups.map((g) => {
    const primary = dataset.customers.find((c) => c.key === g.primaryMemberKey)!;
    const values: Record<string, string> = {
      id: String(g.groupId),
      externalId: g.externalId,
      primaryUserId: String(primary.userId),
    };
    return {
      key: g.key,
      lookups: groupNames
        .filter((n) => values[n] !== undefined)
        .map((name) => ({ identifierName: name, identifierValue: values[name]!, source: home })),
      primaryMember: g.primaryMemberKey,
      events: eventsOf(g.ledger)
        .filter((e) => e.hasDetail)
        .map(handle),
    };
  });

  const allIds = [...dataset.events.keys()];
  const maxId = Math.max(...allIds);
  return {
    name: 'reference',
    description: `The embedded reference dataset (seed ${dataset.seed}, ${dataset.size} customers).`,
    canonicalDataset: { seed: dataset.seed, size: dataset.size },
    alternateCurrencyNames: dataset.alternateCurrencies.map((c) => c.name),
    customers,
    groups,
    absent: {
      customers: [
        { identifierName: 'mobile', identifierValue: '910000000000', source: home },
        { identifierName: 'email', identifierValue: 'nobody@example.invalid', source: home },
        { identifierName: 'id', identifierValue: '999999999', source: home },
      ],
      groups: [
        { identifierName: 'id', identifierValue: '1', source: home },
        { identifierName: 'externalId', identifierValue: 'GRP-NONE', source: home },
      ],
      eventIds: [String(maxId + 1), '1'],
      eventReferenceIds: ['no-such-reference'],
      alternateCurrencyNames: ['NoSuchCoin'],
    },
  };
}

export const PROFILE_SCHEMA_ID =
  'https://github.com/ledger-explode-conformance/ledger-explode-conformance/schemas/profile.schema.json';

/** A profile as a file a user keeps and edits: pretty JSON naming its schema, with a final newline. */
export function profileFileText(profile: Profile): string {
  return JSON.stringify({ $schema: PROFILE_SCHEMA_ID, ...profile }, null, 2) + '\n';
}
