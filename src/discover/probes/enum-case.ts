/**
 * The letter case of an enum parameter (`x-ledger-case-insensitive` of `source`, `type`,
 * `eventName`): a valid request, and the same with that parameter's value in another letter
 * case. The same answer is `true`; the parameter's own rule refusing it is `false`; anything
 * else (a lookup that fails, another code) pins nothing.
 */
import type { Answer } from '../../check/check.js';
import type { QueryPair } from '../../core/query.js';
import type { DialectKnob } from '../../contract/knobs.js';
import { resolvePointer } from '../../core/pointer.js';
import {
  alternativeOf,
  codeOf,
  customerWith,
  limitFor,
  matched,
  sameAnswer,
  skipped,
  told,
  unmatched,
  type Observation,
  type Probe,
  type ProbeContext,
} from '../probe.js';

export const enumCase: Probe = async (ctx, knobs) =>
  new Map(
    await Promise.all(knobs.map(async (knob): Promise<[string, Observation]> => [knob.pointer, await probeCase(ctx, knob)])),
  );

async function probeCase(ctx: ProbeContext, knob: DialectKnob): Promise<Observation> {
  const declared = resolvePointer(ctx.spec.document, knob.pointer.slice(0, knob.pointer.lastIndexOf('/'))) as
    { name?: string } | undefined;
  const name = declared?.name;
  if (!name) return skipped(`${knob.pointer} is not on a parameter`);
  const base = baseRequest(ctx, name);
  if (!base) return skipped(`the profile has no request that sends ${name}`);
  const value = base.find(([n]) => n === name)![1];
  const flipped = value === value.toLowerCase() ? value.toUpperCase() : value.toLowerCase();
  if (flipped === value) return skipped(`${name}=${value} has no other letter case`);
  const withValue = (v: string): QueryPair[] => base.map(([n, x]): QueryPair => [n, n === name ? v : x]);
  const [original, recased, misspelt] = await Promise.all([
    ctx.send(base),
    ctx.send(withValue(flipped)),
    ctx.send(withValue(`${value}X`)),
  ]);
  const rule = ctx.spec.knobs.errors.find((r) => r.trigger.kind === 'invalid' && r.trigger.parameters.includes(name));
  const note = `${name}=${flipped}: ${told(recased)} (${name}=${value}: ${told(original)}; ${name}=${value}X: ${told(misspelt)})`;
  // Another case only means something when a misspelt value is refused: a target that accepts
  // anything there does not read letter case leniently, it does not check the value at all.
  const checked = refusedBy(misspelt, rule);
  const reading = !checked
    ? undefined
    : original.status === 200 && sameAnswer(original, recased)
      ? true
      : refusedBy(recased, rule)
        ? false
        : undefined;
  const alternative = reading !== undefined ? alternativeOf(knob, reading) : undefined;
  return alternative ? matched(alternative, [recased], note) : unmatched([recased], note);
}

const refusedBy = (answer: Answer, rule: { status: number; code: number } | undefined): boolean =>
  rule !== undefined && answer.status === rule.status && codeOf(answer) === rule.code;

/** A request of the profile that carries the parameter: a customer by event id, or by event name and reference id. */
function baseRequest(ctx: ProbeContext, name: string): QueryPair[] | undefined {
  const customer = customerWith(ctx.profile, 1);
  if (!customer) return undefined;
  const byId: QueryPair[] = [...customer.lookup, ['eventIds', customer.events[0]!.eventLogId], limitFor(ctx.spec, 1)];
  if (name === 'eventName') {
    const referenced = ctx.profile.customers.flatMap((c) =>
      c.events.filter((e) => e.eventReferenceId !== undefined).map((e) => ({ c, e })),
    )[0];
    if (!referenced) return undefined;
    const lookup = referenced.c.lookups[0]!;
    return [
      ['identifierName', lookup.identifierName],
      ['identifierValue', lookup.identifierValue],
      ['source', lookup.source],
      ...(lookup.accountId ? ([['accountId', lookup.accountId]] as QueryPair[]) : []),
      ['eventName', referenced.e.eventName],
      ['eventReferenceIds', referenced.e.eventReferenceId!],
      limitFor(ctx.spec, 10),
    ];
  }
  if (byId.some(([n]) => n === name)) return byId;
  // A parameter the request does not carry yet (type): its default, sent explicitly.
  const fallback = ctx.spec.parameter(name).defaultValue;
  return typeof fallback === 'string' ? [...byId, [name, fallback]] : undefined;
}
