/**
 * PAGE-PARTITION: for every page size, the pages put end to end give the whole selection, with
 * no gap, no duplicate and the same order. (Every size up to the canonical maximum of 10; for a
 * larger maximum, the sizes `pageSizes` spreads over it.)
 *
 * The "full list" is the selection read at the largest page size; every other size must give
 * the same list. Whether that list is in the documented order is PAGE-ORDER's finding.
 */
import { defineCheck } from '../../src/check/check.js';
import {
  firstMismatch,
  fullList,
  idsOfPage,
  inKnobOrder,
  pageCount,
  pageHolding,
  pageSizes,
  pagingRules,
  readPages,
  repeatedIds,
  showIds,
  wholeLedger,
} from './helpers.js';

export default defineCheck({
  id: 'pagination/partition',
  requirement: 'PAGE-PARTITION',
  title: 'Pages of every size, put end to end, give the whole selection once and in one order',
  async run(ctx) {
    const rules = pagingRules(ctx.spec);
    const selection = wholeLedger(ctx);
    const full = await fullList(ctx, selection, rules);
    const fullPages = full.pages.map((answer, index) => ({
      answer,
      ids: idsOfPage(ctx, answer, `Page ${index} at limit ${rules.maxLimit}`),
    }));
    const selected = new Set(selection.ids);
    const missing = inKnobOrder(
      rules,
      selection.ids.filter((id) => !full.ids.includes(id)),
    );
    const repeated = repeatedIds(full.ids);
    const unselected = full.ids.filter((id) => !selected.has(id));
    // The pages of the largest size hold every selected event, each once, and nothing else.
    if (missing.length > 0 || repeated.length > 0 || unselected.length > 0) {
      const culprit = repeated[0] ?? unselected[0];
      const index = culprit !== undefined ? full.ids.lastIndexOf(culprit) : full.ids.length;
      ctx.fail(`Pages of ${rules.maxLimit} do not give the whole selection once`, {
        received: `${full.ids.length} event(s) over ${full.pages.length} page(s); missing ${showIds(missing)}, repeated ${showIds(repeated)}, not selected ${showIds(unselected)}`,
        documented: `the ${selection.ids.length} selected events, each once`,
        answer: pageHolding(fullPages, index),
      });
    }

    const sizes = pageSizes(rules).filter((limit) => limit !== rules.maxLimit);
    const pagedBySize = await Promise.all(
      sizes.map(async (limit) => ({
        limit,
        answers: await readPages(ctx, selection.base, rules, limit, pageCount(selection.ids.length, limit)),
      })),
    );
    for (const { limit, answers } of pagedBySize) {
      const pages = answers.map((answer, index) => ({ answer, ids: idsOfPage(ctx, answer, `Page ${index} at limit ${limit}`) }));
      const joined = pages.flatMap((p) => p.ids);
      // Pages of this size, put end to end, give the full list: no gap, no duplicate, same order.
      if (joined.length !== full.ids.length || joined.some((id, i) => id !== full.ids[i])) {
        const at = joined.findIndex((id, i) => id !== full.ids[i]);
        ctx.softFail(`Pages of ${limit} put end to end do not give the selection`, {
          received: `${joined.length} event(s) over ${pages.length} page(s), ${firstMismatch(joined, full.ids)}; repeated ${showIds(repeatedIds(joined))}`,
          documented: `the ${full.ids.length} events of the pages of ${rules.maxLimit}, in the same order`,
          answer: pageHolding(pages, at === -1 ? joined.length : at),
        });
      }
    }
  },
});
