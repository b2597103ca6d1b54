/**
 * The dataset a recording implies, for `serve --dataset`: the cluster's data, as far as its
 * answers show it, served with the spec's behaviour.
 *
 * - Each event is every version of it the answers showed, merged (objects key by key; of two
 *   lists, the longer, since a currency filter shortens a list but never changes its items): an
 *   answer with every flag on shows it whole, and an event is never asked for with more than
 *   some answer showed.
 * - An event belongs to whoever the lookup that showed it found: a profile customer or group
 *   whose lookup has that identifier name and value (a group's with `isPrimaryUser` true stands
 *   for its primary member).
 * - A customer is registered in every source (and account) a lookup found it in; its
 *   identifiers are those of its profile lookups. An identifier the recording never used is not
 *   known: it gets a placeholder in `.invalid` that no request of the transcript asks for.
 * - The org's currencies are the profile's (the preflight learned them), with the identifiers
 *   the answers showed; its UTC offset is that of the first ISO twin. The org id is not shown by
 *   any answer and is written as 0.
 * - The identities are the reference's demo identities: the cluster's credentials are never
 *   written anywhere.
 */
import type { LoadedSpec } from '../contract/load.js';
import { pairsOfRawQuery } from '../core/query.js';
import type { Profile, ProfileCustomer, ProfileGroup } from '../profile/model.js';
import type { Customer, Dataset, Registration, StoredEvent, UserGroup } from '../reference/dataset.js';
import type { TranscriptLine } from '../transcript/line.js';

type Owner =
  { readonly kind: 'customer'; readonly customer: ProfileCustomer } | { readonly kind: 'group'; readonly group: ProfileGroup };

export interface DerivedDataset {
  readonly dataset: Dataset;
  /** Events some answer showed but no known lookup explains (not in the dataset). */
  readonly unowned: number;
}

type Json = Record<string, unknown>;

export function deriveDataset(spec: LoadedSpec, profile: Profile, lines: readonly TranscriptLine[]): DerivedDataset {
  const ids = spec.knobs.identifiers;
  const events = new Map<number, Json>();
  const ownerOf = new Map<number, Owner>();
  const registrations = new Map<string, Registration[]>();
  for (const line of lines) {
    const shown = eventsOf(line);
    if (shown.length === 0) continue;
    const query = new Map<string, string>();
    for (const [name, value] of pairsOfRawQuery(line.request.query)) if (!query.has(name)) query.set(name, value);
    const owner = ownerOfLookup(spec, profile, query);
    for (const event of shown) {
      const id = Number(event['eventLogId']);
      events.set(id, merged(events.get(id), event) as Json);
      if (owner && !ownerOf.has(id)) ownerOf.set(id, owner);
    }
    const source = query.get('source');
    if (owner?.kind === 'customer' && source !== undefined && source !== ids.anySource) {
      const accountId = ids.accountIdIgnoredFor.includes(source) ? undefined : query.get('accountId');
      addRegistration(registrations, owner.customer.key, { source, ...(accountId !== undefined ? { accountId } : {}) });
    }
  }
  for (const c of profile.customers)
    for (const l of c.lookups)
      if (l.source !== ids.anySource)
        addRegistration(registrations, c.key, {
          source: l.source,
          ...(l.accountId !== undefined && !ids.accountIdIgnoredFor.includes(l.source) ? { accountId: l.accountId } : {}),
        });
  return assemble(spec, profile, { events, ownerOf, registrations });
}

interface Observed {
  readonly events: ReadonlyMap<number, Json>;
  readonly ownerOf: ReadonlyMap<number, Owner>;
  readonly registrations: ReadonlyMap<string, Registration[]>;
}

function assemble(spec: LoadedSpec, profile: Profile, observed: Observed): DerivedDataset {
  const withoutDetail = new Set([...profile.customers.flatMap((c) => c.eventIdsWithoutDetail)]);
  const typesWithoutDetail = new Set(spec.knobs.eventsWithoutDetail);
  const stored = new Map<number, StoredEvent>();
  const ledgers = new Map<string, number[]>();
  let unowned = 0;
  for (const id of [...observed.events.keys()].sort((a, b) => a - b)) {
    const owner = observed.ownerOf.get(id);
    const full = observed.events.get(id)!;
    if (!owner) {
      unowned += 1;
      continue;
    }
    const key = owner.kind === 'customer' ? owner.customer.key : owner.group.key;
    const eventName = String(full['eventName']);
    const reference = full['eventReferenceId'];
    stored.set(id, {
      eventLogId: id,
      eventName,
      owner: { kind: owner.kind, key },
      hasDetail: !withoutDetail.has(String(id)) && !typesWithoutDetail.has(eventName),
      ...(typeof reference === 'string' ? { eventReferenceId: reference } : {}),
      full,
    });
    ledgers.set(`${owner.kind} ${key}`, [...(ledgers.get(`${owner.kind} ${key}`) ?? []), id]);
  }
  // An event without explode detail is never in a 200 answer (asking for it is an error): the
  // profile names it, and it is stored bare, under the first type the spec lists without detail.
  const bareName = spec.knobs.eventsWithoutDetail[0];
  for (const c of profile.customers)
    for (const raw of c.eventIdsWithoutDetail) {
      const id = Number(raw);
      if (stored.has(id) || bareName === undefined || !Number.isSafeInteger(id)) continue;
      stored.set(id, {
        eventLogId: id,
        eventName: bareName,
        owner: { kind: 'customer', key: c.key },
        hasDetail: false,
        full: { eventLogId: id, eventName: bareName },
      });
      ledgers.set(
        `customer ${c.key}`,
        [...(ledgers.get(`customer ${c.key}`) ?? []), id].sort((a, b) => a - b),
      );
    }
  const currenciesOf = (kind: string, key: string): string[] =>
    [...new Set((ledgers.get(`${kind} ${key}`) ?? []).flatMap((id) => currencyNames(stored.get(id)!.full)))].sort();
  const placeholders = new Placeholders(profile);
  const customers: Customer[] = profile.customers.map((c) => ({
    ...placeholders.customer(c),
    registrations: observed.registrations.get(c.key) ?? [],
    alternateCurrencies: [...(c.alternateCurrencies ?? currenciesOf('customer', c.key))],
    ledger: ledgers.get(`customer ${c.key}`) ?? [],
  }));
  const groups: UserGroup[] = profile.groups.map((g) => {
    const primary = g.primaryMember ?? placeholders.primaryFor(g, customers);
    return {
      key: g.key,
      groupId: Number(identifierOf(g, 'id') ?? placeholders.nextId()),
      externalId: identifierOf(g, 'externalId') ?? `${g.key}.not-recorded.invalid`,
      primaryMemberKey: primary,
      memberKeys: [primary],
      alternateCurrencies: currenciesOf('group', g.key),
      ledger: ledgers.get(`group ${g.key}`) ?? [],
    };
  });
  const allEvents = [...stored.values()].map((e) => e.full);
  const dataset: Dataset = {
    seed: 0,
    size: customers.length,
    serverOffset: serverOffsetOf(allEvents) ?? '+00:00',
    orgId: 0,
    alternateCurrencies: profile.alternateCurrencyNames.map((name) => ({
      name,
      identifier: identifierOfCurrency(allEvents, name) ?? name,
    })),
    customers,
    groups,
    events: new Map([...stored].sort(([a], [b]) => a - b)),
  };
  return { dataset, unowned };
}

/** Identifiers the recording never used: unique values no request asks for. */
class Placeholders {
  private next: number;
  constructor(private readonly profile: Profile) {
    const known = [...profile.customers, ...profile.groups].flatMap((o) =>
      o.lookups
        .filter((l) => l.identifierName === 'id' || l.identifierName === 'primaryUserId')
        .map((l) => Number(l.identifierValue)),
    );
    this.next = Math.max(900_000_000, ...known.filter(Number.isFinite)) + 1;
  }

  nextId(): number {
    return (this.next += 1);
  }

  customer(c: ProfileCustomer): Omit<Customer, 'registrations' | 'alternateCurrencies' | 'ledger'> {
    // A group found by its primary member's user id tells that member's id.
    const viaGroup = this.profile.groups.find((g) => g.primaryMember === c.key && identifierOf(g, 'primaryUserId') !== undefined);
    const userId = identifierOf(c, 'id') ?? (viaGroup ? identifierOf(viaGroup, 'primaryUserId') : undefined);
    const unknown = `${c.key}.not-recorded.invalid`;
    return {
      key: c.key,
      userId: userId !== undefined ? Number(userId) : this.nextId(),
      firstName: '',
      lastName: '',
      mobile: identifierOf(c, 'mobile') ?? unknown,
      email: identifierOf(c, 'email') ?? `${c.key}@not-recorded.invalid`,
      externalId: identifierOf(c, 'externalId') ?? unknown,
      cuid: identifierOf(c, 'cuid') ?? unknown,
    };
  }

  /** A group whose primary member is not known gets a customer of its own, with an empty ledger. */
  primaryFor(group: ProfileGroup, customers: Customer[]): string {
    const key = `${group.key}-primary-not-recorded`;
    customers.push({
      key,
      userId: this.nextId(),
      firstName: '',
      lastName: '',
      mobile: `${key}.invalid`,
      email: `${key}@not-recorded.invalid`,
      externalId: `${key}.invalid`,
      cuid: `${key}.invalid`,
      registrations: [],
      alternateCurrencies: [],
      ledger: [],
    });
    return key;
  }
}

function eventsOf(line: TranscriptLine): Json[] {
  const body = line.response.body as { events?: unknown } | undefined;
  if (line.response.status !== 200 || !Array.isArray(body?.events)) return [];
  return body.events.filter((e): e is Json => e !== null && typeof e === 'object' && 'eventLogId' in e);
}

/** The profile customer or group a request's lookup names, or undefined. */
function ownerOfLookup(spec: LoadedSpec, profile: Profile, query: ReadonlyMap<string, string>): Owner | undefined {
  const { identifiers, userGroups } = spec.knobs;
  const name = query.get('identifierName');
  const value = query.get('identifierValue');
  if (name === undefined || value === undefined) return undefined;
  const insensitive = identifiers.caseInsensitiveValues.includes(name);
  const same = (l: { identifierName: string; identifierValue: string }): boolean =>
    l.identifierName === name &&
    (insensitive ? l.identifierValue.toLowerCase() === value.toLowerCase() : l.identifierValue === value);
  if (query.get('type') === userGroups.groupType) {
    const group = profile.groups.find((g) => g.lookups.some(same));
    if (!group) return undefined;
    if (query.get(userGroups.primaryUserParameter) !== 'true') return { kind: 'group', group };
    const primary = profile.customers.find((c) => c.key === group.primaryMember);
    return primary ? { kind: 'customer', customer: primary } : undefined;
  }
  const customer = profile.customers.find((c) => c.lookups.some(same));
  return customer ? { kind: 'customer', customer } : undefined;
}

function identifierOf(
  owner: { lookups: readonly { identifierName: string; identifierValue: string }[] },
  name: string,
): string | undefined {
  return owner.lookups.find((l) => l.identifierName === name)?.identifierValue;
}

function addRegistration(all: Map<string, Registration[]>, key: string, registration: Registration): void {
  const list = all.get(key) ?? [];
  if (!list.some((r) => r.source === registration.source && r.accountId === registration.accountId)) list.push(registration);
  all.set(key, list);
}

/** Two versions of one value merged: objects key by key, lists the longer (item by item when as long). */
function merged(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return a.length > b.length ? a : b;
    // Lists as long but of other currencies (two filters of one size) are not one list to merge.
    const sameItems = a.every((item: unknown, i) => currencyOf(item) === currencyOf(b[i]));
    if (!sameItems) return JSON.stringify(a).length >= JSON.stringify(b).length ? a : b;
    return a.map((item: unknown, i) => merged(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const out: Json = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merged(a[k], v);
    return out;
  }
  return a;
}

const currencyOf = (item: unknown): unknown => (isObject(item) ? item['alternateCurrencyName'] : undefined);

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The alternate-currency names an event's blocks carry. */
function currencyNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(currencyNames);
  if (!isObject(value)) return [];
  const own = typeof value['alternateCurrencyName'] === 'string' ? [value['alternateCurrencyName']] : [];
  return [...own, ...Object.values(value).flatMap(currencyNames)];
}

function identifierOfCurrency(events: readonly unknown[], name: string): string | undefined {
  const find = (value: unknown): string | undefined => {
    if (Array.isArray(value)) return value.map(find).find((v) => v !== undefined);
    if (!isObject(value)) return undefined;
    if (value['alternateCurrencyName'] === name && typeof value['alternateCurrencyIdentifier'] === 'string')
      return value['alternateCurrencyIdentifier'];
    return Object.values(value)
      .map(find)
      .find((v) => v !== undefined);
  };
  return find(events);
}

/** The UTC offset of the first ISO twin with one (`…+05:30`). */
function serverOffsetOf(events: readonly unknown[]): string | undefined {
  const text = JSON.stringify(events);
  return /"[A-Za-z]+ISO":"\d{4}-\d\d-\d\dT[0-9:]+([+-]\d\d:\d\d)"/.exec(text)?.[1];
}
