/**
 * The org's timezone, learned from the ISO twins of the answers the preflight gets anyway, when
 * the profile does not give it. A cluster that writes legacy values in the org's timezone and
 * twins in the server's shows it plainly: every pair whose digits differ differs by the same
 * whole number of minutes, a real UTC offset. Only then is it learned, as a fixed offset (a
 * name cannot be read off answers), from at least two pairs; anything else is left unknown with
 * a note, and RESP-ISO-TWIN's failures then say that `orgTimezone` settles it.
 *
 * What this cannot tell apart: a target whose every twin is shifted by one real offset by
 * mistake. Declaring `orgTimezone` (the org's setting) is the way to judge that case strictly.
 */
import { impliedOrgOffset, twinPairsOf, type TwinPair } from '../contract/iso-twins.js';
import type { LoadedSpec } from '../contract/load.js';
import { offsetText } from '../core/timezone.js';
import type { Probe, ProbeAnswer } from './probe.js';

/** Every real UTC offset is a whole number of quarter hours (+05:45, +08:45, +12:45 included). */
const QUARTER_HOUR = 15;
/** One pair could be a slip; two distinct pairs that agree are a rule. */
const PAIRS_NEEDED = 2;

export interface LearnedTimezone {
  readonly value: string;
  readonly taughtBy: string;
}

/** The twin pairs of every 200 the preflight receives, with the request that got each. */
export class TwinWitness {
  private readonly seen = new Map<string, { readonly pair: TwinPair; readonly asked: string }>();

  constructor(private readonly spec: LoadedSpec) {}

  /** The probe, reporting each answer's pairs here. */
  watch(probe: Probe): Probe {
    return {
      ...probe,
      ask: async (query) => {
        const answer = await probe.ask(query);
        this.see(answer);
        return answer;
      },
    };
  }

  private see(answer: ProbeAnswer): void {
    if (answer.status !== 200 || answer.json === undefined) return;
    for (const pair of twinPairsOf(this.spec, answer.json)) {
      // A stored-offset twin keeps whatever offset its data had: it teaches nothing of the org.
      if (pair.storedOffset) continue;
      const key = `${pair.legacy} ${pair.legacyValue} ${pair.isoValue}`;
      if (!this.seen.has(key)) this.seen.set(key, { pair, asked: answer.asked });
    }
  }

  /** In the order of their values, not of the answers' arrival: the preflight's requests run concurrently. */
  pairs(): readonly { readonly pair: TwinPair; readonly asked: string }[] {
    return [...this.seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, seen]) => seen);
  }
}

/** The learned offset, or a note saying why none was learned (undefined when the twins gave no reason to look). */
export function learnOrgTimezone(witness: TwinWitness): LearnedTimezone | { readonly note: string } | undefined {
  const pairs = witness.pairs();
  const differing = pairs.filter(({ pair }) => pair.legacyWall !== pair.isoWall);
  if (differing.length === 0) return undefined;
  const settle = 'set orgTimezone in the profile (an IANA name or a UTC offset) to judge RESP-ISO-TWIN by it';
  const same = pairs.length - differing.length;
  if (same > 0)
    return {
      note: `orgTimezone not learned: ${same} ISO twin${same === 1 ? '' : 's'} name the wall clock of their legacy value and ${differing.length} another; ${settle}`,
    };
  const offsets = new Set(differing.map(({ pair }) => impliedOrgOffset(pair)));
  const [offset] = offsets;
  if (offsets.size > 1 || offset === undefined || offset % QUARTER_HOUR !== 0)
    return {
      note: `orgTimezone not learned: the ISO twins differ from their legacy values by ${offsets.size > 1 ? 'different amounts' : 'no real UTC offset'}; ${settle}`,
    };
  if (differing.length < PAIRS_NEEDED)
    return { note: `orgTimezone not learned: one ISO twin only names another wall clock than its legacy value; ${settle}` };
  const { pair, asked } = differing[0]!;
  return {
    value: offsetText(offset),
    taughtBy: `${differing.length} ISO twins name the instant of their legacy value read at ${offsetText(offset)}, e.g. ${pair.legacy} ${pair.legacyValue} and ${pair.iso} ${pair.isoValue} in ${asked}`,
  };
}
