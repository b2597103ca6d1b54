/** The code for more reference ids than `eventReferenceIds` allows: one more than maxItems, of one event name. */
import { errorAlternative, forEvery, matched, skipped, told, unmatched, type Probe } from '../probe.js';
import { lookupPairs } from '../../profile/lookup-pairs.js';

export const referenceCount: Probe = async (ctx, knobs) => {
  const maxItems = ctx.spec.parameter('eventReferenceIds').schema['maxItems'];
  const found = ctx.profile.customers.flatMap((c) =>
    c.events.filter((e) => e.eventReferenceId !== undefined && c.lookups.length > 0).map((e) => ({ c, e })),
  )[0];
  if (typeof maxItems !== 'number' || !found)
    return forEvery(knobs, () => skipped('the profile lists no event with a reference id'));
  // Every id different: a target that collapses repeated ids (the duplicates knob) would count
  // fewer. The made-up ones are decimal numbers, as a bill id is; which code answers them (too
  // many, or not found) is what the alternatives tell apart.
  const references = [found.e.eventReferenceId!];
  for (let n = 1_000_000_001; references.length < maxItems + 1; n += 7919) references.push(String(n));
  const answer = await ctx.send([
    ...lookupPairs(found.c.lookups[0]!),
    ['eventName', found.e.eventName],
    ['eventReferenceIds', references.join(',')],
  ]);
  const note = `${maxItems + 1} eventReferenceIds: ${told(answer)}`;
  return forEvery(knobs, (knob) => {
    const alternative = errorAlternative(knob, answer);
    return alternative ? matched(alternative, [answer], note) : unmatched([answer], `${note}, which no alternative lists`);
  });
};
