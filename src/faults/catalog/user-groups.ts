/**
 * Faults the user-groups checks must catch: `type` or the primary-user flag read wrongly, a
 * group found by one identifier only, and the two ledgers (group and primary member) mixed up.
 */
import type { QueryPair } from '../../core/query.js';
import type { Dataset, UserGroup } from '../../reference/dataset.js';
import type { LoadedSpec } from '../../contract/load.js';
import { renderMessage } from '../../contract/rules.js';
import { defineFault, type Fault } from '../fault.js';
import { rewriteJson, rewriteQuery } from '../wrappers.js';
import { firstValue, without } from '../../core/query.js';
import { customerOf } from './identifiers.js';

/** The group a group lookup names (the identifier names of D7), or undefined. */
function groupOf(spec: LoadedSpec, dataset: Dataset, pairs: readonly QueryPair[]): UserGroup | undefined {
  if (firstValue(pairs, 'type') !== spec.knobs.userGroups.groupType) return undefined;
  const name = firstValue(pairs, 'identifierName')?.toLowerCase();
  const value = firstValue(pairs, 'identifierValue');
  return dataset.groups.find((g) =>
    name === 'id'
      ? String(g.groupId) === value
      : name === 'externalid'
        ? g.externalId === value
        : name === 'primaryuserid'
          ? String(dataset.customers.find((c) => c.key === g.primaryMemberKey)!.userId) === value
          : false,
  );
}

/** The lookup of a customer by its user id, in the source the request named. */
const memberLookup = (pairs: readonly QueryPair[], userId: number): QueryPair[] => [
  ...without(pairs, 'identifierName', 'identifierValue', 'type'),
  ['identifierName', 'id'],
  ['identifierValue', String(userId)],
];

const flagOn = (spec: LoadedSpec, pairs: readonly QueryPair[]): boolean =>
  firstValue(pairs, spec.knobs.userGroups.primaryUserParameter) === 'true';

/** Whether every id of the request's eventIds is in `ledger`. */
const allIn = (pairs: readonly QueryPair[], ledger: readonly number[]): boolean => {
  const ids = firstValue(pairs, 'eventIds')?.split(',');
  return ids !== undefined && ids.every((id) => ledger.includes(Number(id)));
};

export const faults: readonly Fault[] = [
  defineFault({
    id: 'user-groups/type-ignored',
    title: 'type is ignored: every identifier is looked up as a customer',
    trips: ['UG-GROUP-LEDGER', 'UG-IDENTIFIERS', 'UG-PRIMARY-USER'],
    build: ({ reference }) => rewriteQuery(reference, (pairs) => without(pairs, 'type')),
  }),
  defineFault({
    id: 'user-groups/primary-flag-ignored',
    title: "isPrimaryUser is ignored: a group lookup always explodes the group's own ledger",
    trips: ['UG-PRIMARY-USER'],
    build: ({ reference, spec }) =>
      rewriteQuery(reference, (pairs) => without(pairs, spec.knobs.userGroups.primaryUserParameter)),
  }),
  defineFault({
    id: 'user-groups/primary-flag-for-customers',
    title: 'isPrimaryUser=true turns a customer lookup into a group lookup, whatever type says',
    trips: ['UG-PRIMARY-USER'],
    build: ({ reference, spec }) =>
      rewriteQuery(reference, (pairs) =>
        flagOn(spec, pairs) && firstValue(pairs, 'type') !== spec.knobs.userGroups.groupType
          ? [...without(pairs, 'type'), ['type', spec.knobs.userGroups.groupType]]
          : pairs,
      ),
  }),
  defineFault({
    id: 'user-groups/group-found-only-by-id',
    title: 'a group is found only by its id: its other identifiers are answered as an unknown group',
    trips: ['UG-IDENTIFIERS'],
    build: ({ reference, spec }) => {
      const { groupType } = spec.knobs.userGroups;
      const byId = spec.knobs.identifiers.byType[groupType]![0]!.toLowerCase();
      const notFound = spec.knobs.errors.find((r) => r.trigger.kind === 'group-not-found')!;
      return rewriteJson(reference, (body, { status, pairs }) => {
        const name = firstValue(pairs, 'identifierName')?.toLowerCase();
        if (status !== 200 || firstValue(pairs, 'type') !== groupType || name === byId) return body;
        const message = renderMessage(notFound.message, { value: firstValue(pairs, 'identifierValue') });
        return { status: notFound.status, body: { errors: [{ code: notFound.code, message, status: false }], warnings: [] } };
      });
    },
  }),
  defineFault({
    id: 'user-groups/member-gets-group-ledger',
    title: 'a primary member looked up as a customer gets the ledger of the group it leads',
    trips: ['UG-GROUP-LEDGER'],
    build: ({ reference, spec, dataset }) =>
      rewriteQuery(reference, (pairs) => {
        const customer = customerOf(spec, dataset, pairs);
        const group = customer && dataset.groups.find((g) => g.primaryMemberKey === customer.key);
        if (!group) return pairs;
        return [
          ...without(pairs, 'identifierName', 'identifierValue', 'type'),
          ['identifierName', 'id'],
          ['identifierValue', String(group.groupId)],
          ['type', spec.knobs.userGroups.groupType],
        ];
      }),
  }),
  defineFault({
    id: 'user-groups/group-ledger-includes-primary-member',
    title: "a group's ledger also holds its primary member's events, without isPrimaryUser",
    trips: ['UG-GROUP-LEDGER'],
    build: ({ reference, spec, dataset }) =>
      rewriteQuery(reference, (pairs) => {
        const group = groupOf(spec, dataset, pairs);
        const member = group && dataset.customers.find((c) => c.key === group.primaryMemberKey)!;
        return member && !flagOn(spec, pairs) && allIn(pairs, member.ledger) ? memberLookup(pairs, member.userId) : pairs;
      }),
  }),
  defineFault({
    id: 'user-groups/primary-user-keeps-group-events',
    title: "with isPrimaryUser=true the group's own events are still served, beside the primary member's",
    trips: ['UG-PRIMARY-USER'],
    build: ({ reference, spec, dataset }) =>
      rewriteQuery(reference, (pairs) => {
        const group = groupOf(spec, dataset, pairs);
        return group && flagOn(spec, pairs) && allIn(pairs, group.ledger)
          ? without(pairs, spec.knobs.userGroups.primaryUserParameter)
          : pairs;
      }),
  }),
];
