/**
 * Helpers of the user-groups suite. The judgements of answers are the identifiers suite's (one
 * copy, re-exported here); what is group-specific is finding a group's primary member.
 */
import type { CheckContext } from '../../src/check/check.js';
import type { EventHandle, ProfileCustomer, ProfileGroup } from '../../src/profile/model.js';
export { checkExactEvents, checkRule, checkSameAnswer, lookupText, upTo, wholePage } from '../identifiers/helpers.js';

/** A group whose primary member the profile lists with events and a lookup. */
export interface GroupWithMember {
  readonly group: ProfileGroup;
  readonly member: ProfileCustomer;
  /** The member's events that are not also events of the group. */
  readonly memberEvents: readonly EventHandle[];
  /** The group's events that are not also events of the member. */
  readonly groupEvents: readonly EventHandle[];
}

/** Groups of the profile with events and a lookup, the profile's order. */
export function groupsWithEvents(ctx: CheckContext): ProfileGroup[] {
  return ctx.profile.groups.filter((g) => g.events.length > 0 && g.lookups.length > 0);
}

/** Groups whose two ledgers, the group's and its primary member's, both have events of their own. */
export function groupsWithMember(ctx: CheckContext): GroupWithMember[] {
  return groupsWithEvents(ctx).flatMap((group) => {
    const member = ctx.profile.customers.find((c) => c.key === group.primaryMember);
    if (!member || member.lookups.length === 0) return [];
    const groupIds = new Set(group.events.map((e) => e.eventLogId));
    const memberIds = new Set(member.events.map((e) => e.eventLogId));
    const memberEvents = member.events.filter((e) => !groupIds.has(e.eventLogId));
    const groupEvents = group.events.filter((e) => !memberIds.has(e.eventLogId));
    return memberEvents.length > 0 && groupEvents.length > 0 ? [{ group, member, memberEvents, groupEvents }] : [];
  });
}
