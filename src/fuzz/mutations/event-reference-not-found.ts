/** `event-reference-not-found`: reference ids no event has (up to `maxItems`), and reference ids under another event name. */
import fc from 'fast-check';
import { firstValue, withValue } from '../../core/query.js';
import type { LoadedSpec } from '../../contract/load.js';
import { asReferenceStyle } from './material.js';
import { defineMutation } from './mutation.js';

export const absentReferences = defineMutation({
  name: 'reference ids no event has',
  weight: 3,
  applies: ({ material }) => material.absentReferences.length > 0,
  arbitrary: ({ spec, material }) => {
    const maxItems = (spec.parameter('eventReferenceIds').schema['maxItems'] as number | undefined) ?? 10;
    return fc.array(fc.constantFrom(...material.absentReferences), { minLength: 1, maxLength: maxItems }).map((absent) => ({
      name: `reference ids no event has: ${absent.length}`,
      apply: (q) => {
        const styled = asReferenceStyle(q, material);
        const kept = (firstValue(styled, 'eventReferenceIds') ?? '').split(',').filter((r) => r !== '');
        return withValue(styled, 'eventReferenceIds', [...kept, ...absent].slice(-maxItems).join(','));
      },
    }));
  },
});

/** The event names the eventName parameter accepts. */
const acceptedNames = (spec: LoadedSpec): string[] => spec.eventNames.filter((n) => spec.parameter('eventName').check(n).valid);

export const referencesUnderAnotherName = defineMutation({
  name: 'reference ids under another event name',
  weight: 1,
  applies: ({ spec, material }) => material.referencesByName.size > 0 && acceptedNames(spec).length > 1,
  arbitrary: ({ spec, material }) => {
    const names = acceptedNames(spec);
    return fc.nat().map((pick) => ({
      name: 'reference ids under another event name',
      apply: (q) => {
        const styled = asReferenceStyle(q, material);
        const refs = (firstValue(styled, 'eventReferenceIds') ?? '').split(',');
        const others = names.filter(
          (n) => n !== firstValue(styled, 'eventName') && !refs.some((r) => material.referencesByName.get(n)?.includes(r)),
        );
        return others.length === 0 ? styled : withValue(styled, 'eventName', others[pick % others.length]!);
      },
    }));
  },
});
