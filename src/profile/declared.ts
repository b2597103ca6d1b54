/**
 * A profile as its author wrote it: as little as one lookup per customer or group, plus the
 * event ids they know. The preflight (`src/preflight/`) turns it into the full `Profile` the
 * checks consume, learning the rest from the target; a declared profile that already holds
 * everything (e.g. one that `profile init` wrote) becomes a `Profile` without a request.
 */
import type { IdentifierHandle } from './model.js';

/** An event as declared: its id, or its name and reference id, or all three. */
export interface DeclaredEvent {
  readonly eventLogId?: string;
  readonly eventName?: string;
  readonly eventReferenceId?: string;
}

export interface DeclaredCustomer {
  readonly key: string;
  readonly lookups: readonly IdentifierHandle[];
  readonly events: readonly DeclaredEvent[];
  readonly notFoundLookups?: readonly IdentifierHandle[];
  readonly eventIdsWithoutDetail?: readonly string[];
  readonly alternateCurrencies?: readonly string[];
}

export interface DeclaredGroup {
  readonly key: string;
  readonly lookups: readonly IdentifierHandle[];
  readonly primaryMember?: string;
  readonly events: readonly DeclaredEvent[];
}

export interface DeclaredProfile {
  readonly name: string;
  readonly description?: string;
  readonly canonicalDataset?: { readonly seed: number; readonly size: number };
  readonly orgSettings?: Readonly<Record<string, boolean>>;
  readonly orgTimezone?: string;
  readonly alternateCurrencyNames?: readonly string[];
  readonly customers: readonly DeclaredCustomer[];
  readonly groups: readonly DeclaredGroup[];
  readonly absent: {
    readonly customers?: readonly IdentifierHandle[];
    readonly groups?: readonly IdentifierHandle[];
    readonly eventIds?: readonly string[];
    readonly eventReferenceIds?: readonly string[];
    readonly alternateCurrencyNames?: readonly string[];
  };
}

/** A profile file as read: what it declares, and how reports name it. */
export interface ProfileFile {
  readonly declared: DeclaredProfile;
  /** `reference`, or the file name as given. */
  readonly name: string;
  /** sha256 of the file bytes, or of the built-in profile's JSON. */
  readonly sha256: string;
}

/**
 * The file as the schema admits it (`schemas/profile.schema.json`): keys, lists and names may be
 * missing, and event ids may be numbers. Normalised by `normaliseProfile`.
 */
interface RawProfile {
  name?: string;
  description?: string;
  canonicalDataset?: { seed: number; size: number };
  orgSettings?: Record<string, boolean>;
  orgTimezone?: string;
  alternateCurrencyNames?: string[];
  customers?: (Omit<DeclaredCustomer, 'key' | 'events' | 'eventIdsWithoutDetail'> & {
    key?: string;
    events?: RawEvent[];
    eventIdsWithoutDetail?: (string | number)[];
  })[];
  groups?: (Omit<DeclaredGroup, 'key' | 'events'> & { key?: string; events?: RawEvent[] })[];
  absent?: Omit<DeclaredProfile['absent'], 'eventIds'> & { eventIds?: (string | number)[] };
}

type RawEvent = string | number | { eventLogId?: string | number; eventName?: string; eventReferenceId?: string };

const idText = (id: string | number): string => String(id);

function eventOf(raw: RawEvent): DeclaredEvent {
  if (typeof raw !== 'object') return { eventLogId: idText(raw) };
  return {
    ...(raw.eventLogId !== undefined ? { eventLogId: idText(raw.eventLogId) } : {}),
    ...(raw.eventName !== undefined ? { eventName: raw.eventName } : {}),
    ...(raw.eventReferenceId !== undefined ? { eventReferenceId: raw.eventReferenceId } : {}),
  };
}

/** Keys `prefix-1`, `prefix-2`… for the entries without one, never a key another entry holds. */
function keysFor(given: readonly (string | undefined)[], taken: Set<string>, prefix: string): string[] {
  let next = 1;
  return given.map((key) => {
    if (key !== undefined) return key;
    while (taken.has(`${prefix}-${next}`)) next += 1;
    const made = `${prefix}-${next}`;
    taken.add(made);
    return made;
  });
}

/** The declared profile of a file the schema accepted; `fallbackName` names it when the file does not. */
export function normaliseProfile(data: unknown, fallbackName: string): DeclaredProfile {
  const raw = data as RawProfile;
  const customers = raw.customers ?? [];
  const groups = raw.groups ?? [];
  const taken = new Set([...customers, ...groups].flatMap((entry) => (entry.key !== undefined ? [entry.key] : [])));
  const customerKeys = keysFor(
    customers.map((c) => c.key),
    taken,
    'customer',
  );
  const groupKeys = keysFor(
    groups.map((g) => g.key),
    taken,
    'group',
  );
  const absent = raw.absent ?? {};
  return {
    name: raw.name ?? fallbackName,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    ...(raw.canonicalDataset !== undefined ? { canonicalDataset: raw.canonicalDataset } : {}),
    ...(raw.orgSettings !== undefined ? { orgSettings: raw.orgSettings } : {}),
    ...(raw.orgTimezone !== undefined ? { orgTimezone: raw.orgTimezone } : {}),
    ...(raw.alternateCurrencyNames !== undefined ? { alternateCurrencyNames: raw.alternateCurrencyNames } : {}),
    customers: customers.map(({ eventIdsWithoutDetail, events, ...c }, i) => ({
      ...c,
      key: customerKeys[i]!,
      events: (events ?? []).map(eventOf),
      ...(eventIdsWithoutDetail !== undefined ? { eventIdsWithoutDetail: eventIdsWithoutDetail.map(idText) } : {}),
    })),
    groups: groups.map(({ events, ...g }, i) => ({ ...g, key: groupKeys[i]!, events: (events ?? []).map(eventOf) })),
    absent: { ...withoutEventIds(absent), ...(absent.eventIds !== undefined ? { eventIds: absent.eventIds.map(idText) } : {}) },
  };
}

function withoutEventIds<T extends { eventIds?: unknown }>(absent: T): Omit<T, 'eventIds'> {
  const { eventIds: _ids, ...rest } = absent;
  return rest;
}
