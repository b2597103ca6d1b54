/**
 * AC-UNKNOWN-WARNING: an `alternateCurrencyNames` entry that the org does not define is
 * answered as `x-ledger-alternate-currencies.unknownName` says: canonically a warning on a 200
 * answer, not an error; in a dialect that says so, the error it names.
 *
 * A name from the profile's absent currency names is sent alone, and next to a currency the
 * customer earns: both are answered 200 with a warning whose code the rule accepts, and each
 * block lists exactly the known currency named where the same block lists it with every currency
 * included (or both are answered with the error).
 */
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import { describe, errorCodeOf } from '../support.js';
import {
  currencyQuery,
  currencyRules,
  customersWithCurrencies,
  earnedByBlock,
  expectCurrencyAnswer,
  keyedBlocks,
  hasWarning,
  skipIfBlocksRefused,
  listsExactly,
  warningRule,
  warningsOf,
} from './helpers.js';

export default defineCheck({
  id: 'alternate-currencies/unknown-name-warning',
  requirement: 'AC-UNKNOWN-WARNING',
  title: 'A currency name the org does not define is answered as unknownName says (a 200 with a warning)',
  async run(ctx) {
    const rules = currencyRules(ctx);
    const rule = warningRule(ctx, 'unknown-alternate-currency-name');
    const unknown =
      ctx.profile.absent.alternateCurrencyNames[0] ??
      ctx.skip('the profile names no alternate currency the org does not define (absent.alternateCurrencyNames)', {
        profileField: '/absent/alternateCurrencyNames',
      });
    const customer =
      customersWithCurrencies(ctx, rules)[0] ??
      ctx.skip(`the profile lists no customer with alternate currencies and events of ${[...rules.eventNames].join(', ')}`, {
        profileField: '/customers/*/alternateCurrencies',
      });
    const known = customer.alternateCurrencies[0]!;
    const selections = [[unknown], [known, unknown]];
    const query = currencyQuery(ctx, customer, rules);
    const named = (names: readonly string[]): QueryPair => [rules.namesParameter, names.join(',')];
    const [included, ...answers] = await Promise.all([
      ctx.send([...query, [rules.includeParameter, 'true']]),
      ...selections.map((names) => ctx.send([...query, named(names)])),
    ]);
    skipIfBlocksRefused(ctx, included!, rules);
    const earned = earnedByBlock(included!, rules);
    const who = `customer ${customer.key}, earning ${customer.alternateCurrencies.join(', ')}`;

    const unknownName = ctx.spec.knobs.alternateCurrencies.unknownName;
    for (const [index, names] of selections.entries()) {
      const answer = answers[index]!;
      const what = `${rules.namesParameter}=${names.join(',')}`;
      skipIfBlocksRefused(ctx, answer, rules);
      if (unknownName !== 'warning') {
        // In this dialect an unknown name is refused with the error the knob names.
        if (answer.status !== unknownName.status || errorCodeOf(answer) !== unknownName.code) {
          ctx.softFail(`${what} is not answered with error ${unknownName.code}`, {
            received: `${describe(answer)} (${who})`,
            documented: `${unknownName.status}, error ${unknownName.code} (x-ledger-alternate-currencies unknownName)`,
            answer,
          });
        }
        continue;
      }
      // A name the org does not define is answered 200, not with an error.
      if (answer.status !== 200) {
        ctx.softFail(`${what} is answered as an error`, {
          received: `${describe(answer)} (${who})`,
          documented: `200 with a warning (${rule.pointer})`,
          answer,
        });
        continue;
      }
      expectCurrencyAnswer(ctx, answer, rules, `The request with ${what} (${who})`);
      // The answer carries a warning with a code the rule accepts.
      if (!hasWarning(answer, rule)) {
        ctx.softFail(`${what} is answered without the unknown-currency warning`, {
          received: `warnings ${JSON.stringify(warningsOf(answer).map((w) => w.code))} (${who})`,
          documented: `a warning with code ${rule.acceptedCodes.join(' or ')} (${rule.pointer})`,
          answer,
        });
      }
      for (const [key, block] of keyedBlocks(answer, rules)) {
        // Each block lists exactly the known currency named where its bill earned it; the unknown name adds nothing.
        const expected = (earned.get(key) ?? []).filter((n) => names.includes(n));
        if (!listsExactly(block.names, expected)) {
          ctx.softFail(`${what} does not list exactly [${expected.join(', ')}] in ${block.path}`, {
            received: `${block.eventName} event ${block.eventLogId}: ${block.names ? `[${block.names.join(', ')}]` : 'no block'} (${who})`,
            documented: `[${expected.join(', ')}]: the known currencies named, among those the same block lists with ${rules.includeParameter}=true`,
            answer,
          });
          break;
        }
      }
    }
  },
});
