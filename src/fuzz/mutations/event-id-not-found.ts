/**
 * `event-id-not-found` and `event-without-detail`: event ids this ledger cannot explode (the
 * profile's absent ones, ids of events without detail, the longest id the item pattern allows).
 */
import fc from 'fast-check';
import { firstValue, withValue } from '../../core/query.js';
import { asIdStyle } from './material.js';
import { defineMutation } from './mutation.js';

export const absentEventIds = defineMutation({
  name: 'event ids this ledger cannot explode',
  weight: 2,
  applies: ({ material }) => material.absentEventIds.length > 0,
  arbitrary: ({ material }) =>
    fc
      .subarray([...material.absentEventIds], { minLength: 1, maxLength: Math.min(3, material.absentEventIds.length) })
      .map((absent) => ({
        name: `event ids this ledger cannot explode: ${absent.join(',')}`,
        apply: (q) => {
          const kept = firstValue(q, 'eventIds');
          return withValue(asIdStyle(q), 'eventIds', [...(kept ? [kept] : []), ...absent].join(','));
        },
      })),
});
