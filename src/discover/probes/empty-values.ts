/**
 * `x-ledger-parsing.emptyValues`: the same valid request with `type` sent empty. Answered like the
 * request without `type` (its default), the target reads an empty value as absent; refused with
 * the error of an invalid `type`, as a bad value. Either reading needs a misspelt `type` refused
 * with that error (a target that reads no `type` at all is a fault, not a dialect). Anything else
 * pins nothing.
 */
import {
  alternativeOf,
  codeOf,
  customerWith,
  forEvery,
  limitFor,
  matched,
  sameAnswer,
  skipped,
  told,
  unmatched,
  type Probe,
} from '../probe.js';

export const emptyValues: Probe = async (ctx, knobs) => {
  const customer = customerWith(ctx.profile, 1);
  if (!customer) return forEvery(knobs, () => skipped('the profile lists no customer with an event'));
  const typeRule = ctx.spec.knobs.errors.find((r) => r.trigger.kind === 'invalid' && r.trigger.parameters.includes('type'));
  const base = [...customer.lookup, ['eventIds', customer.events[0]!.eventLogId] as const, limitFor(ctx.spec, 1)];
  const misspelt = `${String(ctx.spec.parameter('type').defaultValue ?? 'CUSTOMER')}X`;
  const [without, empty, wrong] = await Promise.all([
    ctx.send(base),
    ctx.send([...base, ['type', '']]),
    ctx.send([...base, ['type', misspelt]]),
  ]);
  const refusesBadType = typeRule !== undefined && wrong.status === typeRule.status && codeOf(wrong) === typeRule.code;
  const absent = refusesBadType && without.status === 200 && sameAnswer(without, empty);
  const invalid = refusesBadType && without.status === 200 && codeOf(empty) === typeRule.code;
  const note = `type= (empty): ${told(empty)}; without type: ${told(without)}; type=${misspelt}: ${told(wrong)}`;
  return forEvery(knobs, (knob) => {
    const alternative = absent ? alternativeOf(knob, 'absent') : invalid ? alternativeOf(knob, 'invalid') : undefined;
    return alternative ? matched(alternative, [empty, wrong], note) : unmatched([empty, without, wrong], note);
  });
};
