/**
 * The format of an `eventIds` item: a known event id with a `+` sign, and an id of 19 digits (one
 * past a signed 64-bit long). The signed id's event back is the signed reading; the eventIds rule
 * refusing it, the digits-only one. The 19 digits refused by that rule is a reader bound to a
 * long (a JVM's Long.parseLong); answered as an id the ledger lacks (9021), a reader with integers
 * of any size (Python). The alternative whose pattern agrees with both answers is pinned; anything
 * else pins nothing.
 */
import { codeOf, customerWith, forEvery, idsOf, matched, skipped, told, unmatched, type Probe } from '../probe.js';

export const eventIdFormat: Probe = async (ctx, knobs) => {
  const customer = customerWith(ctx.profile, 1);
  if (!customer) return forEvery(knobs, () => skipped('the profile lists no customer with events'));
  const id = customer.events[0]!.eventLogId;
  const long = '9'.repeat(19);
  const [answer, longAnswer] = await Promise.all([
    ctx.send([...customer.lookup, ['eventIds', `+${id}`]]),
    ctx.send([...customer.lookup, ['eventIds', long]]),
  ]);
  const rule = ctx.spec.knobs.errors.find((r) => r.trigger.kind === 'invalid' && r.trigger.parameters.includes('eventIds'));
  const notFound = ctx.spec.knobs.errors.find((r) => r.trigger.kind === 'event-id-not-found');
  const refuses = (a: typeof answer): boolean => rule !== undefined && a.status === rule.status && codeOf(a) === rule.code;
  const signed = idsOf(answer)?.length === 1 && idsOf(answer)![0] === id;
  const unbounded = notFound !== undefined && longAnswer.status === notFound.status && codeOf(longAnswer) === notFound.code;
  const clear = (signed || refuses(answer)) && (unbounded || refuses(longAnswer));
  const note = `eventIds=+${id}: ${told(answer)}; eventIds=${long}: ${told(longAnswer)}`;
  return forEvery(knobs, (knob) => {
    const alternative = knob.alternatives.find(
      (a) =>
        typeof a.value === 'string' &&
        new RegExp(a.value, 'u').test(`+${id}`) === signed &&
        new RegExp(a.value, 'u').test(long) === unbounded,
    );
    return clear && alternative ? matched(alternative, [answer, longAnswer], note) : unmatched([answer, longAnswer], note);
  });
};
