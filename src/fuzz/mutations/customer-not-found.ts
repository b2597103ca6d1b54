/**
 * `customer-not-found`: an absent customer (the profile's absent handles and lookups that find
 * no one), an identifierValue no one has (empty, blank, overlong, non-ASCII, injection-shaped…),
 * and a customer looked up in a source or account it is not in.
 */
import fc from 'fast-check';
import type { QueryPair } from '../../core/query.js';
import { without, withValue } from '../../core/query.js';
import type { Profile } from '../../profile/model.js';
import type { LoadedSpec } from '../../contract/load.js';
import { knownAccountIds, knownIdentifierValues } from '../owners.js';
import { hostileStringArb } from '../strings.js';
import { replaceLookup } from './material.js';
import { defineMutation, shown } from './mutation.js';

const missingCustomers = (profile: Profile) => [
  ...profile.absent.customers,
  ...profile.customers.flatMap((c) => c.notFoundLookups),
];

export const absentCustomer = defineMutation({
  name: 'a customer not there',
  weight: 2,
  applies: ({ profile }) => missingCustomers(profile).length > 0,
  arbitrary: ({ spec, profile }) =>
    fc.constantFrom(...missingCustomers(profile)).map((handle) => ({
      name: `customer not there: ${handle.identifierName}=${handle.identifierValue} in ${handle.source}${handle.accountId ? `/${handle.accountId}` : ''}`,
      apply: (q) => replaceLookup(spec, q, handle, undefined),
    })),
});

export const unknownIdentifierValue = defineMutation({
  name: 'an identifierValue nobody has',
  weight: 3,
  applies: () => true,
  arbitrary: ({ profile }) => {
    const known = knownIdentifierValues(profile);
    return hostileStringArb()
      .filter((v) => !known.has(v.toLowerCase()))
      .map((v) => ({ name: `identifierValue=${shown(v)}`, apply: (q) => withValue(q, 'identifierValue', v) }));
  },
});

/** The sources whose lookups an accountId narrows. */
const sourcesWithAccounts = (spec: LoadedSpec): string[] =>
  (spec.parameter('source').enumValues ?? []).map(String).filter((s) => !spec.knobs.identifiers.accountIdIgnoredFor.includes(s));

export const elsewhereLookup = defineMutation({
  name: 'a customer looked up in an account it is not in, of a source that has accounts',
  weight: 1,
  applies: ({ spec }) => sourcesWithAccounts(spec).length > 0,
  arbitrary: ({ spec, profile }) => {
    const accounts = new Set(knownAccountIds(profile));
    return fc
      .tuple(
        fc.constantFrom(...sourcesWithAccounts(spec)),
        fc.oneof(
          fc.constant(undefined),
          hostileStringArb().filter((a) => a !== '' && !accounts.has(a)),
        ),
      )
      .map(([source, account]) => ({
        name: `customer looked up in ${source}${account === undefined ? ' without accountId' : ` account ${JSON.stringify(account.slice(0, 40))}`}`,
        apply: (q) => {
          const rest = without(q, 'source', 'accountId', 'type', spec.knobs.userGroups.primaryUserParameter);
          return [...rest, ['source', source], ...(account !== undefined ? ([['accountId', account]] as QueryPair[]) : [])];
        },
      }));
  },
});
