/**
 * `invalid`: a value outside the parameter's schema (booleans in other spellings, integers of
 * the wrong type or past a bound, enum near-misses, malformed, empty or overlong list items, more
 * than `maxItems` items), for the parameters an `invalid` rule lists, and only values whose
 * claiming rule the property judges.
 */
import fc from 'fast-check';
import { withValue } from '../../core/query.js';
import type { ParameterModel } from '../../contract/parameters.js';
import { parseQuery, syntaxViolations } from '../../contract/rules.js';
import { firstPerParameter, judgedAt } from '../oracle.js';
import { invalidValueArb } from '../values.js';
import { asIdStyle, asReferenceStyle } from './material.js';
import { defineMutation, shown, type MutationContext } from './mutation.js';

interface InvalidValues {
  readonly parameter: string;
  readonly value: fc.Arbitrary<string>;
}

const byContext = new WeakMap<MutationContext, readonly InvalidValues[]>();

/** Per parameter an `invalid` rule judged here lists, the refused values whose claiming rule is judged (computed once per context). */
function invalidValues(ctx: MutationContext): readonly InvalidValues[] {
  let found = byContext.get(ctx);
  if (found === undefined) byContext.set(ctx, (found = findInvalidValues(ctx)));
  return found;
}

function findInvalidValues({ spec, profile, material, judged }: MutationContext): InvalidValues[] {
  // Whether the rule that claims this value of the parameter is one the property judges.
  const judgesValue = (p: ParameterModel, value: string): boolean => {
    if (judged === undefined) return true;
    const claim = firstPerParameter(syntaxViolations(spec, parseQuery(spec, [[p.name, value]]))).find(
      (m) => m.parameter === p.name,
    );
    return claim !== undefined && judgedAt(spec, claim.rule, judged);
  };
  const samples: Record<string, readonly string[]> = {
    eventIds: material.eventIds,
    eventReferenceIds: [...material.allReferences],
    [spec.knobs.alternateCurrencies.namesParameter]: profile.alternateCurrencyNames,
  };
  return spec.parameters.flatMap((p) => {
    const ruled = spec.knobs.errors.some(
      (r) =>
        r.trigger.kind === 'invalid' &&
        r.trigger.parameters.includes(p.name) &&
        (judged === undefined || judgedAt(spec, r, judged)),
    );
    const value = ruled ? invalidValueArb(spec, p, samples[p.name] ?? []) : undefined;
    // A filter that (almost) never passes would make fast-check spin: a parameter whose drawn
    // values the property never judges is left out.
    const judgedValues =
      value && someJudged(value, (v) => judgesValue(p, v)) ? value.filter((v) => judgesValue(p, v)) : undefined;
    return judgedValues ? [{ parameter: p.name, value: judgedValues }] : [];
  });
}

/** Values looked at before a parameter is found never judged. */
const JUDGED_SAMPLE = 50;

/**
 * Whether one of the first JUDGED_SAMPLE values drawn with seed 0 is judged. The first few are
 * looked at first: fast-check draws the same first values whatever the number of runs asked
 * for, and most parameters' first value is judged, so the fifty are seldom all drawn (each
 * draw runs the filter's schema checks: tens of milliseconds at the start of the fuzz checks).
 */
function someJudged(value: fc.Arbitrary<string>, judged: (v: string) => boolean): boolean {
  return (
    fc.sample(value, { seed: 0, numRuns: 5 }).some(judged) || fc.sample(value, { seed: 0, numRuns: JUDGED_SAMPLE }).some(judged)
  );
}

export const outsideSchema = defineMutation({
  name: 'a value outside the parameter schema',
  weight: 6,
  applies: (ctx) => invalidValues(ctx).length > 0,
  arbitrary: (ctx) =>
    fc.constantFrom(...invalidValues(ctx)).chain(({ parameter, value }) =>
      value.map((v) => ({
        name: `${parameter}=${shown(v)}`,
        apply: (q) => {
          // A selector value goes with its own style, so that its rule is the one reached.
          const styled =
            parameter === 'eventIds'
              ? asIdStyle(q)
              : parameter === 'eventName' || parameter === 'eventReferenceIds'
                ? asReferenceStyle(q, ctx.material)
                : [...q];
          return withValue(styled, parameter, v);
        },
      })),
    ),
});
