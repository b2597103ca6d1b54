/**
 * The ISO twins of an answer beside their legacy values, and how each pair relates under the
 * spec's `x-ledger-timestamps.twinRelations`: the observer of RESP-ISO-TWIN judges with it, and
 * the preflight learns the org's timezone from it. Fractions of a second are not compared: S1's
 * legacy values carry `.0` and its twins none.
 */
import { instantsOf, offsetText, type OrgTimezone } from '../core/timezone.js';
import type { LoadedSpec } from './load.js';

const LEGACY = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;
const MINUTE = 60_000;
const MAX_OFFSET_MINUTES = 14 * 60;

export interface TwinPair {
  /** JSON pointer of the object holding both. */
  readonly path: string;
  readonly legacy: string;
  readonly iso: string;
  readonly legacyValue: string;
  readonly isoValue: string;
  /** Whether the twin may keep the offset its data was stored with (`storedOffsetTwins`). */
  readonly storedOffset: boolean;
  /** The legacy digits read as UTC, in milliseconds. */
  readonly legacyWall: number;
  /** The twin's digits read as UTC, in milliseconds. */
  readonly isoWall: number;
  /** The twin's offset, in minutes, and as written (`Z`, `+05:30`). */
  readonly isoOffset: number;
  readonly isoOffsetText: string;
}

const wallOf = (m: RegExpExecArray): number => Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);

/** Every well-formed pair of the answer (a malformed value is RESP-BODY's finding: its schema's pattern). */
export function twinPairsOf(spec: LoadedSpec, json: unknown): TwinPair[] {
  const stored = new Set(spec.knobs.timestamps.storedOffsetTwins);
  const legacyOf = new Map(spec.isoTwins.map(({ legacy, iso }) => [iso, legacy]));
  const pairs: TwinPair[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${path}/${i}`));
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const iso in record) {
      const legacy = legacyOf.get(iso);
      const legacyValue = legacy === undefined ? undefined : record[legacy];
      const isoValue = record[iso];
      if (typeof legacyValue !== 'string' || typeof isoValue !== 'string') continue;
      const lm = LEGACY.exec(legacyValue);
      const im = ISO.exec(isoValue);
      if (!lm || !im) continue;
      const isoOffset = im[8] === 'Z' ? 0 : (im[9] === '-' ? -1 : 1) * (+im[10]! * 60 + +im[11]!);
      pairs.push({
        path,
        legacy: legacy!,
        iso,
        legacyValue,
        isoValue,
        storedOffset: stored.has(iso),
        legacyWall: wallOf(lm),
        isoWall: wallOf(im),
        isoOffset,
        isoOffsetText: im[8]!,
      });
    }
    for (const key in record) walk(record[key], `${path}/${key}`);
  };
  walk(json, '');
  return pairs;
}

/** The instant a twin names, in milliseconds. */
export const isoInstant = (pair: TwinPair): number => pair.isoWall - pair.isoOffset * MINUTE;

/**
 * The UTC offset the org's timezone would need for the legacy value, read in it, to name the
 * twin's instant: undefined when no real offset would (the digits differ by seconds, or by more
 * than any timezone is away from UTC).
 */
export function impliedOrgOffset(pair: TwinPair): number | undefined {
  const difference = pair.legacyWall - isoInstant(pair);
  if (difference % MINUTE !== 0) return undefined;
  const minutes = difference / MINUTE;
  return Math.abs(minutes) <= MAX_OFFSET_MINUTES ? minutes : undefined;
}

/** How a pair relates, under the relations the spec accepts: `undefined` when it relates as the spec allows. */
export function twinBreach(
  spec: LoadedSpec,
  pair: TwinPair,
  zone: OrgTimezone | undefined,
): { readonly title: string; readonly documented: string } | undefined {
  const relations = spec.knobs.timestamps.twinRelations;
  const where = `${spec.operationPointer}/x-ledger-timestamps`;
  if (relations.includes('same-wall-clock') && pair.legacyWall === pair.isoWall) return undefined;
  if (!relations.includes('same-instant-in-org-timezone'))
    return {
      title: `${pair.iso} does not name the wall-clock time of ${pair.legacy}`,
      documented: `the same date and time in both (${where}/twinRelations)`,
    };
  if (zone && instantsOf(zone, pair.legacyWall).includes(isoInstant(pair))) return undefined;
  const accepted = `${relations.includes('same-wall-clock') ? 'the same date and time in both, or ' : ''}the same instant with ${pair.legacy} read in the org's timezone (${where}/twinRelations)`;
  if (zone)
    return {
      title: `${pair.iso} names neither the wall-clock time of ${pair.legacy} nor its instant in the org's timezone ${zone.text}`,
      documented: accepted,
    };
  const implied = impliedOrgOffset(pair);
  // The way to settle it comes first: terminals cut a long line.
  return {
    title: `${pair.iso} does not name the wall-clock time of ${pair.legacy}`,
    documented:
      implied === undefined
        ? `${accepted}; no org timezone would make them one instant`
        : `set orgTimezone in the profile if the org's timezone is ${offsetText(implied)} (or an IANA name at that offset): ${pair.legacy} read in it names this instant. Accepted: ${accepted}`,
  };
}
