/**
 * What a target owes a generated request, predicted from the spec alone: the rules of
 * `x-ledger-errors` the request breaks as `src/contract/rules.ts` reads it, or, when it breaks
 * none that the request alone decides, 200 or the answer of a rule that needs the target's
 * data (phase 1 and later of `TRIGGER_PHASE`).
 *
 * Which of several broken rules answers is the spec's order, a decision (D5) judged at SHOULD
 * by ERR-PRECEDENCE; so is whether a target checks the request before looking data up. The
 * properties judged at MUST therefore accept the answer of any rule the request breaks, or of a
 * rule that needs data.
 */
import type { Profile } from '../profile/model.js';
import type { Level } from '../core/report-model.js';
import type { ErrorAnswer, ErrorRule } from '../contract/knobs.js';
import { TRIGGER_PHASE } from '../contract/knobs.js';
import type { LoadedSpec } from '../contract/load.js';
import { isAnswerOf, parseQuery, ruleAnswer, syntaxViolations, valueOf, type RuleMatch } from '../contract/rules.js';

// Where a rule's answer is decided, for the fuzz suite's Received/Documented lines.
export { isAnswerOf, ruleAnswer };
import { receivedPairsOf, type FuzzRequest, type Leniency } from './request.js';

export type Expectation =
  /** The request breaks rules decided from the request alone: the first in spec order, and any of them at MUST. */
  | {
      readonly kind: 'rule';
      readonly match: RuleMatch;
      readonly broken: readonly RuleMatch[];
      readonly lookups: readonly ErrorRule[];
    }
  /** It breaks none: 200, or the status and code of a rule that needs data. */
  | { readonly kind: 'lookup'; readonly rules: readonly ErrorRule[] };

const RANK: Readonly<Record<Level, number>> = { MUST: 3, SHOULD: 2, MAY: 1 };

/** Whether the requirement a rule proves is judged at `level` or above. */
export function judgedAt(spec: LoadedSpec, rule: ErrorRule, level: Level): boolean {
  const requirement = spec.requirement(rule.requirement);
  return requirement !== undefined && RANK[requirement.level] >= RANK[level];
}

/**
 * The rules decided from the request alone that a request breaks, in spec order. A value is
 * claimed by the first rule that refuses it: a later, more general rule over the same parameter
 * (11001 after 11006 for a limit above its maximum) does not answer it.
 */
export function rulesBrokenBy(spec: LoadedSpec, request: FuzzRequest): RuleMatch[] {
  return firstPerParameter(syntaxViolations(spec, parseQuery(spec, receivedPairsOf(request))));
}

export function firstPerParameter(matches: readonly RuleMatch[]): RuleMatch[] {
  const claimed = new Set<string>();
  return matches.filter((m) => {
    if (m.parameter === undefined) return true;
    if (claimed.has(m.parameter)) return false;
    // A blank value does not claim its parameter: to a server that does not trim, it is a value.
    if (!m.blank) claimed.add(m.parameter);
    return true;
  });
}

/** The rules of `x-ledger-errors` decided from the target's data, in spec order. */
export function lookupRules(spec: LoadedSpec): ErrorRule[] {
  return spec.knobs.errors.filter((r) => TRIGGER_PHASE[r.trigger.kind] >= 1);
}

/** The answer the spec predicts for what the target parses from the request. */
export function expectationOf(spec: LoadedSpec, request: FuzzRequest): Expectation {
  const broken = rulesBrokenBy(spec, request);
  return broken.length > 0
    ? { kind: 'rule', match: broken[0]!, broken, lookups: lookupRules(spec) }
    : { kind: 'lookup', rules: lookupRules(spec) };
}

/**
 * Error answers a dialect knob gives a request that breaks no rule: a page past the end (when
 * `pastTheEnd` is an error and the request asks for a page after the first), and currency
 * names the org does not define (when `unknownName` is an error).
 */
export function dialectAnswersOf(spec: LoadedSpec, profile: Profile, request: FuzzRequest): ErrorAnswer[] {
  const parsed = parseQuery(spec, receivedPairsOf(request));
  const answers: ErrorAnswer[] = [];
  const { pastTheEnd } = spec.knobs.pagination;
  if (pastTheEnd !== 'empty-page' && valueOf(spec, parsed, 'offset') !== spec.parameter('offset').defaultValue)
    answers.push(pastTheEnd);
  const ac = spec.knobs.alternateCurrencies;
  const names = valueOf(spec, parsed, ac.namesParameter) as string[] | undefined;
  const overridden = valueOf(spec, parsed, ac.includeParameter) === true && ac.includeOverridesNames;
  if (ac.unknownName !== 'warning' && names && !overridden && names.some((n) => !profile.alternateCurrencyNames.includes(n)))
    answers.push(ac.unknownName);
  return answers;
}

/** The leniency a rule answer falls under, if the request relies on one that allows it. */
export function toleratedBy(request: FuzzRequest, status: number, code: number | undefined): Leniency | undefined {
  return request.leniencies?.find((l) => l.rules.some((rule) => isAnswerOf(rule, status, code)));
}

/**
 * The latitude the spec grants through the knob or declaration at `pointer`, when the
 * requirement that governs it is below MUST. A request that uses it carries a `Leniency`, so
 * that a target that does not grant it fails that requirement alone, not the fuzz properties.
 */
export function latitudeAt(spec: LoadedSpec, pointer: string, rules: readonly ErrorRule[]): Leniency | undefined {
  const requirement = spec.requirements.find((r) => r.governs.includes(pointer));
  if (!requirement || requirement.level === 'MUST' || rules.length === 0) return undefined;
  return { requirement: requirement.id, level: requirement.level, rules };
}
