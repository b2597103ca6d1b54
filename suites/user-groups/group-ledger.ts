/**
 * UG-GROUP-LEDGER: type=USERGROUP2 (x-ledger-user-groups.groupType) resolves the identifier to
 * the user group and explodes the group's own events, not a member's. Under the group type the
 * group's events are answered and its primary member's are not; under the default type the
 * member's own lookup finds the member's events, so `type` is what switches the ledger.
 */
import { defineCheck } from '../../src/check/check.js';
import { createRandom } from '../../src/core/random.js';
import { eventIdsQuery, groupQuery, ruleOfKind } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import { checkExactEvents, checkRule, groupsWithEvents, groupsWithMember, lookupText, upTo, wholePage } from './helpers.js';

export default defineCheck({
  id: 'user-groups/group-ledger',
  requirement: 'UG-GROUP-LEDGER',
  title: "The group type explodes the group's own ledger, not its primary member's",
  async run(ctx) {
    const random = createRandom(ctx.seed);
    const page = wholePage(ctx);
    const groups = groupsWithEvents(ctx);
    if (groups.length === 0)
      ctx.skip('the profile lists no user group with events and a lookup', { profileField: '/groups/*/events' });
    const outsideLedger = ruleOfKind(ctx, 'event-id-not-found');
    const groupType = ctx.spec.knobs.userGroups.groupType;
    const own = groups.map((group) => ({ group, selection: upTo(random, group.events, page.size) }));
    const withMember = groupsWithMember(ctx).map((g) => ({ ...g, selection: upTo(random, g.memberEvents, page.size) }));

    const [ownAnswers, memberAnswers] = await Promise.all([
      Promise.all(
        own.map(({ group, selection }) => ctx.send([...groupQuery(ctx, group), ...eventIdsQuery(selection), ...page.query])),
      ),
      Promise.all(
        withMember.map(({ group, member, selection }) =>
          Promise.all([
            ctx.send([...groupQuery(ctx, group), ...eventIdsQuery(selection), ...page.query]),
            ctx.send([...lookupPairs(member.lookups[0]!), ...eventIdsQuery(selection), ...page.query]),
          ]),
        ),
      ),
    ]);
    own.forEach(({ group, selection }, i) => {
      // Under the group type, the group's lookup returns exactly the group's own events.
      checkExactEvents(
        ctx,
        ownAnswers[i]!,
        selection,
        `Group ${group.key} found by ${lookupText(group.lookups[0]!)} with type=${groupType}`,
      );
    });
    withMember.forEach(({ group, member, selection }, i) => {
      const [underGroup, underDefault] = memberAnswers[i]!;
      // The primary member's events are outside the group's ledger: the spec's answer for an event of another ledger.
      checkRule(
        ctx,
        underGroup,
        outsideLedger,
        `Events of primary member ${member.key}, asked of group ${group.key} with type=${groupType},`,
      );
      // Under the default type, the member's own lookup finds the member's events.
      checkExactEvents(
        ctx,
        underDefault,
        selection,
        `Primary member ${member.key} of group ${group.key} found by ${lookupText(member.lookups[0]!)} without type`,
      );
    });
  },
});
