/**
 * ERR-PRECEDENCE: a request that breaks several rules of x-ledger-errors is answered with the
 * first of them in the spec's order (decision D5, judged at SHOULD: no source says in which
 * order a target checks). The phases the order encodes are what a target can tell apart: a
 * rule decided from the request alone comes before any lookup.
 *
 * For each rule decided from the request alone, one of its triggers is sent for a customer the
 * target does not hold (the profile's absent customers), so that the request breaks that rule
 * and names absent data: the answer is the rule's, not "customer not found".
 */
import { defineCheck, type CheckContext } from '../../src/check/check.js';
import { SYNTAX_TRIGGER_KINDS } from '../../src/contract/knobs.js';
import { describe, errorCodeOf } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import { baselines, firstRuleBroken, withLookup, type Variant } from './helpers.js';
import { triggersOf } from './rules.js';

export default defineCheck({
  id: 'errors/precedence',
  requirement: 'ERR-PRECEDENCE',
  title: 'A rule decided from the request alone answers before a lookup does',
  async run(ctx) {
    const base = baselines(ctx);
    const absent = ctx.profile.absent.customers.map(lookupPairs);
    if (absent.length === 0) ctx.skip('the profile names no absent customer (absent.customers) to combine with a broken rule');
    const cases = ctx.spec.knobs.errors
      .filter((rule) => SYNTAX_TRIGGER_KINDS.has(rule.trigger.kind))
      .flatMap((rule) => {
        const variant = forAbsentCustomer(ctx, triggersOfOrNone(ctx, rule, base), base.customer.lookup, absent, rule.index);
        return variant ? [{ rule, variant }] : [];
      });
    if (cases.length === 0) ctx.skip('no trigger of a rule decided from the request alone can be sent for an absent customer');
    const answers = await Promise.all(cases.map(({ variant }) => ctx.send(variant.query)));
    answers.forEach((answer, i) => {
      const { rule, variant } = cases[i]!;
      // The rule decided from the request alone answers, not the lookup that would fail after it.
      if (answer.status !== rule.status || errorCodeOf(answer) !== rule.code) {
        ctx.softFail(`${variant.what}: not answered with error ${rule.code}, the first rule it breaks`, {
          received: describe(answer),
          documented: `${rule.status}, error ${rule.code} (${rule.pointer}): rules decided from the request come before lookups (x-ledger-errors order, D5)`,
          answer,
        });
      }
    });
  },
});

/** A rule's triggers, or none when the profile cannot build them (that rule's own check says why). */
function triggersOfOrNone(
  ctx: CheckContext,
  rule: Parameters<typeof triggersOf>[1],
  base: Parameters<typeof triggersOf>[2],
): Variant[] {
  try {
    return triggersOf(ctx, rule, base);
  } catch {
    return [];
  }
}

/** The first trigger that still breaks the rule first once its customer is swapped for an absent one. */
function forAbsentCustomer(
  ctx: CheckContext,
  variants: readonly Variant[],
  from: Variant['query'],
  absent: readonly Variant['query'][],
  index: number,
): Variant | undefined {
  for (const to of absent) {
    for (const v of variants) {
      const query = withLookup(v.query, from, to);
      if (query && firstRuleBroken(ctx, query)?.index === index) return { what: `${v.what}, for an unknown customer`, query };
    }
  }
  return undefined;
}
