/**
 * PAGE-SIZE: every page holds `limit` events, except the last, which holds the rest.
 *
 * For every page size the schema accepts, the whole selection is read page by page.
 */
import { defineCheck } from '../../src/check/check.js';
import { idsOfPage, pageCount, pageSizes, pagingRules, readPages, wholeLedger } from './helpers.js';

export default defineCheck({
  id: 'pagination/page-size',
  requirement: 'PAGE-SIZE',
  title: 'Every page holds limit events, except the last, which holds the rest',
  async run(ctx) {
    const rules = pagingRules(ctx.spec);
    const selection = wholeLedger(ctx);
    const total = selection.ids.length;
    const pagedBySize = await Promise.all(
      pageSizes(rules).map(async (limit) => ({
        limit,
        answers: await readPages(ctx, selection.base, rules, limit, pageCount(total, limit)),
      })),
    );
    for (const { limit, answers } of pagedBySize) {
      const last = answers.length - 1;
      for (const [index, answer] of answers.entries()) {
        const size = idsOfPage(ctx, answer, `Page ${index} at limit ${limit}`).length;
        const expected = index < last ? limit : total - last * limit;
        // A page before the last holds exactly limit events; the last holds the rest, never more than limit.
        if (size !== expected) {
          ctx.softFail(`Page ${index} (limit ${limit}) holds ${size} ${size === 1 ? 'event' : 'events'}`, {
            received: `${size} ${size === 1 ? 'event' : 'events'} on page ${index} (limit ${limit}, ${total} selected)`,
            documented:
              index < last
                ? `${limit} (limit), the page is not the last`
                : `${expected}, the rest of the ${total} selected events`,
            answer,
          });
          break;
        }
      }
    }
  },
});
