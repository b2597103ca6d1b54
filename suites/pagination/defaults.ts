/**
 * PAGE-DEFAULTS: without offset and limit, the first page of the default size is returned.
 *
 * Each parameter left out is compared with the same request that sends its schema default:
 * both out, only offset out, only limit out. The selection is as long as one request may carry
 * (S6's ten ids): a default page shorter than that shows; a longer one cannot be told apart here.
 */
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import { comparableBody, describe, firstDifference } from '../support.js';
import { idsOfPage, offsetOfPage, pagingRules, startOf, wholeLedger } from './helpers.js';

export default defineCheck({
  id: 'pagination/defaults',
  requirement: 'PAGE-DEFAULTS',
  title: 'Without offset and limit, the first page of the default size comes back',
  async run(ctx) {
    const rules = pagingRules(ctx.spec);
    const selection = wholeLedger(ctx, 2);
    const total = selection.ids.length;
    const otherLimit = rules.defaultLimit === rules.minLimit ? rules.maxLimit : rules.minLimit;
    const secondPage = offsetOfPage(rules, 1, rules.defaultLimit);
    const offset = (value: number): QueryPair => ['offset', String(value)];
    const limit = (value: number): QueryPair => ['limit', String(value)];
    const cases: { what: string; implicit: QueryPair[]; explicit: QueryPair[] }[] = [
      { what: 'without offset and limit', implicit: [], explicit: [offset(rules.defaultOffset), limit(rules.defaultLimit)] },
      {
        what: `with limit ${otherLimit} and no offset`,
        implicit: [limit(otherLimit)],
        explicit: [offset(rules.defaultOffset), limit(otherLimit)],
      },
      {
        what: `with offset ${secondPage} and no limit`,
        implicit: [offset(secondPage)],
        explicit: [offset(secondPage), limit(rules.defaultLimit)],
      },
    ];
    const answered = await Promise.all(
      cases.map(async (c) => ({
        ...c,
        answers: await Promise.all([ctx.send([...selection.base, ...c.implicit]), ctx.send([...selection.base, ...c.explicit])]),
      })),
    );

    const [first] = answered;
    const firstPage = first!.answers[0];
    const expectedSize = Math.min(rules.defaultLimit, total - startOf(rules, rules.defaultOffset, rules.defaultLimit));
    const size = idsOfPage(ctx, firstPage, 'The page without offset and limit').length;
    // Without offset and limit the page holds the default number of events.
    if (size !== expectedSize) {
      ctx.softFail('The page without offset and limit is not of the default size', {
        received: `${size} event(s) (${total} selected)`,
        documented: `${expectedSize}: limit defaults to ${rules.defaultLimit} (#/components/parameters/limit/schema/default)`,
        answer: firstPage,
      });
    }
    for (const { what, answers, explicit } of answered) {
      const [implicit, stated] = answers;
      // Leaving a paging parameter out gives the same answer as sending its default.
      if (implicit.status !== stated.status || comparableBody(implicit) !== comparableBody(stated)) {
        const where =
          implicit.json !== undefined && stated.json !== undefined
            ? ` (first difference at ${firstDifference(implicit.json, stated.json)})`
            : '';
        ctx.softFail(`The page ${what} differs from the page with the defaults sent`, {
          received: `${describe(implicit)} ${what}, ${describe(stated)} with ${explicit.map(([n, v]) => `${n}=${v}`).join('&')}${where}`,
          documented: `the same answer: offset defaults to ${rules.defaultOffset}, limit to ${rules.defaultLimit}`,
          answer: implicit,
        });
      }
    }
  },
});
