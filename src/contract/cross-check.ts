/**
 * The cross-check step: consistency rules between the knobs, the parameters, the schemas and
 * the requirement catalog, each rule a function of its own. The first broken rule fails the
 * spec, at the JSON pointer of the knob that breaks it.
 */
import type { Knobs, Requirement } from './knobs.js';
import { TRIGGER_PHASE } from './knobs.js';
import type { JsonSchema, ParameterModel } from './parameters.js';
import type { Fail } from '../core/pointer.js';

export interface CrossCheckInput {
  readonly knobs: Omit<Knobs, 'dialects'>;
  readonly parameterByName: ReadonlyMap<string, ParameterModel>;
  readonly requirementById: ReadonlyMap<string, Requirement>;
  readonly eventNames: readonly string[];
  readonly componentSchemas: Record<string, JsonSchema>;
  readonly operationPointer: string;
  readonly fail: Fail;
}

/** What the rules share: the input, and lookups that fail when a knob names what is not there. */
interface Lookups extends CrossCheckInput {
  needRequirement(id: string, pointer: string): void;
  needParameter(name: string, pointer: string, kind?: ParameterModel['kind']): ParameterModel;
  enumOf(name: string): readonly unknown[];
}

/** The parameters the suite addresses by name. */
const NAMED_PARAMETERS = [
  'identifierName',
  'identifierValue',
  'source',
  'type',
  'eventIds',
  'eventName',
  'eventReferenceIds',
  'offset',
  'limit',
];

/** Consistency rules between knobs, parameters, schemas and the catalog. */
export function crossCheck(input: CrossCheckInput): void {
  const ctx = lookupsOf(input);
  const covered = checkErrorRules(ctx);
  checkInvalidCoverage(ctx, covered);
  checkWarningRules(ctx);
  checkFlagsAndCurrencies(ctx);
  checkIdentifiers(ctx);
  checkEventsAndNamedParameters(ctx);
}

function lookupsOf(input: CrossCheckInput): Lookups {
  const { parameterByName, requirementById, fail } = input;
  return {
    ...input,
    needRequirement(id, pointer) {
      if (!requirementById.has(id)) fail(pointer, `names requirement ${id}, which x-conformance lacks`);
    },
    needParameter(name, pointer, kind) {
      const p = parameterByName.get(name);
      if (!p) return fail(pointer, `names parameter ${name}, which the operation does not declare`);
      if (kind && p.kind !== kind) fail(pointer, `parameter ${name} must be of type ${kind}`);
      return p;
    },
    enumOf: (name) => parameterByName.get(name)?.enumValues ?? [],
  };
}

/** Error rules name known requirements and parameters, in the order a target learns what it needs; returns the parameters `invalid` rules cover. */
function checkErrorRules({ knobs, fail, needRequirement, needParameter }: Lookups): Set<string> {
  let phase = 0;
  const covered = new Set<string>();
  knobs.errors.forEach((rule) => {
    needRequirement(rule.requirement, rule.pointer + '/requirement');
    const p = TRIGGER_PHASE[rule.trigger.kind];
    if (p < phase)
      fail(
        rule.pointer + '/trigger',
        `a ${rule.trigger.kind} rule cannot follow rules that need lookups: order the rules by what a target must know first`,
      );
    phase = p;
    const t = rule.trigger;
    if (t.kind === 'missing') t.parameters.forEach((n, i) => needParameter(n, `${rule.pointer}/trigger/parameters/${i}`));
    if (t.kind === 'invalid')
      t.parameters.forEach((n, i) => {
        needParameter(n, `${rule.pointer}/trigger/parameters/${i}`);
        covered.add(n);
      });
    if (t.kind === 'org-setting-disabled') needParameter(t.parameter, rule.pointer + '/trigger/parameter', 'boolean');
  });
  return covered;
}

/** Every value a parameter's schema can refuse needs a documented answer. */
function checkInvalidCoverage({ parameterByName, fail }: Lookups, covered: ReadonlySet<string>): void {
  for (const p of parameterByName.values()) {
    const constrained =
      p.kind !== 'string' ||
      Object.keys(p.schema).some((k) => ['enum', 'pattern', 'minLength', 'maxLength', 'const', 'format'].includes(k));
    if (
      constrained &&
      !covered.has(p.name) &&
      !(p.kind === 'string' && p.required && Object.keys(p.schema).every((k) => ['type', 'minLength'].includes(k)))
    ) {
      fail(p.pointer, `the schema can refuse a value of ${p.name}, but no x-ledger-errors rule of kind invalid names it`);
    }
  }
}

/** Warning rules name known requirements and documented warning codes, the reference's among the accepted. */
function checkWarningRules({ knobs, componentSchemas, fail, needRequirement }: Lookups): void {
  const warningSchema = componentSchemas['Warning']?.['properties'] as Record<string, JsonSchema> | undefined;
  const warningCodes = (warningSchema?.['code']?.['enum'] as number[] | undefined) ?? [];
  knobs.warnings.forEach((rule) => {
    needRequirement(rule.requirement, rule.pointer + '/requirement');
    [rule.code, ...rule.acceptedCodes].forEach((code) => {
      if (!warningCodes.includes(code))
        fail(rule.pointer, `warning code ${code} is not in #/components/schemas/Warning/properties/code/enum`);
    });
    if (!rule.acceptedCodes.includes(rule.code))
      fail(rule.pointer + '/acceptedCodes', `must include the code the reference sends, ${rule.code}`);
  });
}

/** Flags and the alternate-currency knob name boolean and array parameters, and what they reveal is documented. */
function checkFlagsAndCurrencies({
  knobs,
  eventNames,
  operationPointer: op,
  fail,
  needRequirement,
  needParameter,
}: Lookups): void {
  const checkReveal = (reveal: { eventNames: readonly string[]; requires?: readonly string[] }, pointer: string): void => {
    reveal.eventNames.forEach((n, i) => {
      if (!eventNames.includes(n)) fail(`${pointer}/eventNames/${i}`, `${n} is not a documented event name`);
    });
    (reveal.requires ?? []).forEach((f, i) => {
      if (!(f in knobs.flags)) fail(`${pointer}/requires/${i}`, `${f} is not a flag of x-ledger-flags`);
    });
  };
  for (const [flag, knob] of Object.entries(knobs.flags)) {
    const pointer = `${op}/x-ledger-flags/${flag}`;
    needParameter(flag, pointer, 'boolean');
    needRequirement(knob.requirement, pointer + '/requirement');
    knob.reveals.forEach((r, i) => checkReveal(r, `${pointer}/reveals/${i}`));
  }
  const ac = knobs.alternateCurrencies;
  needParameter(ac.includeParameter, `${op}/x-ledger-alternate-currencies/includeParameter`, 'boolean');
  needParameter(ac.namesParameter, `${op}/x-ledger-alternate-currencies/namesParameter`, 'array');
  ac.blocks.forEach((r, i) => checkReveal(r, `${op}/x-ledger-alternate-currencies/blocks/${i}`));
}

/** The identifier and user-group knobs name values of the type, identifierName and source enums. */
function checkIdentifiers({ knobs, operationPointer: op, fail, needParameter, enumOf }: Lookups): void {
  const ids = knobs.identifiers;
  const idPointer = `${op}/x-ledger-identifiers`;
  for (const [type, names] of Object.entries(ids.byType)) {
    if (!enumOf('type').includes(type)) fail(`${idPointer}/byType/${type}`, `${type} is not a value of the type parameter`);
    names.forEach((n, i) => {
      if (!enumOf('identifierName').includes(n))
        fail(`${idPointer}/byType/${type}/${i}`, `${n} is not a value of identifierName`);
    });
  }
  for (const n of [...ids.caseInsensitiveValues, ...Object.keys(ids.valuePatterns)]) {
    if (!enumOf('identifierName').includes(n)) fail(idPointer, `${n} is not a value of identifierName`);
  }
  for (const s of [ids.anySource, ...ids.accountIdIgnoredFor]) {
    if (!enumOf('source').includes(s)) fail(idPointer, `${s} is not a value of source`);
  }
  if (!enumOf('type').includes(knobs.userGroups.groupType))
    fail(`${op}/x-ledger-user-groups/groupType`, 'is not a value of the type parameter');
  needParameter(knobs.userGroups.primaryUserParameter, `${op}/x-ledger-user-groups/primaryUserParameter`, 'boolean');
}

/** Events without detail are not documented event names; the parameters the suite names are declared. */
function checkEventsAndNamedParameters({ knobs, eventNames, operationPointer: op, fail, needParameter }: Lookups): void {
  knobs.eventsWithoutDetail.forEach((n, i) => {
    if (eventNames.includes(n))
      fail(`${op}/x-ledger-events/withoutDetail/${i}`, `${n} is an event name with detail; it cannot be without`);
  });
  for (const name of NAMED_PARAMETERS) needParameter(name, op + '/parameters');
}

/**
 * Every MUST needs a source: a requirement or a rule that rests on a decision of this project
 * is judged at SHOULD at most, unless it judges only targets that opt in (GOLDEN-MATCH). A
 * requirement whose judgement a dialect knob governs stays MUST: its alternatives are evidenced.
 */
export function checkEvidence(
  requirements: readonly Requirement[],
  knobs: Pick<Knobs, 'errors'>,
  requirementById: ReadonlyMap<string, Requirement>,
  fail: Fail,
): void {
  for (const r of requirements) {
    // A quote must come from a source the requirement names, so that reports never show a
    // sentence that does not stand behind it.
    r.evidence?.forEach((item, i) => {
      if (!r.sources.some((s) => s === item.source || s.startsWith(`${item.source}:`)))
        fail(
          `#/x-conformance/requirements/${r.index}/evidence/${i}/source`,
          `${r.id} quotes ${item.source}, which is not among its sources (${r.sources.join(', ')})`,
        );
    });
    if (r.level === 'MUST' && r.basis === 'decided' && r.optIn === undefined) {
      fail(
        `#/x-conformance/requirements/${r.index}/level`,
        `${r.id} rests on a decision (basis decided): it can be SHOULD at most, or give the evidence that makes it documented or observed`,
      );
    }
  }
  for (const rule of knobs.errors) {
    if (rule.basis === 'decided' && requirementById.get(rule.requirement)?.level === 'MUST') {
      fail(
        `${rule.pointer}/basis`,
        `error ${rule.code} (${rule.trigger.kind}) rests on a decision, but its requirement ${rule.requirement} is MUST: judge it at SHOULD at most`,
      );
    }
  }
}
