/** `repeated`: a declared parameter sent twice. */
import fc from 'fast-check';
import { firstValue } from '../../core/query.js';
import { defineMutation, hasRule } from './mutation.js';

export const sentTwice = defineMutation({
  name: 'a declared parameter sent twice',
  weight: 2,
  applies: (ctx) => hasRule(ctx, 'repeated'),
  arbitrary: ({ spec }) =>
    fc
      .tuple(fc.constantFrom(...spec.parameters.map((p) => p.name)), fc.constantFrom('same', '1', 'true', 'x', ''))
      .map(([name, second]) => ({
        name: `${name} sent twice`,
        apply: (q) => {
          const first = firstValue(q, name);
          const again = second === 'same' ? (first ?? 'x') : second;
          return first === undefined ? [...q, [name, again], [name, again]] : [...q, [name, again]];
        },
      })),
});
