/**
 * The format of an `eventIds` item: a known event id with a `+` sign. Its event back is the
 * signed reading (an alternative whose pattern accepts the sign); the eventIds rule refusing it
 * is the digits-only reading; anything else pins nothing.
 */
import { codeOf, customerWith, forEvery, idsOf, matched, skipped, told, unmatched, type Probe } from '../probe.js';

export const eventIdFormat: Probe = async (ctx, knobs) => {
  const customer = customerWith(ctx.profile, 1);
  if (!customer) return forEvery(knobs, () => skipped('the profile lists no customer with events'));
  const id = customer.events[0]!.eventLogId;
  const answer = await ctx.send([...customer.lookup, ['eventIds', `+${id}`]]);
  const rule = ctx.spec.knobs.errors.find((r) => r.trigger.kind === 'invalid' && r.trigger.parameters.includes('eventIds'));
  const signed = idsOf(answer)?.length === 1 && idsOf(answer)![0] === id;
  const refused = rule !== undefined && answer.status === rule.status && codeOf(answer) === rule.code;
  const note = `eventIds=+${id}: ${told(answer)}`;
  return forEvery(knobs, (knob) => {
    const alternative = knob.alternatives.find(
      (a) => typeof a.value === 'string' && new RegExp(a.value, 'u').test(`+${id}`) === signed,
    );
    return (signed || refused) && alternative ? matched(alternative, [answer], note) : unmatched([answer], note);
  });
};
