/**
 * PAGE-PAST-END: a page that starts after the last event is answered as
 * `x-ledger-pagination.pastTheEnd` says.
 *
 * For every page size: the page right after the last one. And once, the largest offset the
 * schema accepts (a page far past the end, where `offset × limit` overflows 32 bits).
 */
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import { describe, errorCodeOf, eventsOf } from '../support.js';
import { pageCount, pageQuery, pageSizes, pagingRules, wholeLedger } from './helpers.js';

export default defineCheck({
  id: 'pagination/past-the-end',
  requirement: 'PAGE-PAST-END',
  title: 'A page that starts after the last event is answered as pastTheEnd says',
  async run(ctx) {
    const rules = pagingRules(ctx.spec);
    const selection = wholeLedger(ctx, 1);
    const total = selection.ids.length;
    const asks: { what: string; query: QueryPair[] }[] = pageSizes(rules).map((limit) => {
      const index = pageCount(total, limit);
      return { what: `Page ${index} at limit ${limit}`, query: [...selection.base, ...pageQuery(rules, index, limit)] };
    });
    asks.push({
      what: `The page at offset ${rules.maxOffset}, limit ${rules.maxLimit}`,
      query: [...selection.base, ['offset', String(rules.maxOffset)], ['limit', String(rules.maxLimit)]],
    });
    const answers = await Promise.all(asks.map(async (ask) => ({ ...ask, answer: await ctx.send(ask.query) })));
    const pastTheEnd = rules.knob.pastTheEnd;
    for (const { what, answer } of answers) {
      if (pastTheEnd === 'empty-page') {
        // A page past the end is a 200 whose events list is empty.
        if (answer.status !== 200 || eventsOf(answer)?.length !== 0) {
          ctx.softFail(`${what} (past the end) is not an empty page`, {
            received: `${describe(answer)} (${total} events selected)`,
            documented: '200 with an empty events list (x-ledger-pagination pastTheEnd: empty-page)',
            answer,
          });
        }
      } else if (answer.status !== pastTheEnd.status || errorCodeOf(answer) !== pastTheEnd.code) {
        // Or, in a dialect that says so, the error the knob names.
        ctx.softFail(`${what} (past the end) is not answered with error ${pastTheEnd.code}`, {
          received: `${describe(answer)} (${total} events selected)`,
          documented: `${pastTheEnd.status}, error ${pastTheEnd.code} (x-ledger-pagination pastTheEnd)`,
          answer,
        });
      }
    }
  },
});
