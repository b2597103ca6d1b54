/**
 * The largest `limit` and the code that refuses one above it: for each maximum an alternative
 * lists (smallest first), that limit must be accepted and one more refused. The refusal's code
 * is matched against the code knob's alternatives. A target that accepts a limit no alternative
 * names as the maximum, or refuses one below it, pins nothing.
 */
import type { Answer } from '../../check/check.js';
import type { DialectKnob } from '../../contract/knobs.js';
import {
  alternativeOf,
  codeOf,
  customerWith,
  errorAlternative,
  forEvery,
  matched,
  skipped,
  told,
  unmatched,
  type Observation,
  type Probe,
} from '../probe.js';

export const limitMaximum: Probe = async (ctx, knobs) => {
  const customer = customerWith(ctx.profile, 1);
  if (!customer) return forEvery(knobs, () => skipped('the profile lists no customer with events'));
  const maximumPointer = `${ctx.spec.parameter('limit').pointer}/schema/maximum`;
  const maximumKnob = knobs.find((k) => k.pointer === maximumPointer);
  const candidates = (maximumKnob?.alternatives ?? [])
    .map((a) => a.value)
    .filter((v): v is number => typeof v === 'number')
    .sort((a, b) => a - b);
  if (candidates.length === 0) candidates.push(ctx.spec.parameter('limit').schema['maximum'] as number);
  const ask = (limit: number): Promise<Answer> =>
    ctx.send([...customer.lookup, ['eventIds', customer.events[0]!.eventLogId], ['limit', String(limit)]]);
  const seen: Answer[] = [];
  let found: { maximum: number; refusal: Answer } | undefined;
  for (const maximum of candidates) {
    const [at, above] = await Promise.all([ask(maximum), ask(maximum + 1)]);
    seen.push(at, above);
    if (at.status !== 200) break;
    if (above.status !== 200) {
      found = { maximum, refusal: above };
      break;
    }
  }
  const story = seen.map((a, i) => `limit ${candidates[Math.floor(i / 2)]! + (i % 2)}: ${told(a)}`).join('; ');
  return new Map(
    knobs.map((knob): [string, Observation] => [knob.pointer, observe(knob, knob === maximumKnob, found, seen, story)]),
  );
};

function observe(
  knob: DialectKnob,
  isMaximum: boolean,
  found: { maximum: number; refusal: Answer } | undefined,
  seen: readonly Answer[],
  story: string,
): Observation {
  if (!found) return unmatched(seen, `${story}: no listed maximum is accepted with the next limit refused`);
  const alternative = isMaximum ? alternativeOf(knob, found.maximum) : errorAlternative(knob, found.refusal);
  if (alternative) return matched(alternative, [found.refusal], story);
  return unmatched(
    [found.refusal],
    `${story}: the refusal carries code ${codeOf(found.refusal) ?? 'none'}, which no alternative lists`,
  );
}
