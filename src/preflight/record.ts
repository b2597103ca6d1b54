/**
 * What the preflight writes down as it goes: the requests that taught each value, the handles
 * the target contradicts, and what it could not learn. Pointers are given once the full
 * profile is assembled, so provenance here is attached to values, not places.
 */
import type { HandleMismatch } from '../core/errors.js';
import type { IdentifierHandle } from '../profile/model.js';

/** A value and the request that taught it (undefined when the profile declared it). */
export interface Taught<T> {
  readonly value: T;
  readonly taughtBy?: string;
}

export class PreflightRecord {
  readonly mismatches: HandleMismatch[] = [];
  readonly notes: string[] = [];

  mismatch(handle: string, expected: string, answered: string): void {
    this.mismatches.push({ handle, expected, answered });
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }
}

/** A lookup in words: `mobile=919… in INSTORE (account a1)`. */
export function lookupText(lookup: IdentifierHandle): string {
  return `${lookup.identifierName}=${lookup.identifierValue} in ${lookup.source}${lookup.accountId !== undefined ? ` (account ${lookup.accountId})` : ''}`;
}
