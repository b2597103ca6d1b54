/**
 * What the main identity's org refuses: the parameters of `org-setting-disabled` rules whose
 * setting the profile says is off. Requests that must be answered 200 leave them off, so that
 * an org configured that way (11019 for the points breakup) is judged, not failed.
 */
import type { LoadedSpec } from '../contract/load.js';
import type { Profile } from './model.js';

export function refusedParameters(spec: LoadedSpec, profile: Pick<Profile, 'orgSettings'>): Set<string> {
  const refused = new Set<string>();
  for (const rule of spec.knobs.errors) {
    if (rule.trigger.kind === 'org-setting-disabled' && profile.orgSettings?.[rule.trigger.setting] === false)
      refused.add(rule.trigger.parameter);
  }
  return refused;
}
