/** The code for an event without explode detail: such an event's id, asked for by id. */
import { errorAlternative, forEvery, matched, skipped, told, unmatched, type Probe } from '../probe.js';
import { lookupPairs } from '../../profile/lookup-pairs.js';

export const eventWithoutDetail: Probe = async (ctx, knobs) => {
  const customer = ctx.profile.customers.find((c) => c.eventIdsWithoutDetail.length > 0 && c.lookups.length > 0);
  if (!customer)
    return forEvery(knobs, () =>
      skipped('the profile lists no event id without explode detail (customers[].eventIdsWithoutDetail)'),
    );
  const id = customer.eventIdsWithoutDetail[0]!;
  const answer = await ctx.send([...lookupPairs(customer.lookups[0]!), ['eventIds', id]]);
  return forEvery(knobs, (knob) => {
    const alternative = errorAlternative(knob, answer);
    return alternative
      ? matched(alternative, [answer], `eventIds=${id}: ${told(answer)}`)
      : unmatched([answer], `eventIds=${id}: ${told(answer)}, which no alternative lists`);
  });
};
