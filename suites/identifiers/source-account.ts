/**
 * ID-SOURCE-ACCOUNT: a customer is found in each source and account it is registered in and
 * through the any-source value, and not in a source or account it is not registered in.
 * Lookups outside the scope of a customer's first lookup must return that lookup's answer; for a
 * source that x-ledger-identifiers.accountIdIgnoredFor lists, naming an account changes nothing;
 * each of the customer's notFoundLookups gets the spec's answer for an unknown customer.
 */
import { defineCheck } from '../../src/check/check.js';
import type { IdentifierHandle, ProfileCustomer } from '../../src/profile/model.js';
import { createRandom } from '../../src/core/random.js';
import { customersWithEvents, eventIdsQuery, ruleOfKind } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import { checkExactEvents, checkRule, checkSameAnswer, lookupText, sampleCustomers, upTo, wholePage } from './helpers.js';

/** Customers judged besides the one with most events. */
const OTHERS = 3;

/** Lookups of the customer in another source or account than its first lookup. */
const elsewhere = (customer: ProfileCustomer): IdentifierHandle[] =>
  customer.lookups.filter((l) => l.source !== customer.lookups[0]!.source || l.accountId !== customer.lookups[0]!.accountId);

export default defineCheck({
  id: 'identifiers/source-account',
  requirement: 'ID-SOURCE-ACCOUNT',
  title: 'A customer is found in each of its sources and accounts, and in no other',
  async run(ctx) {
    const random = createRandom(ctx.seed);
    const page = wholePage(ctx);
    const notFound = ruleOfKind(ctx, 'customer-not-found');
    const ignoring = ctx.spec.knobs.identifiers.accountIdIgnoredFor;
    // An account the profile names somewhere: sent where the spec says accounts are ignored.
    const anyAccount = ctx.profile.customers
      .flatMap((c) => [...c.lookups, ...c.notFoundLookups])
      .find((l) => l.accountId !== undefined)?.accountId;
    const ranked = customersWithEvents(ctx).filter((c) => elsewhere(c).length > 0 || c.notFoundLookups.length > 0);
    const customers = sampleCustomers(random, ranked, 1 + OTHERS);
    if (customers.length === 0)
      ctx.skip(
        'the profile lists no customer with events and a lookup in another source or account, or a lookup that must not find it',
        { profileField: '/customers/*/notFoundLookups' },
      );
    const plans = customers.map((customer) => ({ customer, selection: upTo(random, customer.events, page.size) }));
    await Promise.all(
      plans.map(async ({ customer, selection }) => {
        const home = customer.lookups[0]!;
        const away = elsewhere(customer);
        const withAccount: IdentifierHandle[] =
          anyAccount !== undefined && home.accountId === undefined && ignoring.includes(home.source)
            ? [{ ...home, accountId: anyAccount }]
            : [];
        const ask = (lookup: IdentifierHandle) => ctx.send([...lookupPairs(lookup), ...eventIdsQuery(selection), ...page.query]);
        const [baseline, ...answers] = await Promise.all([home, ...away, ...withAccount, ...customer.notFoundLookups].map(ask));
        // The first lookup finds the customer's selected events: the answer every other scope is held to.
        const found = checkExactEvents(ctx, baseline!, selection, `Customer ${customer.key} found by ${lookupText(home)}`);
        away.forEach((lookup, i) => {
          // A source or account the customer is registered in (or the any-source value) finds the same events.
          if (found)
            checkSameAnswer(
              ctx,
              answers[i]!,
              baseline!,
              `Customer ${customer.key} looked up by ${lookupText(lookup)} gets another answer than in ${home.source}`,
              `the answer to ${lookupText(home)}`,
            );
        });
        withAccount.forEach((lookup, i) => {
          // In a source whose accountId is ignored, naming an account changes nothing.
          if (found)
            checkSameAnswer(
              ctx,
              answers[away.length + i]!,
              baseline!,
              `Customer ${customer.key} looked up by ${lookupText(lookup)}, a source that ignores accountId, gets another answer than without it`,
              `the answer to ${lookupText(home)}`,
            );
        });
        customer.notFoundLookups.forEach((lookup, i) => {
          // A source or account the customer is not registered in does not find it.
          checkRule(
            ctx,
            answers[away.length + withAccount.length + i]!,
            notFound,
            `Customer ${customer.key} looked up by ${lookupText(lookup)}, where it is not registered,`,
          );
        });
      }),
    );
  },
});
