/**
 * Every ISO-8601 twin relates to its legacy field as x-ledger-timestamps.twinRelations allows
 * (the same wall clock, or the same instant with the legacy value read in the org's timezone
 * when the profile gives it or the preflight learned it), and the twins of one response share
 * one UTC offset (except those x-ledger-timestamps lets keep a stored offset).
 */
import { defineObserver, type Observation } from '../../src/check/check.js';
import { twinBreach, twinPairsOf } from '../../src/contract/iso-twins.js';
import { parseOrgTimezone } from '../../src/core/timezone.js';

/** Bodies seen before need no second walk: observations depend on the body and the org's timezone alone. */
const judged = new Map<string, readonly Observation[]>();

export default defineObserver({
  id: 'schema/iso-twins',
  requirement: 'RESP-ISO-TWIN',
  title: 'ISO twins match their legacy fields and share one offset',
  observe(answer, { spec, profile }) {
    if (answer.status !== 200 || answer.json === undefined) return [];
    const cacheKey = `${profile.orgTimezone ?? ''}\n${answer.bodyText}`;
    const cached = judged.get(cacheKey);
    if (cached) return cached;
    const parsed = profile.orgTimezone === undefined ? undefined : parseOrgTimezone(profile.orgTimezone);
    const zone = parsed !== undefined && 'kind' in parsed ? parsed : undefined;
    const observations: Observation[] = [];
    const offsets = new Map<string, string>();
    for (const pair of twinPairsOf(spec, answer.json)) {
      const breach = twinBreach(spec, pair, zone);
      if (breach)
        observations.push({
          title: breach.title,
          received: `${pair.path}/${pair.legacy} = ${pair.legacyValue}, ${pair.path}/${pair.iso} = ${pair.isoValue}`,
          documented: breach.documented,
          key: `wall-clock ${pair.iso}`,
        });
      if (!pair.storedOffset && !offsets.has(pair.isoOffsetText)) offsets.set(pair.isoOffsetText, `${pair.path}/${pair.iso}`);
    }
    if (offsets.size > 1) {
      observations.push({
        title: 'ISO twins of one response carry different UTC offsets',
        received: [...offsets].map(([offset, at]) => `${offset} at ${at}`).join('; '),
        documented: `one server offset for every twin (${spec.operationPointer}/x-ledger-timestamps)`,
        key: 'offsets',
      });
    }
    if (judged.size >= 5_000) judged.clear();
    judged.set(cacheKey, observations);
    return observations;
  },
});
