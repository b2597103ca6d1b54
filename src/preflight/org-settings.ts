/**
 * Org settings of the main identity that decide an error rule (`org-setting-disabled` triggers,
 * e.g. 11019 for the points breakup without source-value capturing). A setting the profile
 * does not declare is learned from one request that turns its parameter on: the rule's answer
 * says the setting is off, a 200 that it is on. Checks and the fuzzer then leave out what the
 * org refuses, instead of failing the target for its configuration.
 */
import type { QueryPair } from '../core/query.js';
import type { Probe } from './probe.js';

export interface LearnedSetting {
  readonly name: string;
  readonly on: boolean;
  readonly taughtBy: string;
}

/**
 * `request` is a request the target answers 200 (a known ledger and one of its events), or a
 * lookup that finds no one: the caller's org is decided before any lookup, so its rule wins.
 */
export async function learnOrgSettings(
  probe: Probe,
  declared: Readonly<Record<string, boolean>> | undefined,
  request: readonly QueryPair[],
): Promise<LearnedSetting[]> {
  const learned: LearnedSetting[] = [];
  for (const rule of probe.spec.knobs.errors) {
    const trigger = rule.trigger;
    if (
      trigger.kind !== 'org-setting-disabled' ||
      declared?.[trigger.setting] !== undefined ||
      learned.some((l) => l.name === trigger.setting)
    )
      continue;
    const answer = await probe.ask([...request, [trigger.parameter, 'true']]);
    const meaning = probe.meaning(answer);
    if (meaning.kind === 'rule' && meaning.rule === 'org-setting-disabled' && meaning.code === rule.code)
      learned.push({ name: trigger.setting, on: false, taughtBy: answer.asked });
    else if (answer.status !== 401 && answer.status !== 403 && (meaning.kind === 'events' || meaning.kind === 'rule'))
      learned.push({ name: trigger.setting, on: true, taughtBy: answer.asked });
  }
  return learned;
}
