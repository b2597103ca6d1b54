/**
 * ID-EQUIVALENCE: a customer found by each of its identifier types returns the same events.
 * For a sample of customers (always the one with most events), every lookup in the source and
 * account of its first lookup is sent with one selection of its events.
 */
import { defineCheck } from '../../src/check/check.js';
import type { IdentifierHandle } from '../../src/profile/model.js';
import { createRandom } from '../../src/core/random.js';
import { customersWithEvents, eventIdsQuery } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import { checkExactEvents, checkSameAnswer, lookupText, sampleCustomers, upTo, wholePage } from './helpers.js';

/** Customers judged besides the one with most events. */
const OTHERS = 2;

const sameScope = (a: IdentifierHandle, b: IdentifierHandle): boolean => a.source === b.source && a.accountId === b.accountId;

export default defineCheck({
  id: 'identifiers/equivalence',
  requirement: 'ID-EQUIVALENCE',
  title: 'Every identifier of a customer returns the same answer for the same selection',
  async run(ctx) {
    const random = createRandom(ctx.seed);
    const page = wholePage(ctx);
    // Lookups in other sources or accounts are the source-account check's.
    const ranked = customersWithEvents(ctx).filter((c) => c.lookups.filter((l) => sameScope(l, c.lookups[0]!)).length >= 2);
    const customers = sampleCustomers(random, ranked, 1 + OTHERS);
    if (customers.length === 0)
      ctx.skip('the profile lists no customer with events and two or more lookups in one source', {
        profileField: '/customers/*/lookups',
      });
    // Every random choice is made before the first request, so the same seed sends the same requests.
    const plans = customers.map((customer) => ({ customer, selection: upTo(random, customer.events, page.size) }));
    await Promise.all(
      plans.map(async ({ customer, selection }) => {
        const [first, ...others] = customer.lookups.filter((l) => sameScope(l, customer.lookups[0]!));
        const ask = (lookup: IdentifierHandle) => ctx.send([...lookupPairs(lookup), ...eventIdsQuery(selection), ...page.query]);
        const [baseline, ...answers] = await Promise.all([first!, ...others].map(ask));
        // The first lookup finds the customer's selected events, so the comparison is not between errors.
        if (!checkExactEvents(ctx, baseline!, selection, `Customer ${customer.key} found by ${lookupText(first!)}`)) return;
        others.forEach((lookup, i) => {
          // Each other identifier of the customer returns the answer of the first.
          checkSameAnswer(
            ctx,
            answers[i]!,
            baseline!,
            `Customer ${customer.key} found by ${lookupText(lookup)} gets another answer than by ${first!.identifierName}`,
            `the answer to ${lookupText(first!)}`,
          );
        });
      }),
    );
  },
});
