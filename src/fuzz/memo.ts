/**
 * One arbitrary per spec and profile. Building a request arbitrary reads the whole profile and
 * checks its values against the spec (hundreds of schema validations); arbitraries hold no
 * state, so every property of a run, and every run on the same spec and profile, can share it.
 */
import type { Profile } from '../profile/model.js';
import type { LoadedSpec } from '../contract/load.js';

export function memoizedBySpecAndProfile<T>(
  build: (spec: LoadedSpec, profile: Profile) => T,
): (spec: LoadedSpec, profile: Profile) => T {
  const bySpec = new WeakMap<LoadedSpec, WeakMap<Profile, T>>();
  return (spec, profile) => {
    let byProfile = bySpec.get(spec);
    if (byProfile === undefined) bySpec.set(spec, (byProfile = new WeakMap()));
    let built = byProfile.get(profile);
    if (built === undefined) byProfile.set(profile, (built = build(spec, profile)));
    return built;
  };
}
