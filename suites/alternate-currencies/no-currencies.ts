/**
 * AC-NONE: `includeAlternateCurrencies=true` for a customer without alternate currencies yields
 * no currency block and the documented warning.
 */
import { defineCheck } from '../../src/check/check.js';
import { describe } from '../support.js';
import {
  blockEntries,
  currencyQuery,
  currencyRules,
  customersWithoutCurrencies,
  expectCurrencyAnswer,
  hasWarning,
  skipIfBlocksRefused,
  warningRule,
  warningsOf,
} from './helpers.js';

export default defineCheck({
  id: 'alternate-currencies/no-currencies',
  requirement: 'AC-NONE',
  title: 'A customer without alternate currencies gets no block and the warning',
  async run(ctx) {
    const rules = currencyRules(ctx);
    const rule = warningRule(ctx, 'no-alternate-currencies');
    const customer =
      customersWithoutCurrencies(ctx, rules)[0] ??
      ctx.skip('the profile lists no customer without alternate currencies (alternateCurrencies: []) that has events', {
        profileField: '/customers/*/alternateCurrencies',
      });
    const answer = await ctx.send([...currencyQuery(ctx, customer, rules), [rules.includeParameter, 'true']]);
    const who = `customer ${customer.key}, earning no alternate currency`;
    skipIfBlocksRefused(ctx, answer, rules);
    // A customer without currencies is answered 200 even when every currency is asked for.
    if (answer.status !== 200)
      ctx.fail(`${rules.includeParameter}=true for a customer without currencies is answered as an error`, {
        received: `${describe(answer)} (${who})`,
        documented: `200 with a warning (${rule.pointer})`,
        answer,
      });
    expectCurrencyAnswer(ctx, answer, rules, `The request with ${rules.includeParameter}=true (${who})`);
    const entries = blockEntries(answer, rules);
    // No block carries an entry.
    if (entries.length > 0) {
      ctx.softFail(`${rules.includeParameter}=true lists currencies for a customer who earns none`, {
        received: `${entries.length} block entr${entries.length === 1 ? 'y' : 'ies'}, e.g. ${JSON.stringify(entries[0]).slice(0, 100)} (${who})`,
        documented: 'no block entry (AC-NONE)',
        answer,
      });
    }
    // The answer carries the warning the rule documents, with a code it accepts.
    if (!hasWarning(answer, rule)) {
      ctx.softFail(`${rules.includeParameter}=true for a customer without currencies comes without the warning`, {
        received: `warnings ${JSON.stringify(warningsOf(answer).map((w) => w.code))} (${who})`,
        documented: `a warning with code ${rule.acceptedCodes.join(' or ')}: "${rule.message}" (${rule.pointer})`,
        answer,
      });
    }
  },
});
