/**
 * What `record` treats as personal data, and where it finds it. This is the recorder's privacy
 * policy, not a rule of the endpoint (the spec says nothing about it): mobile numbers, emails,
 * names, external ids, bill and card numbers and free text. Internal ids (userId, group id,
 * eventLogId, event reference ids) are the cluster's own keys, not personal data: they are
 * kept, so that a recording can still be asked for by event id. docs/record-attest-drift.md
 * lists the same, for a reader deciding whether a recording may leave the building.
 */
import { pairsOfRawQuery } from '../core/query.js';
import type { Profile, IdentifierHandle } from '../profile/model.js';
import type { TranscriptLine } from '../transcript/line.js';
import type { Pseudonyms } from './pseudonyms.js';

/** Identifier names whose values identify a person (lower case): `id` and `primaryUserId` are internal ids. */
export const PERSONAL_IDENTIFIER_NAMES: ReadonlySet<string> = new Set(['mobile', 'email', 'externalid', 'cuid']);

/** Keys of an answer whose string values are personal data, wherever they appear. */
export const PERSONAL_KEYS: ReadonlySet<string> = new Set([
  // names
  'firstName',
  'lastName',
  'middleName',
  'fullName',
  'customerName',
  'userName',
  'pointsDeductedBy',
  // contact
  'mobile',
  'email',
  'phone',
  // external ids
  'externalId',
  'cuid',
  // bill and card numbers
  'billNumber',
  'transactionNumber',
  'cardNumber',
  'cardNo',
  // free text
  'note',
  'notes',
  'comment',
  'comments',
  'remarks',
  'reason',
]);

/** Lists of `{name, value}` entries whose values are free text a brand chose to store. */
const FREE_TEXT_LISTS: ReadonlySet<string> = new Set(['customFields', 'extendedFields']);

/** The query parameter that carries an identifier's value, and the one that names it. */
const VALUE_PARAMETER = 'identifierValue';
const NAME_PARAMETER = 'identifierName';

/** Makes every personal value of a JSON answer known. */
export function collectFromJson(value: unknown, pseudonyms: Pseudonyms, key?: string): void {
  if (typeof value === 'string') {
    if (key !== undefined && PERSONAL_KEYS.has(key)) pseudonyms.collect(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      if (key !== undefined && FREE_TEXT_LISTS.has(key) && item !== null && typeof item === 'object') {
        const text = (item as { value?: unknown }).value;
        if (typeof text === 'string') pseudonyms.collect(text);
      }
      collectFromJson(item, pseudonyms, key);
    }
    return;
  }
  if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) collectFromJson(v, pseudonyms, k);
}

/** Makes the value of a personal identifier in a raw query known. */
export function collectFromQuery(rawQuery: string, pseudonyms: Pseudonyms): void {
  const pairs = pairsOfRawQuery(rawQuery);
  const names = pairs.filter(([n]) => n === NAME_PARAMETER).map(([, v]) => v.toLowerCase());
  if (!names.some((n) => PERSONAL_IDENTIFIER_NAMES.has(n))) return;
  for (const [name, value] of pairs) if (name === VALUE_PARAMETER) pseudonyms.collect(value);
}

const personalHandle = (handle: IdentifierHandle): boolean => PERSONAL_IDENTIFIER_NAMES.has(handle.identifierName.toLowerCase());

/** Makes the personal identifiers of a profile known (lookups, lookups that must not find, absent values). */
export function collectFromProfile(profile: Profile, pseudonyms: Pseudonyms): void {
  const handles = [
    ...profile.customers.flatMap((c) => [...c.lookups, ...c.notFoundLookups]),
    ...profile.groups.flatMap((g) => g.lookups),
    ...profile.absent.customers,
    ...profile.absent.groups,
  ];
  for (const handle of handles.filter(personalHandle)) pseudonyms.collect(handle.identifierValue);
}

/**
 * Makes every personal value of a transcript known: the identifiers of its queries that found
 * someone (a value that finds nobody is made up: the preflight's absent values, the fuzz cases'
 * random strings), and the personal fields of its answers.
 */
export function collectFromTranscript(lines: readonly TranscriptLine[], pseudonyms: Pseudonyms): void {
  for (const line of lines) {
    if (line.response.status === 200) collectFromQuery(line.request.query, pseudonyms);
    if (line.response.body !== undefined) collectFromJson(line.response.body, pseudonyms);
  }
}
