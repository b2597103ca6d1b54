/**
 * Whose ledger a generated request explodes: a customer or a user group of the profile, found
 * by one of its lookups, with the events that ledger is known to hold. Every valid request
 * starts from one of these, so that it reaches real data.
 */
import type { QueryPair } from '../core/query.js';
import type { EventHandle, IdentifierHandle, Profile } from '../profile/model.js';
import type { LoadedSpec } from '../contract/load.js';

export interface Owner {
  readonly kind: 'customer' | 'group';
  /** The profile key of the customer or group. */
  readonly key: string;
  readonly lookup: IdentifierHandle;
  /**
   * Parameters that pick the ledger besides the lookup: for a group, the group type
   * (`x-ledger-user-groups.groupType`) and, for its primary member's ledger, the primary-user flag.
   */
  readonly extra: readonly QueryPair[];
  readonly events: readonly EventHandle[];
}

/** Every owner with at least one event, in profile order (fast-check shrinks toward the first). */
export function ownersOf(spec: LoadedSpec, profile: Profile): Owner[] {
  const { groupType, primaryUserParameter } = spec.knobs.userGroups;
  const owners: Owner[] = [];
  for (const customer of profile.customers) {
    if (customer.events.length === 0) continue;
    for (const lookup of customer.lookups)
      owners.push({ kind: 'customer', key: customer.key, lookup, extra: [], events: customer.events });
  }
  for (const group of profile.groups) {
    const primary = profile.customers.find((c) => c.key === group.primaryMember);
    for (const lookup of group.lookups) {
      if (group.events.length > 0)
        owners.push({ kind: 'group', key: group.key, lookup, extra: [['type', groupType]], events: group.events });
      if (primary && primary.events.length > 0) {
        owners.push({
          kind: 'group',
          key: group.key,
          lookup,
          extra: [
            ['type', groupType],
            [primaryUserParameter, 'true'],
          ],
          events: primary.events,
        });
      }
    }
  }
  return owners;
}

/** Why the profile cannot seed the fuzzer, or undefined when it can. */
export function whyNotFuzzable(spec: LoadedSpec, profile: Profile): string | undefined {
  return ownersOf(spec, profile).length === 0
    ? 'the profile lists no customer or group with events, and every generated request starts from one'
    : undefined;
}

/** Every identifier value the profile knows (of customers, groups and absent handles), for telling new values from known ones. */
export function knownIdentifierValues(profile: Profile): Set<string> {
  const values = new Set<string>();
  for (const c of profile.customers)
    for (const l of [...c.lookups, ...c.notFoundLookups]) values.add(l.identifierValue.toLowerCase());
  for (const g of profile.groups) for (const l of g.lookups) values.add(l.identifierValue.toLowerCase());
  return values;
}

/** Every account id the profile names. */
export function knownAccountIds(profile: Profile): string[] {
  const accounts = new Set<string>();
  for (const c of profile.customers)
    for (const l of [...c.lookups, ...c.notFoundLookups]) if (l.accountId !== undefined) accounts.add(l.accountId);
  return [...accounts];
}
