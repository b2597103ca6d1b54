/**
 * PARAM-SELECTOR-STYLES: a request that selects by eventIds alone, or by eventName with
 * eventReferenceIds, is accepted (200) with the events it selects.
 */
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { EventHandle } from '../../src/profile/model.js';
import { describe, eventIdsOf, eventIdsQuery } from '../support.js';
import { defaultPageSize, ownersOf, referenceSets, selectedBy } from './helpers.js';

interface Selection {
  readonly what: string;
  readonly query: QueryPair[];
  readonly expected: readonly EventHandle[];
}

export default defineCheck({
  id: 'parameters/selector-styles',
  requirement: 'PARAM-SELECTOR-STYLES',
  title: 'Selecting by eventIds alone, or by eventName with eventReferenceIds, is answered 200 with those events',
  async run(ctx) {
    const pageSize = defaultPageSize(ctx);
    const owners = ownersOf(ctx);
    if (owners.length === 0)
      ctx.skip('the profile lists no customer or group with events', { profileField: '/customers/*/events' });
    const selections: Selection[] = [];
    // By event ids: one event, then several, of the first customer and the first group.
    for (const owner of [owners.find((o) => o.kind === 'customer'), owners.find((o) => o.kind === 'group')]) {
      if (!owner) continue;
      const several = owner.events.slice(0, Math.min(3, pageSize));
      selections.push({
        what: `${owner.label} by one event id`,
        query: [...owner.lookup, ...eventIdsQuery(several.slice(0, 1))],
        expected: several.slice(0, 1),
      });
      if (several.length > 1)
        selections.push({
          what: `${owner.label} by ${several.length} event ids`,
          query: [...owner.lookup, ...eventIdsQuery(several)],
          expected: several,
        });
    }
    // By reference: one reference of each of a few event types, then several of one type.
    const sets = referenceSets(ctx, owners);
    const byName = sets.filter((s, i) => sets.findIndex((t) => t.eventName === s.eventName) === i);
    for (const set of byName.slice(0, 3)) {
      const expected = selectedBy(set, set.references.slice(0, 1));
      selections.push({
        what: `${set.owner.label} by a ${set.eventName} reference id`,
        query: [...set.owner.lookup, ['eventName', set.eventName], ['eventReferenceIds', set.references[0]!]],
        expected,
      });
    }
    const richest = sets[0];
    if (richest && richest.references.length > 1) {
      const references = richest.references.slice(0, 3);
      selections.push({
        what: `${richest.owner.label} by ${references.length} ${richest.eventName} reference ids`,
        query: [...richest.owner.lookup, ['eventName', richest.eventName], ['eventReferenceIds', references.join(',')]],
        expected: selectedBy(richest, references),
      });
    }
    if (!selections.some((s) => s.query.some(([n]) => n === 'eventName')))
      ctx.skip('the profile lists no event with a reference id, so the second selector style cannot be tried', {
        profileField: '/customers/*/events/*/eventReferenceId',
      });

    const answers = await Promise.all(selections.map((s) => ctx.send(s.query)));
    answers.forEach((answer, i) => {
      const { what, expected } = selections[i]!;
      const wanted = new Set(expected.map((e) => e.eventLogId));
      const received = eventIdsOf(answer);
      // Each selection is answered 200 with an events list.
      if (answer.status !== 200 || !received) {
        ctx.softFail(`Selecting ${what} is not accepted`, {
          received: describe(answer),
          documented: '200 with the selected events',
          answer,
        });
        return;
      }
      // The list holds the selected events and nothing else (a full first page of them).
      const stray = received.filter((id) => !wanted.has(id));
      if (stray.length > 0 || received.length !== Math.min(wanted.size, pageSize)) {
        ctx.softFail(`Selecting ${what} does not return those events`, {
          received: `${received.length} event(s): ${received.join(', ') || 'none'}`,
          documented: `the ${wanted.size} selected event(s): ${[...wanted].join(', ')}`,
          answer,
        });
      }
    });
  },
});
