/**
 * AC-INCLUDE: `includeAlternateCurrencies=true` adds the blocks of the alternate currencies the
 * customer earned and nothing else; without a selection no block appears. Each block lists only
 * currencies the customer earns, each once, and the answer shows at least one of them; a bill
 * that earned none of them may show an empty block (S1 §3.12.9 shows one per bill).
 *
 * For up to two customers with currencies, the same events are asked for with the include
 * parameter true, false and absent (and every flag the blocks need on).
 */
import { defineCheck } from '../../src/check/check.js';
import { canonicalJson, comparableBody, firstDifference } from '../support.js';
import { withoutReveals } from '../flags/helpers.js';
import {
  blocksOf,
  currencyQuery,
  currencyRules,
  customersWithCurrencies,
  earnedByBlock,
  keyedBlocks,
  expectCurrencyAnswer,
  sortedNames,
  strayBlocks,
} from './helpers.js';

export default defineCheck({
  id: 'alternate-currencies/include',
  requirement: 'AC-INCLUDE',
  title: 'includeAlternateCurrencies=true adds a block for each currency the customer earns, and only then',
  async run(ctx) {
    const rules = currencyRules(ctx);
    const customers = customersWithCurrencies(ctx, rules).slice(0, 2);
    if (customers.length === 0)
      ctx.skip(`the profile lists no customer with alternate currencies and events of ${[...rules.eventNames].join(', ')}`, {
        profileField: '/customers/*/alternateCurrencies',
      });
    const answered = await Promise.all(
      customers.map(async (customer) => {
        const query = currencyQuery(ctx, customer, rules);
        const [included, excluded, absent, named] = await Promise.all([
          ctx.send([...query, [rules.includeParameter, 'true']]),
          ctx.send([...query, [rules.includeParameter, 'false']]),
          ctx.send(query),
          ctx.send([...query, [rules.namesParameter, customer.alternateCurrencies.join(',')]]),
        ]);
        return { customer, included, excluded, absent, named };
      }),
    );
    for (const { customer, included, excluded, absent, named } of answered) {
      const who = `customer ${customer.key}, earning ${customer.alternateCurrencies.join(', ')}`;
      // Each of the three requests is answered 200 with events.
      expectCurrencyAnswer(ctx, included, rules, `The request with ${rules.includeParameter}=true (${who})`);
      expectCurrencyAnswer(ctx, excluded, rules, `The request with ${rules.includeParameter}=false (${who})`);
      expectCurrencyAnswer(ctx, absent, rules, `The request without ${rules.includeParameter} (${who})`);

      const blocks = blocksOf(included, rules);
      for (const block of blocks) {
        // With include true, each block lists only currencies the customer earns, each once.
        const names = block.names ?? [];
        if (names.some((n) => !customer.alternateCurrencies.includes(n)) || new Set(names).size !== names.length) {
          ctx.softFail(
            `${rules.includeParameter}=true lists a currency the customer does not earn, or one twice, in ${block.path}`,
            {
              received: `${block.eventName} event ${block.eventLogId}: ${block.names ? `[${block.names.join(', ')}]` : 'no block'} (${who})`,
              documented: `only [${customer.alternateCurrencies.join(', ')}], each once (x-ledger-alternate-currencies.blocks, ${rules.nameField})`,
              answer: included,
            },
          );
          break;
        }
      }
      // "includeAlternateCurrencies lists all the available currencies" (SEED): each block lists
      // at least what it lists when every currency the customer earns is named.
      const earned = earnedByBlock(included, rules);
      for (const [key, block] of keyedBlocks(named, rules)) {
        const missing = (block.names ?? []).filter((n) => !(earned.get(key) ?? []).includes(n));
        if (missing.length > 0) {
          ctx.softFail(`${rules.includeParameter}=true lists less than naming every currency does, in ${block.path}`, {
            received: `${block.eventName} event ${block.eventLogId}: [${(earned.get(key) ?? []).join(', ')}] with ${rules.includeParameter}=true, [${(block.names ?? []).join(', ')}] with ${rules.namesParameter}=${customer.alternateCurrencies.join(',')} (${who})`,
            documented: `every currency of the block, ${missing.join(', ')} included: the include flag lists all the available currencies`,
            answer: included,
          });
          break;
        }
      }
      // The include flag shows the customer's currencies somewhere in the answer.
      const shown = new Set(blocks.flatMap((b) => b.names ?? []));
      if (shown.size === 0) {
        ctx.softFail(`${rules.includeParameter}=true shows none of the customer's currencies`, {
          received: `${blocks.length} block place(s), ${sortedNames(shown).length} currency name(s) (${who})`,
          documented: `blocks naming the currencies the customer earns (${customer.alternateCurrencies.join(', ')})`,
          answer: included,
        });
      }
      // Blocks appear only on the event types the knob lists.
      for (const stray of strayBlocks(included, rules).slice(0, 1)) {
        ctx.softFail(`A ${stray.eventName} event carries ${stray.path}`, {
          received: `event ${stray.eventIndex} (${stray.eventName}) has ${stray.path} (${who})`,
          documented: `${stray.path} only on ${rules.blocks.find((b) => b.path === stray.path)!.eventNames.join(', ')}`,
          answer: included,
        });
      }
      // Leaving the include parameter out gives the same answer as sending its default.
      const defaultValue = ctx.spec.parameter(rules.includeParameter).schema['default'] ?? false;
      const byDefault = defaultValue === true ? included : excluded;
      if (comparableBody(byDefault) !== comparableBody(absent)) {
        ctx.softFail(
          `${rules.includeParameter}=${String(defaultValue)} and no ${rules.includeParameter} give different answers`,
          {
            received: `first difference at ${firstDifference(byDefault.json, absent.json)} (${who})`,
            documented: `the same answer: ${rules.includeParameter} defaults to ${String(defaultValue)}`,
            answer: absent,
          },
        );
      }
      // With include false the answer is the answer with include true, less its blocks.
      const stripped = withoutReveals(included.json, rules.blocks);
      if (canonicalJson(stripped) !== canonicalJson(excluded.json)) {
        const at = firstDifference(stripped, excluded.json);
        ctx.softFail(
          `${rules.includeParameter}=false does not give the answer to ${rules.includeParameter}=true less its blocks`,
          {
            received: `first difference at ${at} (${who}), blocks removed from the answer with ${rules.includeParameter}=true`,
            documented: `no block without a selection, nothing else changed (${rules.blocks.map((b) => b.path).join(', ')})`,
            answer: excluded,
          },
        );
      }
    }
  },
});
