/**
 * Faults the identifiers checks must catch: an identifier type resolving to another customer,
 * source and account scoping lost, email matched by case, and both selector styles selecting
 * more (or more often) than they name.
 */
import type { QueryPair } from '../../core/query.js';
import type { Customer, Dataset, StoredEvent } from '../../reference/dataset.js';
import type { LoadedSpec } from '../../contract/load.js';
import { defineFault, type Fault } from '../fault.js';
import { rewriteJson, rewriteQuery } from '../wrappers.js';
import { firstValue, without } from '../../core/query.js';

/** The value of a customer's identifier, as the reference stores it. */
function storedValue(customer: Customer, name: string): string | undefined {
  if (name === 'id') return String(customer.userId);
  const value = (customer as unknown as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The customer a query names, read the simple way a faulty target would (any source, names and
 * case-insensitive values folded); undefined for a group lookup or an unknown customer.
 */
export function customerOf(spec: LoadedSpec, dataset: Dataset, pairs: readonly QueryPair[]): Customer | undefined {
  const ids = spec.knobs.identifiers;
  const type = firstValue(pairs, 'type');
  const given = firstValue(pairs, 'identifierName')?.toLowerCase();
  const value = firstValue(pairs, 'identifierValue');
  if (type === spec.knobs.userGroups.groupType || given === undefined || value === undefined) return undefined;
  const name = Object.values(ids.byType)
    .flat()
    .find((n) => n.toLowerCase() === given);
  if (name === undefined) return undefined;
  const fold = (v: string): string => (ids.caseInsensitiveValues.includes(name) ? v.toLowerCase() : v);
  return dataset.customers.find((c) => storedValue(c, name) !== undefined && fold(storedValue(c, name)!) === fold(value));
}

/** The stored events of a customer's ledger that have explode detail. */
const detailedLedger = (dataset: Dataset, customer: Customer): StoredEvent[] =>
  customer.ledger.map((id) => dataset.events.get(id)!).filter((e) => e.hasDetail);

export const faults: readonly Fault[] = [
  defineFault({
    id: 'identifiers/email-resolves-next-customer',
    title: 'an email lookup answers with the ledger of the customer registered after the one it names',
    trips: ['ID-EQUIVALENCE'],
    build: ({ reference, dataset }) =>
      rewriteQuery(reference, (pairs) => {
        if (firstValue(pairs, 'identifierName')?.toLowerCase() !== 'email') return pairs;
        const value = firstValue(pairs, 'identifierValue')?.toLowerCase();
        const index = dataset.customers.findIndex((c) => c.email === value);
        if (index < 0) return pairs;
        const next = dataset.customers[(index + 1) % dataset.customers.length]!;
        return [...without(pairs, 'identifierValue'), ['identifierValue', next.email]];
      }),
  }),
  defineFault({
    id: 'identifiers/unknown-customer-empty-list',
    title: 'a customer identifier that matches no customer is answered 200 with an empty events list',
    trips: ['ID-SOURCE-ACCOUNT'],
    build: ({ reference, spec }) => {
      const notFound = spec.knobs.errors.find((r) => r.trigger.kind === 'customer-not-found')!;
      return rewriteJson(reference, (body, { status }) => {
        const code = (body['errors'] as { code?: number }[] | undefined)?.[0]?.code;
        return status === notFound.status && code === notFound.code ? { status: 200, body: { events: [], warnings: [] } } : body;
      });
    },
  }),
  defineFault({
    id: 'identifiers/email-case-sensitive',
    title: 'email values are compared with their letter case, so an upper-case address finds nobody',
    trips: ['ID-EMAIL-CASE'],
    build: ({ withKnobs }) =>
      withKnobs((knobs) => ({ ...knobs, identifiers: { ...knobs.identifiers, caseInsensitiveValues: [] } })),
  }),
  defineFault({
    id: 'identifiers/account-ignored',
    title: 'accountId is ignored: a customer is found in every account of a source it is registered in',
    trips: ['ID-SOURCE-ACCOUNT'],
    build: ({ withKnobs, spec }) =>
      withKnobs((knobs) => ({
        ...knobs,
        identifiers: { ...knobs.identifiers, accountIdIgnoredFor: (spec.parameter('source').enumValues ?? []).map(String) },
      })),
  }),
  defineFault({
    id: 'identifiers/account-required-everywhere',
    title: 'accountId is applied to single-account sources too: INSTORE with an accountId finds nobody',
    trips: ['ID-SOURCE-ACCOUNT'],
    build: ({ withKnobs }) =>
      withKnobs((knobs) => ({ ...knobs, identifiers: { ...knobs.identifiers, accountIdIgnoredFor: [] } })),
  }),
  defineFault({
    id: 'identifiers/source-ignored',
    title: 'source is ignored: a customer is found whatever source the request names',
    trips: ['ID-SOURCE-ACCOUNT'],
    build: ({ reference, spec }) =>
      rewriteQuery(reference, (pairs) =>
        firstValue(pairs, 'source') !== undefined
          ? [...without(pairs, 'source'), ['source', spec.knobs.identifiers.anySource]]
          : pairs,
      ),
  }),
  defineFault({
    id: 'identifiers/event-ids-whole-ledger',
    title: 'eventIds only finds the ledger: the answer holds every event of it, not the ones listed',
    trips: ['ID-EVENT-IDS'],
    build: ({ reference, dataset }) =>
      rewriteQuery(reference, (pairs) => {
        const first = firstValue(pairs, 'eventIds')?.split(',')[0];
        const owner = first !== undefined ? dataset.events.get(Number(first))?.owner : undefined;
        const ledger =
          owner?.kind === 'customer'
            ? dataset.customers.find((c) => c.key === owner.key)?.ledger
            : dataset.groups.find((g) => g.key === owner?.key)?.ledger;
        if (!ledger) return pairs;
        const detailed = ledger.filter((id) => dataset.events.get(id)!.hasDetail);
        return [...without(pairs, 'eventIds'), ['eventIds', detailed.join(',')]];
      }),
  }),
  defineFault({
    id: 'identifiers/reference-prefix-match',
    title: 'eventReferenceIds match every reference id that starts with them',
    trips: ['ID-EVENT-REFERENCES'],
    build: ({ reference, spec, dataset }) =>
      rewriteQuery(reference, (pairs) => {
        const eventName = firstValue(pairs, 'eventName');
        const listed = firstValue(pairs, 'eventReferenceIds')?.split(',');
        const customer = customerOf(spec, dataset, pairs);
        if (eventName === undefined || !listed || !customer) return pairs;
        const known = [
          ...new Set(
            detailedLedger(dataset, customer)
              .filter((e) => e.eventName === eventName)
              .map((e) => e.eventReferenceId!),
          ),
        ];
        const widened = listed.flatMap((ref) => {
          const longer = known.filter((k) => k.startsWith(ref));
          return longer.length > 0 ? longer : [ref];
        });
        return [...without(pairs, 'eventReferenceIds'), ['eventReferenceIds', [...new Set(widened)].join(',')]];
      }),
  }),
  defineFault({
    id: 'identifiers/reference-ignores-event-name',
    title: 'eventReferenceIds are matched against events of every type, whatever eventName says',
    trips: ['ID-EVENT-REFERENCES'],
    build: ({ reference, spec, dataset }) =>
      rewriteQuery(reference, (pairs) => {
        const listed = firstValue(pairs, 'eventReferenceIds')?.split(',');
        const customer = customerOf(spec, dataset, pairs);
        if (firstValue(pairs, 'eventName') === undefined || !listed || !customer) return pairs;
        const matched = detailedLedger(dataset, customer).filter(
          (e) => e.eventReferenceId !== undefined && listed.includes(e.eventReferenceId),
        );
        return matched.length > 0
          ? [...without(pairs, 'eventName', 'eventReferenceIds'), ['eventIds', matched.map((e) => e.eventLogId).join(',')]]
          : pairs;
      }),
  }),
];
