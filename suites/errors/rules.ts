/**
 * ERR-* (one requirement per error code): every rule of x-ledger-errors, triggered on purpose
 * by its documented trigger, is answered with its HTTP status and its code in errors[0].code.
 * A family generated from the spec: one check per rule (`errors/<code>-<trigger kind>`), its
 * requests built by the trigger builder of the rule's kind. Whether the envelope itself is
 * valid is the schema observer's finding (RESP-BODY).
 */
import { isAnswerOf, ruleAnswer } from '../../src/contract/rules.js';
import { defineCheck, type CheckContext, type CheckDefinition } from '../../src/check/check.js';
import { createRandom } from '../../src/core/random.js';
import type { ErrorRule, LookupTrigger, SyntaxTrigger } from '../../src/contract/knobs.js';
import { SYNTAX_TRIGGER_KINDS } from '../../src/contract/knobs.js';
import type { LoadedSpec } from '../../src/contract/load.js';
import { describe, errorCodeOf } from '../support.js';
import { assertBreaks, assertWellFormed, baselines, listOf, type Baselines, type Variant } from './helpers.js';
import { LOOKUP_BUILDERS, type LookupBuilder } from './lookup-triggers.js';
import { SYNTAX_BUILDERS, type SyntaxBuilder } from './syntax-triggers.js';

/** What breaks the rule, in words (the check's title). */
function triggerText(rule: ErrorRule): string {
  const t = rule.trigger;
  switch (t.kind) {
    case 'missing':
      return `A request without ${listOf(t.parameters)}, or with one of them empty,`;
    case 'repeated':
      return 'A query parameter sent more than once';
    case 'invalid':
      return t.keywords
        ? `A ${listOf(t.parameters)} beyond its ${t.keywords.join(' and ')}`
        : `A value of ${listOf(t.parameters)} that its schema refuses`;
    case 'identifier-not-for-type':
      return 'An identifierName that the request’s type does not resolve';
    case 'identifier-value-format':
      return 'An identifierValue that breaks the value pattern of its identifierName';
    case 'both-selectors':
      return 'eventIds together with eventName or eventReferenceIds';
    case 'no-selector':
      return 'A request with neither eventIds nor eventName with eventReferenceIds';
    case 'customer-not-found':
      return 'A customer identifier that matches no customer in its source and account';
    case 'group-not-found':
      return 'A group identifier that matches no user group';
    case 'org-setting-disabled':
      return `${t.parameter}=true from an org with ${t.setting} off`;
    case 'event-id-not-found':
      return 'An event id that is not in the ledger being exploded';
    case 'event-without-detail':
      return 'An event id of a ledger event without explode detail';
    case 'event-reference-not-found':
      return 'A reference id that matches no event of eventName in the ledger';
  }
}

/** The requests that break `rule`, each proven to break it (else the check is misbuilt and throws). */
export function triggersOf(ctx: CheckContext, rule: ErrorRule, base: Baselines): Variant[] {
  const random = createRandom(ctx.seed + rule.index);
  if (!SYNTAX_TRIGGER_KINDS.has(rule.trigger.kind)) {
    const build = LOOKUP_BUILDERS[rule.trigger.kind as LookupTrigger['kind']] as LookupBuilder<LookupTrigger['kind']>;
    const variants = build(ctx, rule, rule.trigger as never, base, random);
    for (const v of variants) assertWellFormed(ctx, v);
    return variants;
  }
  const build = SYNTAX_BUILDERS[rule.trigger.kind as SyntaxTrigger['kind']] as SyntaxBuilder<SyntaxTrigger['kind']>;
  const variants = build(ctx, rule, rule.trigger as never, base, random);
  for (const v of variants) assertBreaks(ctx, rule, v);
  return variants;
}

function checkOf(rule: ErrorRule, id: string): CheckDefinition {
  return defineCheck({
    id,
    requirement: rule.requirement,
    title: `${triggerText(rule)} is answered ${rule.status} with error ${rule.code}`,
    async run(ctx) {
      const current = ctx.spec.knobs.errors[rule.index];
      if (current?.code !== rule.code || current.trigger.kind !== rule.trigger.kind) {
        throw new Error(
          `the run's spec has no rule ${rule.code} (${rule.trigger.kind}) at ${rule.pointer}: the checks were generated from another spec`,
        );
      }
      const variants = triggersOf(ctx, current, baselines(ctx));
      const answers = await Promise.all(variants.map((v) => ctx.send(v.query, v.identity ? { identity: v.identity } : {})));
      answers.forEach((answer, i) => {
        // Each trigger is answered with the rule's HTTP status and the rule's code in errors[0].code.
        if (!isAnswerOf(current, answer.status, errorCodeOf(answer))) {
          ctx.softFail(`${variants[i]!.what}: not answered with error ${current.code}`, {
            received: describe(answer),
            documented: `${ruleAnswer(current)} (${current.pointer})`,
            answer,
          });
        }
      });
    },
  });
}

/** One id per rule; a second rule with the same code and kind gets its position appended. */
function idsOf(rules: readonly ErrorRule[]): string[] {
  const seen = new Set<string>();
  return rules.map((rule) => {
    const slug = `errors/${rule.code}-${rule.trigger.kind}`;
    const id = seen.has(slug) ? `${slug}-${rule.index}` : slug;
    seen.add(id);
    return id;
  });
}

/** The family: the check of each rule of the spec's x-ledger-errors, in the spec's order. */
export function errorRuleChecks(spec: LoadedSpec): CheckDefinition[] {
  const rules = spec.knobs.errors;
  const ids = idsOf(rules);
  return rules.map((rule, i) => checkOf(rule, ids[i]!));
}
