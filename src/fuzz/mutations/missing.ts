/** `missing`: a parameter a `missing` rule names, left out or sent empty. */
import fc from 'fast-check';
import { without, withValue } from '../../core/query.js';
import type { LoadedSpec } from '../../contract/load.js';
import { defineMutation } from './mutation.js';

const missingParameters = (spec: LoadedSpec): string[] => [
  ...new Set(spec.knobs.errors.flatMap((r) => (r.trigger.kind === 'missing' ? r.trigger.parameters : []))),
];

export const leftOut = defineMutation({
  name: 'a parameter of a missing rule left out or empty',
  weight: 2,
  applies: ({ spec }) => missingParameters(spec).length > 0,
  arbitrary: ({ spec }) =>
    fc.tuple(fc.constantFrom(...missingParameters(spec)), fc.boolean()).map(([name, empty]) => ({
      name: empty ? `${name} empty` : `${name} left out`,
      apply: (q) => (empty ? withValue(q, name, '') : without(q, name)),
    })),
});
