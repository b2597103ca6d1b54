/**
 * The full profile from the declared one and what the preflight learned, with the list of
 * learned values: each at its JSON pointer in the full profile, with the request that taught it
 * (what reports list, and what `profile init` writes as comments).
 */
import type { DeclaredProfile } from '../profile/declared.js';
import type { IdentifierHandle, Profile, ProfileCustomer, ProfileGroup } from '../profile/model.js';
import type { LearnedValue } from '../core/report-model.js';
import type { LoadedSpec } from '../contract/load.js';
import type { LearnedCurrencies } from './currencies.js';
import type { LearnedSetting } from './org-settings.js';
import type { LearnedTimezone } from './org-timezone.js';
import type { OwnerFacts, OwnerInput } from './owners.js';
import { lookupText } from './record.js';

export interface OwnerOutcome {
  readonly input: OwnerInput;
  readonly facts: OwnerFacts;
}

export interface AssemblyInput {
  readonly spec: LoadedSpec;
  readonly declared: DeclaredProfile;
  /** Customers first, then groups, in declared order. */
  readonly owners: readonly OwnerOutcome[];
  readonly settings: readonly LearnedSetting[];
  readonly orgSettings: Readonly<Record<string, boolean>>;
  /** The org's timezone, when the preflight learned it (a declared one is in `declared`). */
  readonly orgTimezone?: LearnedTimezone;
  /** Per owner (undefined for groups and for customers not learned). */
  readonly currencies: readonly (LearnedCurrencies | undefined)[];
  readonly orgCurrencies: readonly string[];
  readonly absent: { readonly absent: Profile['absent']; readonly taught: ReadonlyMap<string, string> };
  /** Per customer: a made-up lookup that does not find it, when the profile declares none. */
  readonly notFound: readonly (IdentifierHandle | undefined)[];
}

export function assembleProfile(input: AssemblyInput): { profile: Profile; learned: LearnedValue[] } {
  const { declared, owners } = input;
  const learned: LearnedValue[] = [];
  const learn = (pointer: string, value: string, request: string | undefined): void => {
    if (request !== undefined) learned.push({ pointer, value, request });
  };
  const customers: ProfileCustomer[] = declared.customers.map((c, i) => {
    const { facts } = owners[i]!;
    const made = input.notFound[i];
    const currencies = c.alternateCurrencies ?? input.currencies[i]?.names;
    facts.events.forEach((e, j) => learn(`/customers/${i}/events/${j}`, eventText(e.value), e.taughtBy));
    facts.withoutDetail.forEach((e, j) => learn(`/customers/${i}/eventIdsWithoutDetail/${j}`, e.value, e.taughtBy));
    if (c.alternateCurrencies === undefined && currencies !== undefined)
      learn(`/customers/${i}/alternateCurrencies`, `[${currencies.join(', ')}]`, input.currencies[i]!.taughtBy);
    if (made) learn(`/customers/${i}/notFoundLookups/0`, lookupText(made), input.absent.taught.get(JSON.stringify(made)));
    return {
      key: c.key,
      lookups: c.lookups,
      notFoundLookups: c.notFoundLookups && c.notFoundLookups.length > 0 ? c.notFoundLookups : made ? [made] : [],
      events: facts.events.map((e) => e.value),
      eventIdsWithoutDetail: facts.withoutDetail.map((e) => e.value),
      ...(currencies !== undefined ? { alternateCurrencies: currencies } : {}),
    };
  });
  const groups: ProfileGroup[] = declared.groups.map((g, i) => {
    const { facts } = owners[declared.customers.length + i]!;
    facts.events.forEach((e, j) => learn(`/groups/${i}/events/${j}`, eventText(e.value), e.taughtBy));
    const inferred = g.primaryMember === undefined ? primaryFromLookups(input.spec, g.lookups, declared.customers) : undefined;
    if (inferred) learn(`/groups/${i}/primaryMember`, inferred.key, `the profile: ${inferred.why}`);
    const member = g.primaryMember ?? inferred?.key;
    return {
      key: g.key,
      lookups: g.lookups,
      ...(member !== undefined ? { primaryMember: member } : {}),
      events: facts.events.map((e) => e.value),
    };
  });
  for (const setting of input.settings) learn(`/orgSettings/${setting.name}`, String(setting.on), setting.taughtBy);
  if (input.orgTimezone) learn('/orgTimezone', input.orgTimezone.value, input.orgTimezone.taughtBy);
  const orgTimezone = declared.orgTimezone ?? input.orgTimezone?.value;
  if (declared.alternateCurrencyNames === undefined && input.orgCurrencies.length > 0)
    learn(
      '/alternateCurrencyNames',
      `[${input.orgCurrencies.join(', ')}]`,
      'the union of the currencies learned for the customers',
    );
  const { absent, taught } = input.absent;
  for (const kind of ['customers', 'groups', 'eventIds', 'eventReferenceIds'] as const) {
    absent[kind].forEach((value, j) =>
      learn(`/absent/${kind}/${j}`, typeof value === 'string' ? value : lookupText(value), taught.get(JSON.stringify(value))),
    );
  }
  const profile: Profile = {
    name: declared.name,
    ...(declared.description !== undefined ? { description: declared.description } : {}),
    ...(declared.canonicalDataset !== undefined ? { canonicalDataset: declared.canonicalDataset } : {}),
    ...(Object.keys(input.orgSettings).length > 0 ? { orgSettings: input.orgSettings } : {}),
    ...(orgTimezone !== undefined ? { orgTimezone } : {}),
    alternateCurrencyNames: input.orgCurrencies,
    customers,
    groups,
    absent,
  };
  return { profile, learned };
}

const eventText = (e: { eventLogId: string; eventName: string; eventReferenceId?: string }): string =>
  `${e.eventLogId} ${e.eventName}${e.eventReferenceId !== undefined ? ` ${e.eventReferenceId}` : ''}`;

/**
 * The group's primary member when the profile shows it: a group lookup by primary user id whose
 * value is a customer's user id lookup.
 */
function primaryFromLookups(
  spec: LoadedSpec,
  lookups: readonly IdentifierHandle[],
  customers: DeclaredProfile['customers'],
): { key: string; why: string } | undefined {
  const groupNames = spec.knobs.identifiers.byType[spec.knobs.userGroups.groupType] ?? [];
  const customerNames = spec.knobs.identifiers.byType[String(spec.parameter('type').defaultValue)] ?? [];
  // The name both types resolve by user id: the customer's `id`, the group's `primaryUserId`.
  const userId = customerNames.find((n) => n === 'id');
  const primaryUserId = groupNames.find((n) => n.toLowerCase() === 'primaryuserid');
  if (userId === undefined || primaryUserId === undefined) return undefined;
  for (const lookup of lookups.filter((l) => l.identifierName.toLowerCase() === primaryUserId.toLowerCase())) {
    const customer = customers.find((c) =>
      c.lookups.some((l) => l.identifierName.toLowerCase() === userId && l.identifierValue === lookup.identifierValue),
    );
    if (customer)
      return { key: customer.key, why: `${primaryUserId}=${lookup.identifierValue} is the ${userId} of ${customer.key}` };
  }
  return undefined;
}
