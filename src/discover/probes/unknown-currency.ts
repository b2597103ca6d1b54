/**
 * `x-ledger-alternate-currencies.unknownName`: a currency name the org does not define, asked
 * for on a bill. A 200 with a warning whose code the warning rule accepts is `warning`; an
 * error whose status and code an alternative lists matches it; anything else pins nothing.
 */
import {
  customerWithTypes,
  errorAlternative,
  forEvery,
  limitFor,
  matched,
  skipped,
  told,
  unmatched,
  type Probe,
} from '../probe.js';

/** A name no org would define, used when the profile names no absent currency. */
const MADE_UP_NAME = 'LedgerConformanceNoSuchCurrency';

export const unknownCurrency: Probe = async (ctx, knobs) => {
  const ac = ctx.spec.knobs.alternateCurrencies;
  const types = new Set(ac.blocks.flatMap((b) => b.eventNames));
  const customer = customerWithTypes(ctx.profile, types);
  if (!customer) return forEvery(knobs, () => skipped(`the profile lists no event of ${[...types].join(', ')}`));
  const name = ctx.profile.absent.alternateCurrencyNames[0] ?? MADE_UP_NAME;
  const event = customer.events.find((e) => types.has(e.eventName))!;
  const needs = [...new Set(ac.blocks.flatMap((b) => b.requires ?? []))].map((flag): [string, string] => [flag, 'true']);
  const answer = await ctx.send([
    ...customer.lookup,
    ['eventIds', event.eventLogId],
    ...needs,
    [ac.namesParameter, name],
    limitFor(ctx.spec, 1),
  ]);
  const rule = ctx.spec.knobs.warnings.find((w) => w.trigger.kind === 'unknown-alternate-currency-name');
  const warnings = (answer.json as { warnings?: { code?: unknown }[] } | undefined)?.warnings ?? [];
  const warned =
    answer.status === 200 && rule !== undefined && warnings.some((w) => rule.acceptedCodes.includes(w.code as number));
  const note = `${ac.namesParameter}=${name}: ${told(answer)}${answer.status === 200 ? `, warnings ${JSON.stringify(warnings.map((w) => w.code))}` : ''}`;
  return forEvery(knobs, (knob) => {
    const alternative = warned ? knob.alternatives.find((a) => a.value === 'warning') : errorAlternative(knob, answer);
    return alternative ? matched(alternative, [answer], note) : unmatched([answer], note);
  });
};
