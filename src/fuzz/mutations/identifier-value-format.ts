/** `identifier-value-format`: a value refused by `x-ledger-identifiers.valuePatterns`. */
import fc from 'fast-check';
import type { QueryPair } from '../../core/query.js';
import { withValue } from '../../core/query.js';
import { hostileStringArb } from '../strings.js';
import { defineMutation, hasRule } from './mutation.js';

export const valueOutsidePattern = defineMutation({
  name: 'an identifierValue its pattern refuses',
  weight: 1,
  applies: (ctx) => hasRule(ctx, 'identifier-value-format') && Object.keys(ctx.spec.knobs.identifiers.valuePatterns).length > 0,
  arbitrary: ({ spec }) =>
    fc.constantFrom(...Object.entries(spec.knobs.identifiers.valuePatterns)).chain(([name, pattern]) =>
      fc
        .oneof(fc.constantFrom('0', '007', '-5', '1.0', 'abc', '1e5', '12345678901234567890'), hostileStringArb())
        .filter((v) => v !== '' && !new RegExp(pattern, 'u').test(v))
        .map((v) => ({
          name: `identifierName ${name} with value ${JSON.stringify(v.slice(0, 40))}`,
          apply: (q: readonly QueryPair[]) => withValue(withValue(q, 'identifierName', name), 'identifierValue', v),
        })),
    ),
});
