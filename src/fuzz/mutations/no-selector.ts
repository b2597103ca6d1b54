/** `no-selector`: no selector at all, or half of the reference style. */
import fc from 'fast-check';
import { firstValue, without } from '../../core/query.js';
import { SELECTORS } from './material.js';
import { defineMutation, hasRule } from './mutation.js';

export const noOrHalfSelector = defineMutation({
  name: 'no selector, or half of one',
  weight: 1,
  applies: (ctx) => hasRule(ctx, 'no-selector'),
  arbitrary: ({ material }) =>
    fc.constantFrom('none', 'eventName', 'eventReferenceIds').map((kept) => ({
      name: kept === 'none' ? 'no selector' : `only ${kept} of the selectors`,
      apply: (q) => {
        const out = without(q, ...SELECTORS);
        if (kept === 'none') return out;
        const value = firstValue(q, kept) ?? (kept === 'eventName' ? material.someName : material.someReference);
        return [...out, [kept, value]];
      },
    })),
});
