/**
 * Values of one parameter, valid or invalid, read off its schema (`#/components/parameters/*`)
 * and the request rules of `x-ledger-errors`. Nothing here names a parameter: a new boolean, a
 * new enum member or a changed bound is generated as soon as the spec says so.
 */
import fc from 'fast-check';
import type { ErrorRule } from '../contract/knobs.js';
import type { LoadedSpec } from '../contract/load.js';
import type { ParameterModel } from '../contract/parameters.js';
import { hostileStringArb, lengthBoundary } from './strings.js';
import { sentAsAbsent } from '../contract/empty-as-absent.js';
import { validOnceTrimmed } from '../contract/surrounding-whitespace.js';

/** Schema bounds of an integer parameter (`minimum`/`maximum`), when it has them. */
export function integerBounds(parameter: ParameterModel): { min?: number; max?: number } {
  const min = parameter.schema['minimum'];
  const max = parameter.schema['maximum'];
  return { ...(typeof min === 'number' ? { min } : {}), ...(typeof max === 'number' ? { max } : {}) };
}

/**
 * A value the parameter's schema accepts, for parameters whose valid values need no data:
 * booleans (`true`/`false`), bounded integers (mostly small, often a bound: `minimum`,
 * `minimum + 1`, `maximum - 1`, `maximum`), enum members, and lists of enum members.
 * Undefined for free strings and patterned lists: their valid values come from the profile.
 */
export function validValueArb(parameter: ParameterModel): fc.Arbitrary<string> | undefined {
  switch (parameter.kind) {
    case 'boolean':
      return fc.constantFrom('true', 'false');
    case 'integer': {
      const { min = 0, max = min + 1000 } = integerBounds(parameter);
      return fc.oneof(
        { arbitrary: fc.integer({ min, max: Math.min(max, min + 3) }).map(String), weight: 4 },
        {
          arbitrary: fc.constantFrom(...new Set([min, Math.min(min + 1, max), Math.max(max - 1, min), max])).map(String),
          weight: 2,
        },
        { arbitrary: fc.integer({ min, max }).map(String), weight: 1 },
      );
    }
    case 'string':
      return parameter.enumValues ? fc.constantFrom(...parameter.enumValues.map(String)) : undefined;
    case 'array': {
      const members = parameter.enumValues?.map(String);
      if (!members) return undefined;
      const maxItems = parameter.schema['maxItems'] as number | undefined;
      return fc
        .subarray(members, {
          minLength: Math.max(1, (parameter.schema['minItems'] as number | undefined) ?? 1),
          maxLength: Math.min(maxItems ?? members.length, members.length),
        })
        .map((v) => v.join(','));
    }
  }
}

/** The `invalid` rules of `x-ledger-errors` that list the parameter. */
export function invalidRulesOf(spec: LoadedSpec, name: string): ErrorRule[] {
  return spec.knobs.errors.filter((r) => r.trigger.kind === 'invalid' && r.trigger.parameters.includes(name));
}

/**
 * Whether a value of the parameter breaks one of its `invalid` rules: the schema refuses it,
 * for one of the rule's `keywords` when the rule lists some. A value the schema refuses that no
 * rule covers is not generated: the spec does not say how it is answered.
 */
export function breaksInvalidRule(spec: LoadedSpec, parameter: ParameterModel, value: string): boolean {
  if (sentAsAbsent(spec, parameter, value)) return false;
  if (validOnceTrimmed(spec, parameter, value)) return false;
  const check = parameter.check(value);
  if (check.valid) return false;
  return invalidRulesOf(spec, parameter.name).some((rule) => {
    const keywords = rule.trigger.kind === 'invalid' ? rule.trigger.keywords : undefined;
    return !keywords || check.failedKeywords.some((k) => keywords.includes(k));
  });
}

/** Misspellings of enum members: cut, extended, padded and, where case matters, re-cased. */
function nearMisses(members: readonly unknown[], caseInsensitive: boolean): string[] {
  return members.flatMap((m) => {
    const v = String(m);
    const cased = caseInsensitive ? [] : [v.toLowerCase(), v.toUpperCase(), v[0]!.toLowerCase() + v.slice(1)];
    return [v + 'X', v.slice(1), v.slice(0, -1), ` ${v}`, `${v} `, `${v}\u0000`, v.replace(/[A-Za-z]/, 'Ä'), ...cased];
  });
}

/** Values of every enum the spec declares (a source where a type is expected, and so on). */
function otherEnumMembers(spec: LoadedSpec): string[] {
  return [...new Set(spec.parameters.flatMap((p) => (p.enumValues ?? []).map(String)))];
}

/**
 * A value of the parameter that breaks one of its `invalid` rules (see `breaksInvalidRule`):
 * booleans in other spellings, integers of the wrong type or just past a bound (`minimum - 1`,
 * `maximum + 1`, beyond 64 bits), enum near-misses and hostile strings, lists with an empty,
 * malformed or overlong item or with more than `maxItems` items. `samples` are valid items of
 * a list parameter (from the profile), used around the bad one. Undefined when no rule lists it.
 */
export function invalidValueArb(
  spec: LoadedSpec,
  parameter: ParameterModel,
  samples: readonly string[] = [],
): fc.Arbitrary<string> | undefined {
  if (invalidRulesOf(spec, parameter.name).length === 0) return undefined;
  // Read leniently (x-ledger-parsing.booleans), every value of a boolean is valid: none to draw,
  // and a filter that can never pass would spin for ever.
  if (parameter.kind === 'boolean' && spec.knobs.parsing.booleans === 'lenient') return undefined;
  const candidates = invalidCandidatesArb(spec, parameter, samples, hostileStringArb());
  return candidates.filter((v) => breaksInvalidRule(spec, parameter, v));
}

/**
 * Other spellings of a boolean: the canonical spec refuses them all; under the `spring` dialect
 * the filter of invalidValueArb drops those Spring accepts.
 */
const BOOLEAN_MISSPELLINGS = [
  'TRUE',
  'True',
  'FALSE',
  'False',
  '1',
  '0',
  'yes',
  'no',
  'on',
  'off',
  '',
  ' true',
  'false ',
  't',
  'y',
];

/** Strings that are not a decimal integer, or one beyond 64 bits. */
const NOT_INTEGERS = [
  '1.5',
  '1.0',
  'abc',
  '',
  '0x10',
  '1e3',
  ' 1',
  '1 ',
  '١',
  '--1',
  '+-1',
  '1_000',
  'NaN',
  '99999999999999999999',
  '-99999999999999999999',
];

/** Candidates of a bad value by the parameter's kind, before the filter keeps those that break a rule. */
function invalidCandidatesArb(
  spec: LoadedSpec,
  parameter: ParameterModel,
  samples: readonly string[],
  hostile: fc.Arbitrary<string>,
): fc.Arbitrary<string> {
  switch (parameter.kind) {
    case 'boolean':
      return fc.oneof({ arbitrary: fc.constantFrom(...BOOLEAN_MISSPELLINGS), weight: 3 }, { arbitrary: hostile, weight: 1 });
    case 'integer':
      return invalidIntegerArb(parameter, hostile);
    case 'string':
      return parameter.enumValues
        ? fc.oneof(
            {
              arbitrary: fc.constantFrom(
                ...nearMisses(parameter.enumValues, parameter.caseInsensitive),
                ...otherEnumMembers(spec),
              ),
              weight: 2,
            },
            { arbitrary: hostile, weight: 1 },
          )
        : fc.oneof(fc.constant(''), hostile);
    case 'array':
      return invalidListArb(parameter, samples);
  }
}

function invalidIntegerArb(parameter: ParameterModel, hostile: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const { min, max } = integerBounds(parameter);
  const parts: fc.Arbitrary<string>[] = [fc.constantFrom(...NOT_INTEGERS), hostile];
  // fc.integer shrinks toward the bound: the smallest counterexample is minimum - 1 or maximum + 1.
  if (min !== undefined) parts.push(fc.integer({ min: min - 1000, max: min - 1 }).map(String));
  if (max !== undefined) parts.push(fc.integer({ min: max + 1, max: max + 1000 }).map(String));
  return fc.oneof(...parts);
}

function invalidListArb(parameter: ParameterModel, samples: readonly string[]): fc.Arbitrary<string> {
  const itemValid = (item: string): boolean => !item.includes(',') && parameter.check(item).valid;
  const members = (parameter.enumValues ?? []).map(String);
  const goods = [...new Set([...samples, ...members, '1', 'a1', 'A'])].filter(itemValid);
  const good = goods.length > 0 ? fc.constantFrom(...goods) : fc.constant('1');
  const boundary = goods[0] !== undefined ? lengthBoundary(itemValid, goods[0][0]!) : undefined;
  const badItem = fc
    .oneof(
      { arbitrary: hostileStringArb(), weight: 3 },
      {
        arbitrary: fc.constantFrom(
          ...(boundary ? [boundary.tooLong] : []),
          ...nearMisses(members.length > 0 ? members : goods.slice(0, 3), false),
          '-1',
          '1.5',
          'a b',
          '_x',
        ),
        weight: 2,
      },
    )
    .filter((item) => item !== '' && !item.includes(',') && !itemValid(item));
  const parts: fc.Arbitrary<string>[] = [
    // One bad item among good ones.
    fc
      .tuple(fc.array(good, { maxLength: 3 }), badItem, fc.array(good, { maxLength: 3 }))
      .map(([before, bad, after]) => [...before, bad, ...after].join(',')),
    // An empty list. Empty items among others (`x,`, `,x`, `x,,x`) are not drawn: Java's split
    // drops trailing ones and Python readers drop all, so a cluster may serve `x,` as `x`; no
    // source says they are malformed (docs/fairness.md).
    fc.constant(''),
  ];
  const maxItems = parameter.schema['maxItems'];
  if (typeof maxItems === 'number') {
    // More items than allowed, each valid and each different: a target that collapses repeated
    // ids (x-ledger-pagination.duplicates) would see fewer. Shrinks toward maxItems + 1.
    const distinct = distinctItems(goods, maxItems + 5, itemValid);
    parts.push(fc.integer({ min: maxItems + 1, max: maxItems + 5 }).map((n) => distinct.slice(0, n).join(',')));
  }
  return fc.oneof(...parts);
}

/** `count` different valid items: the given ones first, then decimal numbers of ten digits. */
function distinctItems(goods: readonly string[], count: number, itemValid: (item: string) => boolean): string[] {
  const items = [...new Set(goods)];
  for (let n = 1_000_000_001; items.length < count; n += 7919) {
    const item = String(n);
    if (itemValid(item) && !items.includes(item)) items.push(item);
  }
  return items.slice(0, count);
}
