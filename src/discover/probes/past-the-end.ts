/**
 * `x-ledger-pagination.pastTheEnd`: one event asked for with the largest page far past the
 * end. An empty page, or an error whose status and code an alternative lists, matches; any
 * other answer pins nothing.
 */
import {
  customerWith,
  errorAlternative,
  forEvery,
  idsOf,
  limitFor,
  matched,
  skipped,
  told,
  unmatched,
  type Probe,
} from '../probe.js';

export const pastTheEnd: Probe = async (ctx, knobs) => {
  const customer = customerWith(ctx.profile, 1);
  if (!customer) return forEvery(knobs, () => skipped('the profile lists no customer with events'));
  const answer = await ctx.send([
    ...customer.lookup,
    ['eventIds', customer.events[0]!.eventLogId],
    ['offset', '1000'],
    limitFor(ctx.spec, 10),
  ]);
  const empty = idsOf(answer)?.length === 0;
  return forEvery(knobs, (knob) => {
    const alternative = empty ? knob.alternatives.find((a) => a.value === 'empty-page') : errorAlternative(knob, answer);
    return alternative
      ? matched(alternative, [answer], `a page far past the end: ${told(answer)}`)
      : unmatched([answer], `a page far past the end: ${told(answer)}, which no alternative lists`);
  });
};
