/**
 * AC-FILTER: `alternateCurrencyNames` limits the blocks to exactly the named currencies.
 *
 * The customer with the most currencies is asked for with seeded selections of its own
 * currencies, and with one of its currencies next to an org currency it does not earn; each
 * block must list the named currencies among those the same block lists with every currency
 * included (what that bill earned), and no other; nothing else may change.
 */
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import { createRandom } from '../../src/core/random.js';
import { canonicalJson, comparableBody, firstDifference } from '../support.js';
import { withoutReveals } from '../flags/helpers.js';
import {
  currencyQuery,
  currencyRules,
  customersWithCurrencies,
  earnedByBlock,
  expectCurrencyAnswer,
  keyedBlocks,
  listsExactly,
} from './helpers.js';

export default defineCheck({
  id: 'alternate-currencies/filter',
  requirement: 'AC-FILTER',
  title: 'alternateCurrencyNames limits the blocks to exactly the named currencies',
  async run(ctx) {
    const rules = currencyRules(ctx);
    const customer =
      customersWithCurrencies(ctx, rules)[0] ??
      ctx.skip(`the profile lists no customer with alternate currencies and events of ${[...rules.eventNames].join(', ')}`, {
        profileField: '/customers/*/alternateCurrencies',
      });
    const random = createRandom(ctx.seed);
    const owned = customer.alternateCurrencies;
    const selections: string[][] = owned.map((name) => [name]);
    if (owned.length > 2) selections.push(random.sample(owned, random.int(2, owned.length - 1)));
    const notEarned = ctx.profile.alternateCurrencyNames.filter((name) => !owned.includes(name));
    if (notEarned.length > 0) selections.push(random.sample([owned[0]!, random.pick(notEarned)], 2));

    const query = currencyQuery(ctx, customer, rules);
    const named = (names: readonly string[]): QueryPair => [rules.namesParameter, names.join(',')];
    const [unselected, included, withIncludeFalse, ...answers] = await Promise.all([
      ctx.send(query),
      ctx.send([...query, [rules.includeParameter, 'true']]),
      ctx.send([...query, [rules.includeParameter, 'false'], named(selections[0]!)]),
      ...selections.map((names) => ctx.send([...query, named(names)])),
    ]);
    const who = `customer ${customer.key}, earning ${owned.join(', ')}`;
    // Every request is answered 200 with events.
    expectCurrencyAnswer(ctx, unselected!, rules, `The request without a currency selection (${who})`);
    expectCurrencyAnswer(ctx, included!, rules, `The request with ${rules.includeParameter}=true (${who})`);
    const earned = earnedByBlock(included!, rules);

    for (const [index, names] of selections.entries()) {
      const answer = answers[index]!;
      expectCurrencyAnswer(ctx, answer, rules, `The request with ${rules.namesParameter}=${names.join(',')} (${who})`);
      for (const [key, block] of keyedBlocks(answer, rules)) {
        // Each block lists exactly the named currencies among those its bill earned, each once.
        const expected = (earned.get(key) ?? []).filter((n) => names.includes(n));
        if (!listsExactly(block.names, expected) || new Set(block.names ?? []).size !== (block.names ?? []).length) {
          ctx.softFail(
            `${rules.namesParameter}=${names.join(',')} does not list exactly [${expected.join(', ')}] in ${block.path}`,
            {
              received: `${block.eventName} event ${block.eventLogId}: ${block.names ? `[${block.names.join(', ')}]` : 'no block'} (${who})`,
              documented: `[${expected.join(', ')}]: the named currencies among those the same block lists with ${rules.includeParameter}=true, each once`,
              answer,
            },
          );
          break;
        }
      }
      // Apart from its blocks, the answer is the answer without a selection.
      const stripped = withoutReveals(answer.json, rules.blocks);
      if (canonicalJson(stripped) !== canonicalJson(unselected!.json)) {
        ctx.softFail(`${rules.namesParameter}=${names.join(',')} changes more than the currency blocks`, {
          received: `first difference at ${firstDifference(stripped, unselected!.json)} (${who}), blocks removed`,
          documented: `only ${rules.blocks.map((b) => b.path).join(', ')} differ from the answer without a selection`,
          answer,
        });
      }
    }
    // With include false, the names select as they do alone.
    if (comparableBody(withIncludeFalse!) !== comparableBody(answers[0]!)) {
      ctx.softFail(`${rules.includeParameter}=false changes what ${rules.namesParameter} selects`, {
        received: `first difference at ${firstDifference(withIncludeFalse!.json, answers[0]!.json)} (${who}, ${rules.namesParameter}=${selections[0]!.join(',')})`,
        documented: `the same answer as ${rules.namesParameter} alone`,
        answer: withIncludeFalse!,
      });
    }
  },
});
