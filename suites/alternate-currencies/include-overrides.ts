/**
 * AC-INCLUDE-OVERRIDES: with `includeAlternateCurrencies=true`, `alternateCurrencyNames` is
 * ignored and every currency is listed (`x-ledger-alternate-currencies.includeOverridesNames`).
 *
 * The include parameter is sent true with one of the customer's currencies named, with a name
 * the org does not define, and with both. When the knob says include overrides the names, each
 * answer is the answer to include alone: every currency, no warning. When it says it does not,
 * the names select as they do alone.
 */
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import { comparableBody, describe, firstDifference } from '../support.js';
import { currencyQuery, currencyRules, customersWithCurrencies, expectCurrencyAnswer } from './helpers.js';

export default defineCheck({
  id: 'alternate-currencies/include-overrides',
  requirement: 'AC-INCLUDE-OVERRIDES',
  title: 'includeAlternateCurrencies=true decides over alternateCurrencyNames as the knob says',
  async run(ctx) {
    const rules = currencyRules(ctx);
    const customer =
      customersWithCurrencies(ctx, rules)[0] ??
      ctx.skip(`the profile lists no customer with alternate currencies and events of ${[...rules.eventNames].join(', ')}`, {
        profileField: '/customers/*/alternateCurrencies',
      });
    const owned = customer.alternateCurrencies;
    const unknown = ctx.profile.absent.alternateCurrencyNames[0];
    const selections: string[][] = [[owned[0]!]];
    if (unknown !== undefined) selections.push([unknown], [owned[0]!, unknown]);
    if (selections.length === 1 && owned.length === 1)
      ctx.skip(
        'the customer earns a single currency and the profile names no absent currency: naming one changes nothing either way',
        { profileField: '/absent/alternateCurrencyNames' },
      );

    const query = currencyQuery(ctx, customer, rules);
    const include: QueryPair = [rules.includeParameter, 'true'];
    const named = (names: readonly string[]): QueryPair => [rules.namesParameter, names.join(',')];
    // Without the override, what the names select alone is the yardstick.
    const [[alone, ...answers], byNames] = await Promise.all([
      Promise.all([ctx.send([...query, include]), ...selections.map((names) => ctx.send([...query, include, named(names)]))]),
      rules.includeOverridesNames ? [] : Promise.all(selections.map((names) => ctx.send([...query, named(names)]))),
    ]);
    const who = `customer ${customer.key}, earning ${owned.join(', ')}`;
    // Every request is answered 200 with events.
    expectCurrencyAnswer(ctx, alone!, rules, `The request with ${rules.includeParameter}=true (${who})`);

    for (const [index, names] of selections.entries()) {
      const answer = answers[index]!;
      const what = `${rules.includeParameter}=true with ${rules.namesParameter}=${names.join(',')}`;
      expectCurrencyAnswer(ctx, answer, rules, `The request with ${what} (${who})`);
      if (rules.includeOverridesNames) {
        // With include true, the names change nothing: every currency is listed and no warning is sent.
        if (comparableBody(answer) !== comparableBody(alone!)) {
          ctx.softFail(`${what} is not answered as ${rules.includeParameter}=true alone`, {
            received: `${describe(answer)}, first difference at ${firstDifference(answer.json, alone!.json)} (${who})`,
            documented: `the names are ignored: every currency, no warning (includeOverridesNames: true)`,
            answer,
          });
        }
      } else {
        const selected = byNames[index]!;
        // With include true and names, the answer is the one the names give alone.
        if (comparableBody(answer) !== comparableBody(selected)) {
          ctx.softFail(`${what} is not answered as ${rules.namesParameter}=${names.join(',')} alone`, {
            received: `${describe(answer)}, first difference at ${firstDifference(answer.json, selected.json)} (${who})`,
            documented: `the names select (includeOverridesNames: false)`,
            answer,
          });
        }
      }
    }
  },
});
