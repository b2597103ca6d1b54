/**
 * ID-EMAIL-CASE: an identifier value that x-ledger-identifiers.caseInsensitiveValues lists
 * (email) is matched without regard to letter case. The value of such a lookup, in upper case
 * and in mixed case, must find the same customer with the same events.
 */
import { defineCheck } from '../../src/check/check.js';
import type { IdentifierHandle } from '../../src/profile/model.js';
import { createRandom } from '../../src/core/random.js';
import { customersWithEvents, eventIdsQuery } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import { checkExactEvents, checkSameAnswer, lookupText, sampleCustomers, upTo, wholePage } from './helpers.js';

/** Customers judged besides the one with most events. */
const OTHERS = 1;

/** Every other letter upper case, starting with the first or the second. */
const alternating = (value: string, from: 0 | 1): string =>
  [...value].map((ch, i) => (i % 2 === from ? ch.toUpperCase() : ch.toLowerCase())).join('');

/** Spellings of a value that differ from it only in letter case: upper case, then mixed case. */
function otherCases(value: string): string[] {
  const upper = value.toUpperCase();
  const mixed = [alternating(value, 0), alternating(value, 1)].find(
    (m) => m !== value && m !== upper && m !== value.toLowerCase(),
  );
  return [...new Set([upper, ...(mixed !== undefined ? [mixed] : [])])].filter((v) => v !== value);
}

export default defineCheck({
  id: 'identifiers/email-case',
  requirement: 'ID-EMAIL-CASE',
  title: 'A case-insensitive identifier value finds the customer in upper and in mixed case',
  async run(ctx) {
    const names = ctx.spec.knobs.identifiers.caseInsensitiveValues.map((n) => n.toLowerCase());
    if (names.length === 0) ctx.skip('x-ledger-identifiers.caseInsensitiveValues lists no identifier name');
    const random = createRandom(ctx.seed);
    const page = wholePage(ctx);
    const lookupsOf = (lookups: readonly IdentifierHandle[]) =>
      lookups.filter((l) => names.includes(l.identifierName.toLowerCase()) && otherCases(l.identifierValue).length > 0);
    const customers = sampleCustomers(
      random,
      customersWithEvents(ctx).filter((c) => lookupsOf(c.lookups).length > 0),
      1 + OTHERS,
    );
    if (customers.length === 0)
      ctx.skip(`the profile lists no customer with events and a ${names.join(' or ')} lookup whose value has letters`, {
        profileField: '/customers/*/lookups',
      });
    const plans = customers.map((customer) => ({
      customer,
      lookup: lookupsOf(customer.lookups)[0]!,
      selection: upTo(random, customer.events, page.size),
    }));
    await Promise.all(
      plans.map(async ({ customer, lookup, selection }) => {
        const variants = otherCases(lookup.identifierValue).map((value): IdentifierHandle => ({
          ...lookup,
          identifierValue: value,
        }));
        const [baseline, ...answers] = await Promise.all(
          [lookup, ...variants].map((l) => ctx.send([...lookupPairs(l), ...eventIdsQuery(selection), ...page.query])),
        );
        // The value as the profile spells it finds the customer's selected events.
        if (!checkExactEvents(ctx, baseline!, selection, `Customer ${customer.key} found by ${lookupText(lookup)}`)) return;
        variants.forEach((variant, i) => {
          // The same value in another letter case finds the same customer with the same events.
          checkSameAnswer(
            ctx,
            answers[i]!,
            baseline!,
            `Customer ${customer.key} looked up by ${lookupText(variant)} gets another answer than by its ${lookup.identifierName} as stored`,
            `the answer to ${lookupText(lookup)}`,
          );
        });
      }),
    );
  },
});
