/**
 * `x-ledger-pagination.duplicates`: one event id sent twice. The event once is `collapse`,
 * twice is `repeat`; anything else pins nothing.
 */
import {
  alternativeOf,
  customerWith,
  forEvery,
  idsOf,
  limitFor,
  matched,
  skipped,
  told,
  unmatched,
  type Probe,
} from '../probe.js';

export const duplicates: Probe = async (ctx, knobs) => {
  const customer = customerWith(ctx.profile, 1);
  if (!customer) return forEvery(knobs, () => skipped('the profile lists no customer with events'));
  const id = customer.events[0]!.eventLogId;
  const answer = await ctx.send([...customer.lookup, ['eventIds', `${id},${id}`], limitFor(ctx.spec, 2)]);
  const ids = idsOf(answer);
  const reading =
    ids?.length === 1 && ids[0] === id ? 'collapse' : ids?.length === 2 && ids.every((x) => x === id) ? 'repeat' : undefined;
  return forEvery(knobs, (knob) => {
    const alternative = reading !== undefined ? alternativeOf(knob, reading) : undefined;
    return alternative
      ? matched(alternative, [answer], `eventIds=${id},${id} gave ${ids!.length} event(s)`)
      : unmatched([answer], `eventIds=${id},${id} gave ${ids ? `[${ids.join(', ')}]` : told(answer)}`);
  });
};
