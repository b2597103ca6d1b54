/**
 * The alternate currencies a customer earns, read off one answer that asks for every currency
 * (the include parameter, with the flags the blocks need) on its events that carry blocks:
 * the names the blocks list, or none when they list none. A customer without such an event, or
 * whose answer is not a 200, stays unknown, so no check takes it for one without currencies.
 */
import type { QueryPair } from '../core/query.js';
import type { EventHandle } from '../profile/model.js';
import { valuesAt } from '../contract/reveal-paths.js';
import { largestPage } from './owners.js';
import type { Probe } from './probe.js';

export interface LearnedCurrencies {
  readonly names: readonly string[];
  readonly taughtBy: string;
}

export async function learnCurrencies(
  probe: Probe,
  ledger: readonly QueryPair[],
  events: readonly EventHandle[],
  orgSettings: Readonly<Record<string, boolean>>,
): Promise<LearnedCurrencies | undefined> {
  const knob = probe.spec.knobs.alternateCurrencies;
  const refused = new Set(
    probe.spec.knobs.errors.flatMap((r) =>
      r.trigger.kind === 'org-setting-disabled' && orgSettings[r.trigger.setting] === false ? [r.trigger.parameter] : [],
    ),
  );
  // Blocks whose flags the org refuses cannot show; the others still tell the names.
  const blocks = knob.blocks.filter((b) => !(b.requires ?? []).some((f) => refused.has(f)));
  const carrying = new Set(blocks.flatMap((b) => b.eventNames));
  const page = largestPage(probe);
  const chosen = events.filter((e) => carrying.has(e.eventName)).slice(0, page.size);
  if (chosen.length === 0) return undefined;
  const flags = [...new Set(blocks.flatMap((b) => b.requires ?? []))];
  const answer = await probe.ask([
    ...ledger,
    ['eventIds', chosen.map((e) => e.eventLogId).join(',')],
    ...page.pair,
    ...flags.map((f): QueryPair => [f, 'true']),
    [knob.includeParameter, 'true'],
  ]);
  const meaning = probe.meaning(answer);
  if (meaning.kind !== 'events') return undefined;
  const names = new Set<string>();
  for (const event of meaning.events) {
    for (const block of blocks.filter((b) => b.eventNames.includes(String(event['eventName'])))) {
      for (const value of valuesAt(event, block.path)) {
        for (const entry of Array.isArray(value) ? value : [value]) {
          const name = (entry as Record<string, unknown> | null)?.[knob.nameField];
          if (typeof name === 'string') names.add(name);
        }
      }
    }
  }
  return { names: [...names].sort(), taughtBy: answer.asked };
}
