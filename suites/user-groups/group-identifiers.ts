/**
 * UG-IDENTIFIERS: a user group is found by each group identifier type, with the same events.
 * Every lookup of a group, sent with the group type and one selection of the group's events,
 * gets the answer its first lookup gets.
 */
import { defineCheck } from '../../src/check/check.js';
import { createRandom } from '../../src/core/random.js';
import { eventIdsQuery, groupQuery } from '../support.js';
import { checkExactEvents, checkSameAnswer, groupsWithEvents, lookupText, upTo, wholePage } from './helpers.js';

export default defineCheck({
  id: 'user-groups/group-identifiers',
  requirement: 'UG-IDENTIFIERS',
  title: 'A group found by each of its identifiers returns the same events',
  async run(ctx) {
    const random = createRandom(ctx.seed);
    const page = wholePage(ctx);
    const groups = groupsWithEvents(ctx).filter((g) => g.lookups.length >= 2);
    if (groups.length === 0)
      ctx.skip('the profile lists no user group with events and two or more lookups', { profileField: '/groups/*/lookups' });
    const plans = groups.map((group) => ({ group, selection: upTo(random, group.events, page.size) }));
    await Promise.all(
      plans.map(async ({ group, selection }) => {
        const [baseline, ...answers] = await Promise.all(
          group.lookups.map((lookup) =>
            ctx.send([...groupQuery(ctx, group, lookup), ...eventIdsQuery(selection), ...page.query]),
          ),
        );
        const [first, ...others] = group.lookups;
        // The first lookup finds the group's selected events, so the comparison is not between errors.
        if (!checkExactEvents(ctx, baseline!, selection, `Group ${group.key} found by ${lookupText(first!)}`)) return;
        others.forEach((lookup, i) => {
          // Each other identifier of the group returns the answer of the first.
          checkSameAnswer(
            ctx,
            answers[i]!,
            baseline!,
            `Group ${group.key} found by ${lookupText(lookup)} gets another answer than by ${first!.identifierName}`,
            `the answer to ${lookupText(first!)}`,
          );
        });
      }),
    );
  },
});
