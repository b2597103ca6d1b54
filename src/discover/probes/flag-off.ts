/**
 * `whenOff` of a list-valued flag: events of the types the flag reveals its paths on, asked for
 * with the flag false. Nothing at those paths is `absent`; empty lists (and nothing else) are
 * `absent-or-empty`; a path that shows content with the flag off pins nothing.
 */
import type { Answer } from '../../check/check.js';
import type { DialectKnob } from '../../contract/knobs.js';
import { forEachContainer, holds } from '../../contract/reveal-paths.js';
import {
  alternativeOf,
  customerWithTypes,
  limitFor,
  matched,
  skipped,
  told,
  unmatched,
  type Observation,
  type Probe,
} from '../probe.js';

type Json = Record<string, unknown>;

export const flagOff: Probe = async (ctx, knobs) => {
  const entries = await Promise.all(
    knobs.map(async (knob): Promise<[string, Observation]> => [knob.pointer, await probeFlag(ctx, knob)]),
  );
  return new Map(entries);
};

async function probeFlag(ctx: Parameters<Probe>[0], knob: DialectKnob): Promise<Observation> {
  // The knob sits in the flag's x-ledger-flags entry: /…/x-ledger-flags/<flag>/whenOff.
  const tokens = knob.pointer.split('/');
  const flag = tokens[tokens.length - 2]!;
  const entry = ctx.spec.knobs.flags[flag];
  const types = new Set(entry?.reveals.flatMap((r) => r.eventNames) ?? []);
  const customer = customerWithTypes(ctx.profile, types);
  const events = customer?.events.filter((e) => types.has(e.eventName)).slice(0, 5) ?? [];
  if (!customer || !entry || events.length === 0)
    return skipped(`the profile lists no event of ${[...types].join(', ')} for ${flag}`);
  const answer = await ctx.send([
    ...customer.lookup,
    ['eventIds', events.map((e) => e.eventLogId).join(',')],
    [flag, 'false'],
    limitFor(ctx.spec, events.length),
  ]);
  const shown = shownPaths(answer, entry!.reveals);
  if (shown === undefined) return unmatched([answer], `${flag}=false: ${told(answer)}`);
  const reading = shown.content > 0 ? undefined : shown.empty > 0 ? 'absent-or-empty' : 'absent';
  const alternative = reading !== undefined ? alternativeOf(knob, reading) : undefined;
  const note = `${flag}=false on ${events.length} event(s): ${shown.content} path(s) with content, ${shown.empty} empty list(s)`;
  return alternative ? matched(alternative, [answer], note) : unmatched([answer], note);
}

/** How many revealed paths an answer shows with content, and how many as empty lists. */
function shownPaths(
  answer: Answer,
  reveals: readonly { path: string; eventNames: readonly string[] }[],
): { content: number; empty: number } | undefined {
  const events = (answer.json as { events?: unknown } | undefined)?.events;
  if (answer.status !== 200 || !Array.isArray(events)) return undefined;
  const count = { content: 0, empty: 0 };
  for (const event of events as Json[]) {
    for (const reveal of reveals) {
      if (!reveal.eventNames.includes(String(event['eventName']))) continue;
      forEachContainer(event, reveal.path, (container, key) => {
        if (!holds(container, key) || Array.isArray(container)) return;
        const value = (container as Json)[key];
        if (Array.isArray(value) && value.length === 0) count.empty += 1;
        else count.content += 1;
      });
    }
  }
  return count;
}
