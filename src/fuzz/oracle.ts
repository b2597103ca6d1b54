/**
 * What a target owes a generated request, predicted from the spec alone: the first rule of
 * `x-ledger-errors` the request breaks as `src/spec/rules.ts` reads it, or, when it breaks
 * none that the request alone decides, 200 or the answer of a rule that needs the target's
 * data (phase 1 and later of `TRIGGER_PHASE`).
 */
import type { ErrorRule } from '../spec/knobs.js';
import { TRIGGER_PHASE } from '../spec/knobs.js';
import type { LoadedSpec } from '../spec/load.js';
import { firstSyntaxViolation, parseQuery, type RuleMatch } from '../spec/rules.js';
import { receivedPairsOf, type FuzzRequest, type Leniency } from './request.js';

export type Expectation =
  /** The request breaks a rule decided from the request alone: its status and code. */
  | { readonly kind: 'rule'; readonly match: RuleMatch }
  /** It breaks none: 200, or the status and code of a rule that needs data. */
  | { readonly kind: 'lookup'; readonly rules: readonly ErrorRule[] };

/** The rules of `x-ledger-errors` decided from the target's data, in spec order. */
export function lookupRules(spec: LoadedSpec): ErrorRule[] {
  return spec.knobs.errors.filter((r) => TRIGGER_PHASE[r.trigger.kind] >= 1);
}

/** The answer the spec predicts for what the target parses from the request. */
export function expectationOf(spec: LoadedSpec, request: FuzzRequest): Expectation {
  const match = firstSyntaxViolation(spec, parseQuery(spec, receivedPairsOf(request)));
  return match ? { kind: 'rule', match } : { kind: 'lookup', rules: lookupRules(spec) };
}

/** Whether a status and error code are a rule's answer. */
export function isAnswerOf(rule: ErrorRule, status: number, code: number | undefined): boolean {
  return status === rule.status && code === rule.code;
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

/** `status, error code` of a rule, for Documented lines. */
export function ruleAnswer(rule: ErrorRule): string {
  return `${rule.status}, error ${rule.code}`;
}
