/**
 * An event of every documented type the profile knows, asked for with every flag and every
 * alternate currency, comes back to be judged by the schema its eventName selects.
 */
import { defineCheck } from '../../src/check/check.js';
import { refusedParameters } from '../../src/profile/org-settings.js';
import type { QueryPair } from '../../src/core/query.js';
import { describe, eventIdsQuery, eventsOf, groupQuery } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';

export default defineCheck({
  id: 'schema/every-event-type',
  requirement: 'RESP-BODY',
  title: 'One event of each documented type, fully exploded, is served',
  async run(ctx) {
    const { spec, profile } = ctx;
    // Every flag, but those the main identity's org refuses (its answer would be that refusal).
    const refused = refusedParameters(spec, profile);
    const everything: QueryPair[] = [
      ...Object.keys(spec.knobs.flags)
        .filter((flag) => !refused.has(flag))
        .map((flag): QueryPair => [flag, 'true']),
      [spec.knobs.alternateCurrencies.includeParameter, 'true'],
    ];
    const owners = [
      ...profile.customers.map((c) => ({ query: lookupPairs(c.lookups[0]!), events: c.events })),
      ...profile.groups.map((g) => ({ query: groupQuery(ctx, g), events: g.events })),
    ];
    // Each owner's events of the types no earlier owner had.
    const asked = new Set<string>();
    const wanted = owners.flatMap((owner) => {
      const fresh = owner.events.filter((e) => spec.eventNames.includes(e.eventName) && !asked.has(e.eventName));
      for (const event of fresh) asked.add(event.eventName);
      return fresh.map((event) => ({ query: owner.query, event }));
    });
    if (asked.size === 0) ctx.skip('the profile lists no event of a documented type', { profileField: '/customers/*/events' });
    // A lone event per request: whatever else the ledger holds cannot hide a broken one.
    const answered = await Promise.all(
      wanted.map(async ({ query, event }) => ({
        event,
        answer: await ctx.send([...query, ...eventIdsQuery([event]), ...everything]),
      })),
    );
    for (const { event, answer } of answered) {
      const events = eventsOf(answer);
      if (
        answer.status !== 200 ||
        !events ||
        String(events[0]?.['eventLogId']) !== event.eventLogId ||
        events[0]?.['eventName'] !== event.eventName
      ) {
        ctx.softFail(`A ${event.eventName} event is not served`, {
          received: describe(answer),
          documented: `200 with event ${event.eventLogId} (${event.eventName})`,
          answer,
        });
      }
    }
  },
});
