/**
 * UG-PRIMARY-USER: isPrimaryUser=true (x-ledger-user-groups.primaryUserParameter) with the group
 * type explodes the events of the group's primary member. The group lookup then answers the
 * member's events exactly as the member's own lookup does, and the group's own events are
 * outside the exploded ledger; with the default type the flag changes nothing.
 */
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import { createRandom } from '../../src/core/random.js';
import { eventIdsQuery, groupQuery, ruleOfKind } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import { checkExactEvents, checkRule, checkSameAnswer, groupsWithMember, lookupText, upTo, wholePage } from './helpers.js';

export default defineCheck({
  id: 'user-groups/primary-user',
  requirement: 'UG-PRIMARY-USER',
  title: "The primary-user flag explodes the primary member's ledger, for groups only",
  async run(ctx) {
    const random = createRandom(ctx.seed);
    const page = wholePage(ctx);
    const { groupType, primaryUserParameter } = ctx.spec.knobs.userGroups;
    const flag: QueryPair = [primaryUserParameter, 'true'];
    const outsideLedger = ruleOfKind(ctx, 'event-id-not-found');
    const plans = groupsWithMember(ctx).map((g) => ({
      ...g,
      memberSelection: upTo(random, g.memberEvents, page.size),
      groupSelection: upTo(random, g.groupEvents, page.size),
    }));
    if (plans.length === 0)
      ctx.skip('the profile lists no user group whose primary member it lists with events of its own', {
        profileField: '/groups/*/primaryMember',
      });
    await Promise.all(
      plans.map(async ({ group, member, memberSelection, groupSelection }) => {
        const memberLookup = lookupPairs(member.lookups[0]!);
        const [exploded, groupEventsAnswer, memberOwn, memberFlagged] = await Promise.all([
          ctx.send([...groupQuery(ctx, group), flag, ...eventIdsQuery(memberSelection), ...page.query]),
          ctx.send([...groupQuery(ctx, group), flag, ...eventIdsQuery(groupSelection), ...page.query]),
          ctx.send([...memberLookup, ...eventIdsQuery(memberSelection), ...page.query]),
          ctx.send([...memberLookup, flag, ...eventIdsQuery(memberSelection), ...page.query]),
        ]);
        const asked = `group ${group.key} with type=${groupType} and ${primaryUserParameter}=true`;
        // With the flag, the group lookup returns exactly the primary member's selected events...
        if (checkExactEvents(ctx, exploded, memberSelection, `Events of primary member ${member.key}, asked of ${asked},`)) {
          // ...as the member's own lookup returns them.
          checkSameAnswer(
            ctx,
            exploded,
            memberOwn,
            `Events of primary member ${member.key}, asked of ${asked}, differ from the member's own answer`,
            `the answer to ${lookupText(member.lookups[0]!)}`,
          );
        }
        // The group's own events are then outside the exploded ledger.
        checkRule(ctx, groupEventsAnswer, outsideLedger, `Events of group ${group.key}, asked of ${asked},`);
        // Without the group type the flag changes nothing: the member's lookup answers as without it.
        checkSameAnswer(
          ctx,
          memberFlagged,
          memberOwn,
          `Customer ${member.key} looked up with ${primaryUserParameter}=true and no type gets another answer than without the flag`,
          `the answer without ${primaryUserParameter}`,
        );
      }),
    );
  },
});
