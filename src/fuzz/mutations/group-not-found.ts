/** `group-not-found`: a group the profile says is absent. */
import fc from 'fast-check';
import { replaceLookup } from './material.js';
import { defineMutation } from './mutation.js';

export const absentGroup = defineMutation({
  name: 'a group not there',
  weight: 1,
  applies: ({ profile }) => profile.absent.groups.length > 0,
  arbitrary: ({ spec, profile }) =>
    fc.constantFrom(...profile.absent.groups).map((handle) => ({
      name: `group not there: ${handle.identifierName}=${handle.identifierValue}`,
      apply: (q) => replaceLookup(spec, q, handle, spec.knobs.userGroups.groupType),
    })),
});
