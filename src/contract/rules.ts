/**
 * The request rules of `x-ledger-errors` that can be decided from the request alone. Both
 * the reference implementation (to answer) and the fuzzer (to predict the answer) use this
 * one interpreter, so the rules exist once: as data in the spec.
 */
import type { QueryPair } from '../core/query.js';
import { isBlank } from '../core/server-trim.js';
import { sentAsAbsent } from './empty-as-absent.js';
import type { ErrorRule } from './knobs.js';
import { SYNTAX_TRIGGER_KINDS } from './knobs.js';
import type { LoadedSpec } from './load.js';
import type { ParameterCheck } from './parameters.js';

/** A query, read against the declared parameters. */
export interface ParsedQuery {
  /** Every raw value by parameter name, in order of appearance (repeats kept). */
  readonly raw: ReadonlyMap<string, readonly string[]>;
  /** Declared parameters that are present: their first value, read against the schema. */
  readonly checks: ReadonlyMap<string, ParameterCheck>;
  /** Names the spec does not declare, in order of appearance. */
  readonly unknown: readonly string[];
}

/** A rule the request breaks, with what to fill its message with. */
export interface RuleMatch {
  readonly rule: ErrorRule;
  /** The parameter that broke it, when one did. */
  readonly parameter?: string;
  /** The offending raw value, when there is one. */
  readonly value?: string;
  /**
   * A required value that is blank but not empty: missing to a server that trims it, a value to
   * one that does not. It does not claim its parameter (see fuzz/oracle.ts firstPerParameter): a
   * rule that refuses the value as sent may answer too.
   */
  readonly blank?: boolean;
}

export function parseQuery(spec: LoadedSpec, pairs: readonly QueryPair[]): ParsedQuery {
  const raw = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const [name, value] of pairs) {
    const parameter = spec.parameters.find((p) => p.name === name);
    if (parameter && sentAsAbsent(spec, parameter, value)) continue;
    const values = raw.get(name);
    if (values) values.push(value);
    else raw.set(name, [value]);
  }
  const checks = new Map<string, ParameterCheck>();
  for (const [name, values] of raw) {
    const parameter = spec.parameters.find((p) => p.name === name);
    if (parameter) checks.set(name, parameter.check(values[0]!));
    else unknown.push(name);
  }
  return { raw, checks, unknown };
}

/**
 * The typed value of a parameter: what the request says when it is valid, else the schema's
 * default (undefined when there is none).
 */
export function valueOf(spec: LoadedSpec, parsed: ParsedQuery, name: string): unknown {
  const check = parsed.checks.get(name);
  return check?.valid ? check.value : spec.parameter(name).defaultValue;
}

/** Whether the parameter appears in the query at all (even with an empty value). */
export function isPresent(parsed: ParsedQuery, name: string): boolean {
  return parsed.raw.has(name);
}

/** Every rule the request breaks that needs no data, in the spec's order. */
export function syntaxViolations(spec: LoadedSpec, parsed: ParsedQuery): RuleMatch[] {
  const matches: RuleMatch[] = [];
  for (const rule of spec.knobs.errors) {
    if (!SYNTAX_TRIGGER_KINDS.has(rule.trigger.kind)) continue;
    const match = matchSyntaxRule(spec, parsed, rule);
    if (match) matches.push(match);
  }
  return matches;
}

/**
 * The first rule the request breaks, if it is a rule decided from the request alone; undefined
 * when the request keeps every such rule that comes before the first lookup rule.
 */
export function firstSyntaxViolation(spec: LoadedSpec, parsed: ParsedQuery): RuleMatch | undefined {
  for (const rule of spec.knobs.errors) {
    if (!SYNTAX_TRIGGER_KINDS.has(rule.trigger.kind)) return undefined;
    const match = matchSyntaxRule(spec, parsed, rule);
    if (match) return match;
  }
  return undefined;
}

function matchSyntaxRule(spec: LoadedSpec, parsed: ParsedQuery, rule: ErrorRule): RuleMatch | undefined {
  const trigger = rule.trigger;
  const first = (name: string): string | undefined => parsed.raw.get(name)?.[0];
  switch (trigger.kind) {
    case 'missing': {
      // Blank counts as empty: a service that trims (Java's isBlank, Python's strip) finds nothing
      // there, one that does not looks the blank value up and finds no data; the oracle accepts both.
      const name = trigger.parameters.find((n) => isBlank(first(n) ?? ''));
      if (name === undefined) return undefined;
      const value = first(name) ?? '';
      return { rule, parameter: name, value, ...(value !== '' ? { blank: true } : {}) };
    }
    case 'repeated': {
      const name = [...parsed.raw].find(([n, values]) => values.length > 1 && parsed.checks.has(n))?.[0];
      return name === undefined ? undefined : { rule, parameter: name };
    }
    case 'invalid': {
      for (const name of trigger.parameters) {
        const check = parsed.checks.get(name);
        if (!check || check.valid) continue;
        if (trigger.keywords && !check.failedKeywords.some((k) => trigger.keywords!.includes(k))) continue;
        return { rule, parameter: name, value: first(name)! };
      }
      return undefined;
    }
    case 'identifier-not-for-type': {
      const type = valueOf(spec, parsed, 'type') as string;
      const name = parsed.checks.get('identifierName');
      const allowed = spec.knobs.identifiers.byType[type];
      if (!name?.valid || !allowed || allowed.includes(name.value as string)) return undefined;
      return { rule, parameter: 'identifierName', value: first('identifierName')! };
    }
    case 'identifier-value-format': {
      const name = parsed.checks.get('identifierName');
      const pattern = name?.valid ? spec.knobs.identifiers.valuePatterns[name.value as string] : undefined;
      const value = first('identifierValue');
      if (pattern === undefined || value === undefined || new RegExp(pattern, 'u').test(value)) return undefined;
      return { rule, parameter: 'identifierValue', value };
    }
    case 'both-selectors':
      return isPresent(parsed, 'eventIds') && (isPresent(parsed, 'eventName') || isPresent(parsed, 'eventReferenceIds'))
        ? { rule }
        : undefined;
    case 'no-selector':
      return !isPresent(parsed, 'eventIds') && !(isPresent(parsed, 'eventName') && isPresent(parsed, 'eventReferenceIds'))
        ? { rule }
        : undefined;
    default:
      return undefined;
  }
}

/** Whether a status and error code are a rule's answer: its status, and its code or another code it accepts. */
export function isAnswerOf(rule: ErrorRule, status: number, code: unknown): boolean {
  return status === rule.status && (code === rule.code || (rule.acceptedCodes ?? []).includes(code as number));
}

/** `status, error code` of a rule for Documented lines, with the other codes it accepts. */
export function ruleAnswer(rule: ErrorRule): string {
  const others = (rule.acceptedCodes ?? []).filter((c) => c !== rule.code);
  return `${rule.status}, error ${rule.code}${others.length > 0 ? ` (or ${others.join(', ')})` : ''}`;
}

/** Fills a rule's message template. Unknown placeholders are left as they are. */
export function renderMessage(template: string, vars: Readonly<Record<string, string | number | undefined>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => (vars[key] === undefined ? whole : String(vars[key])));
}
