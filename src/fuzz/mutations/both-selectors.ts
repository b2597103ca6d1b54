/** `both-selectors`: the event-id style and the reference style in one request. */
import fc from 'fast-check';
import { firstValue, withValue } from '../../core/query.js';
import { defineMutation, hasRule } from './mutation.js';

export const bothStyles = defineMutation({
  name: 'both selector styles',
  weight: 1,
  applies: (ctx) => hasRule(ctx, 'both-selectors'),
  arbitrary: ({ material }) =>
    fc.constantFrom('eventName', 'eventReferenceIds', 'both').map((added) => ({
      name: `both selector styles (${added} added)`,
      apply: (q) => {
        if (firstValue(q, 'eventIds') === undefined) return withValue(q, 'eventIds', material.eventIds[0] ?? '1');
        let out = [...q];
        if (added !== 'eventReferenceIds') out = withValue(out, 'eventName', material.someName);
        if (added !== 'eventName') out = withValue(out, 'eventReferenceIds', material.someReference);
        return out;
      },
    })),
});
