/**
 * What the mutations draw their data from: the profile's events and absent handles, and the
 * edits that turn a request to one selector style or another lookup.
 */
import type { QueryPair } from '../../core/query.js';
import { firstValue, without, withValue } from '../../core/query.js';
import type { IdentifierHandle, Profile } from '../../profile/model.js';
import type { LoadedSpec } from '../../contract/load.js';
import { lookupPairs } from '../../profile/lookup-pairs.js';
import { lengthBoundary } from '../strings.js';

export interface Material {
  readonly eventIds: readonly string[];
  readonly referencesByName: ReadonlyMap<string, readonly string[]>;
  readonly allReferences: ReadonlySet<string>;
  /** Event ids no ledger holds with detail: absent, or of types without explode detail. */
  readonly absentEventIds: readonly string[];
  /** Reference ids the profile never names, the longest one the item pattern allows among them. */
  readonly absentReferences: readonly string[];
  /** An event name and one of its reference ids, to complete a reference-style selector. */
  readonly someName: string;
  readonly someReference: string;
}

export function materialOf(spec: LoadedSpec, profile: Profile): Material {
  const events = [...profile.customers.flatMap((c) => c.events), ...profile.groups.flatMap((g) => g.events)];
  const eventIds = [...new Set(events.map((e) => e.eventLogId))];
  const referencesByName = new Map<string, string[]>();
  for (const e of events) {
    if (e.eventReferenceId === undefined) continue;
    referencesByName.set(e.eventName, [...new Set([...(referencesByName.get(e.eventName) ?? []), e.eventReferenceId])]);
  }
  const allReferences = new Set([...referencesByName.values()].flat());
  const known = new Set(eventIds);
  const idsParameter = spec.parameter('eventIds');
  const idItem = (id: string): boolean => idsParameter.check(id).valid && !id.includes(',');
  const longestId = lengthBoundary(idItem, '9')?.longest;
  const absentEventIds = [
    ...new Set([
      ...profile.absent.eventIds,
      ...profile.customers.flatMap((c) => c.eventIdsWithoutDetail),
      ...(longestId ? [longestId] : []),
    ]),
  ].filter((id) => idItem(id) && !known.has(id));
  const refsParameter = spec.parameter('eventReferenceIds');
  const refItem = (ref: string): boolean => refsParameter.check(ref).valid && !ref.includes(',');
  const longestRef = lengthBoundary(refItem, 'z')?.longest;
  const absentReferences = [
    ...new Set([...profile.absent.eventReferenceIds, ...(longestRef ? [longestRef] : []), 'r0', 'NoSuchRef-1']),
  ].filter((r) => refItem(r) && !allReferences.has(r));
  const [someName, someRefs] = [...referencesByName][0] ?? [spec.eventNames[0]!, absentReferences];
  return {
    eventIds,
    referencesByName,
    allReferences,
    absentEventIds,
    absentReferences,
    someName,
    someReference: someRefs[0] ?? '1',
  };
}

/** The selector parameters of both styles. */
export const SELECTORS = ['eventIds', 'eventName', 'eventReferenceIds'];

/** The request turned to the event-id style (the reference style's parameters dropped). */
export const asIdStyle = (pairs: readonly QueryPair[]): QueryPair[] => without(pairs, 'eventName', 'eventReferenceIds');

/** The request turned to the reference style: eventIds dropped, an event name and reference ids kept or supplied. */
export function asReferenceStyle(pairs: readonly QueryPair[], material: Material): QueryPair[] {
  let out = without(pairs, 'eventIds');
  if (firstValue(out, 'eventName') === undefined) out = withValue(out, 'eventName', material.someName);
  if (firstValue(out, 'eventReferenceIds') === undefined) out = withValue(out, 'eventReferenceIds', material.someReference);
  return out;
}

/** The lookup replaced by a handle; `type` and the primary-user flag set for it. */
export function replaceLookup(
  spec: LoadedSpec,
  pairs: readonly QueryPair[],
  handle: IdentifierHandle,
  type: string | undefined,
): QueryPair[] {
  const rest = without(
    pairs,
    'identifierName',
    'identifierValue',
    'source',
    'accountId',
    'type',
    spec.knobs.userGroups.primaryUserParameter,
  );
  return [...lookupPairs(handle), ...(type !== undefined ? ([['type', type]] as QueryPair[]) : []), ...rest];
}
