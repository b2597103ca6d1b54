/**
 * The contract every request arbitrary keeps: valid requests keep every rule and reach profile
 * data, invalid requests break a rule or name absent data, the same seed draws the same
 * requests, and what the spec declares (a new enum member, a new parameter) is generated
 * without a code change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { caseArb } from '../../src/fuzz/cases.js';
import { invalidRequestArb } from '../../src/fuzz/invalid-request.js';
import { expectationOf, lookupRules } from '../../src/fuzz/oracle.js';
import { printRequest, receivedPairsOf, type FuzzRequest } from '../../src/fuzz/request.js';
import { firstValue } from '../../src/core/query.js';
import { validRequestArb } from '../../src/fuzz/valid-request.js';
import { invalidValueArb, validValueArb } from '../../src/fuzz/values.js';
import { serverTrim } from '../../src/core/server-trim.js';
import { createReference } from '../../src/reference/index.js';
import { loadSpec, loadSpecFromText, type LoadedSpec } from '../../src/contract/load.js';
import { firstSyntaxViolation, parseQuery } from '../../src/contract/rules.js';
import { DEFAULT_SPEC_PATH } from '../../src/core/files.js';
import { readFileSync } from 'node:fs';
import { referenceAnswer } from './helpers.js';

const spec = loadSpec();
const reference = createReference(spec);
const profile = reference.profile;
const SEED = 4242;
const sample = <T>(arb: fc.Arbitrary<T>, numRuns: number, seed = SEED): T[] => fc.sample(arb, { seed, numRuns });
const violation = (s: LoadedSpec, request: FuzzRequest) => firstSyntaxViolation(s, parseQuery(s, receivedPairsOf(request)));

const valid = sample(validRequestArb(spec, profile), 1500);
const invalid = sample(invalidRequestArb(spec, profile), 3000);

describe('valid requests', () => {
  it('keep every rule decided from the request alone', () => {
    for (const request of valid) expect(violation(spec, request), printRequest(request)).toBeUndefined();
  });

  it('name data the profile holds: the reference answers each 200', () => {
    for (const request of valid) expect(referenceAnswer(spec, reference, request).status, printRequest(request)).toBe(200);
  });

  it('exercise every optional parameter, both selector styles and the bounds of every bound', () => {
    const pairs = valid.map((r) => r.pairs);
    for (const p of spec.parameters) {
      if (
        validValueArb(p) === undefined &&
        ![
          'identifierValue',
          'accountId',
          'eventIds',
          'eventReferenceIds',
          spec.knobs.alternateCurrencies.namesParameter,
        ].includes(p.name)
      )
        continue;
      expect(
        pairs.some((q) => firstValue(q, p.name) !== undefined),
        p.name,
      ).toBe(true);
    }
    for (const name of ['offset', 'limit']) {
      const schema = spec.parameter(name).schema;
      for (const bound of [schema['minimum'], schema['maximum']])
        expect(
          pairs.some((q) => firstValue(q, name) === String(bound)),
          `${name}=${String(bound)}`,
        ).toBe(true);
    }
    const maxItems = spec.parameter('eventReferenceIds').schema['maxItems'] as number;
    const lengths = new Set(
      pairs.map((q) => firstValue(q, 'eventReferenceIds')?.split(',').length).filter((n) => n !== undefined),
    );
    for (let n = 1; n <= maxItems; n++) expect(lengths, `${n} reference ids`).toContain(n);
    expect(Math.max(...lengths)).toBe(maxItems);
  });

  it('vary letter case only where the spec allows it, and say which latitude they rely on', () => {
    const cased = valid.filter((r) => r.leniencies && r.leniencies.length > 0);
    expect(cased.length).toBeGreaterThan(50);
    const names = new Set(cased.flatMap((r) => r.leniencies!.map((l) => l.requirement)));
    expect([...names].sort()).toEqual(['ID-EMAIL-CASE', 'PARAM-IDENTIFIER-NAME-CASE']);
    for (const request of valid) {
      const name = firstValue(request.pairs, 'identifierName')!;
      const exact = (spec.parameter('identifierName').enumValues ?? []).includes(name);
      expect(
        exact || request.leniencies?.some((l) => l.requirement === 'PARAM-IDENTIFIER-NAME-CASE'),
        printRequest(request),
      ).toBe(true);
    }
  });

  it('sometimes go out with an equivalent hand-made encoding that decodes to the same parameters', () => {
    const encoded = valid.filter((r) => r.rawQuery !== undefined);
    expect(encoded.length).toBeGreaterThan(50);
    for (const request of encoded) expect(receivedPairsOf(request)).toEqual(request.pairs.map((p) => [...p]));
  });

  it('in the usual encoding, as test/reference/valid-requests.test.ts sends them: the same requests without the hand-made encodings', () => {
    const usual = sample(validRequestArb(spec, profile, { encoding: 'usual' }), 300);
    expect(usual.every((r) => r.rawQuery === undefined)).toBe(true);
    expect(usual.every((r) => firstValue(r.pairs, 'identifierName') !== undefined)).toBe(true);
  });
});

describe('invalid requests', () => {
  it('break a rule, or name data the target does not hold', () => {
    for (const request of invalid) {
      if (violation(spec, request)) continue;
      const answer = referenceAnswer(spec, reference, request);
      expect(answer.status, printRequest(request)).not.toBe(200);
      expect(
        lookupRules(spec).some((r) => r.status === answer.status && r.code === answer.code),
        printRequest(request),
      ).toBe(true);
    }
  });

  it('reach every rule of x-ledger-errors the primary identity can meet', () => {
    const reached = new Set<number>();
    for (const request of invalid) {
      const expected = expectationOf(spec, request);
      if (expected.kind === 'rule') reached.add(expected.match.rule.index);
      else {
        const answer = referenceAnswer(spec, reference, request);
        const rule = expected.rules.find((r) => r.status === answer.status && r.code === answer.code);
        if (rule) reached.add(rule.index);
      }
    }
    // The org-setting rule needs an identity of another org; the fuzzer sends as the primary identity.
    const reachable = spec.knobs.errors.filter((r) => r.trigger.kind !== 'org-setting-disabled');
    expect(reachable.filter((r) => !reached.has(r.index)).map((r) => `${r.code} ${r.trigger.kind}`)).toEqual([]);
  });

  it('include empty, overlong, non-ASCII, percent-shaped, injection-shaped and repeated values', () => {
    const text = invalid.map((r) => r.pairs.map(([, v]) => v).join('&'));
    expect(
      text.some((t) => /[^\x00-\x7f]/.test(t)),
      'non-ASCII',
    ).toBe(true);
    expect(
      text.some((t) => t.length > 1000),
      'overlong',
    ).toBe(true);
    expect(
      text.some((t) => t.includes('%')),
      'percent-shaped',
    ).toBe(true);
    expect(
      text.some((t) => t.includes("'") || t.includes('<script>')),
      'injection-shaped',
    ).toBe(true);
    expect(
      invalid.some((r) => r.pairs.some(([, v]) => v === '')),
      'empty',
    ).toBe(true);
    expect(
      invalid.some((r) => new Set(r.pairs.map(([n]) => n)).size < r.pairs.length),
      'repeated',
    ).toBe(true);
  });
});

describe('the same seed', () => {
  it('draws the same requests, and another seed others', () => {
    for (const name of ['no-server-error', 'valid-accepted', 'invalid-rejected', 'deterministic'] as const) {
      const arb = caseArb(name, spec, profile);
      expect(sample(arb, 30).map(printRequest)).toEqual(sample(arb, 30).map(printRequest));
      expect(sample(arb, 30, SEED + 1).map(printRequest)).not.toEqual(sample(arb, 30).map(printRequest));
    }
  });

  it('draws the same first cases whatever the budget', () => {
    const arb = caseArb('no-server-error', spec, profile);
    expect(sample(arb, 20).map(printRequest)).toEqual(sample(arb, 200).slice(0, 20).map(printRequest));
  });
});

describe('what the spec declares is generated without a code change', () => {
  const text = readFileSync(DEFAULT_SPEC_PATH, 'utf8');
  const doc = parseDocument(text);
  const components = ['components', 'parameters'];
  const operation = ['paths', spec.endpointPath, 'get'];
  // A new source, a new boolean parameter (with its rule), a new identifier name for customers.
  doc.setIn([...components, 'source', 'schema', 'enum'], [...(spec.parameter('source').enumValues as string[]), 'KIOSK']);
  doc.setIn([...components, 'includeTierDetails'], {
    name: 'includeTierDetails',
    in: 'query',
    required: false,
    description: 'A flag added for this test.',
    schema: { type: 'boolean', default: false },
  });
  doc.addIn([...operation, 'parameters'], { $ref: '#/components/parameters/includeTierDetails' });
  const booleanRule = spec.knobs.errors.findIndex(
    (r) => r.trigger.kind === 'invalid' && r.trigger.parameters.includes('getBillDetails'),
  );
  doc.addIn([...operation, 'x-ledger-errors', booleanRule, 'trigger', 'parameters'], 'includeTierDetails');
  const changed = loadSpecFromText(doc.toString(), 'changed.yaml');

  it('loads', () => {
    expect(changed.parameter('includeTierDetails').kind).toBe('boolean');
    expect(changed.parameter('source').enumValues).toContain('KIOSK');
  });

  it('a new boolean parameter appears in valid requests, with both values, and broken in invalid ones', () => {
    const requests = sample(validRequestArb(changed, profile), 300);
    const values = new Set(requests.map((r) => firstValue(r.pairs, 'includeTierDetails')));
    expect(values).toEqual(new Set([undefined, 'true', 'false']));
    const parameter = changed.parameter('includeTierDetails');
    for (const v of sample(invalidValueArb(changed, parameter)!, 100)) expect(parameter.check(v).valid).toBe(false);
    const broken = sample(invalidRequestArb(changed, profile), 3000).filter(
      (r) => violation(changed, r)?.parameter === 'includeTierDetails',
    );
    expect(broken.length).toBeGreaterThan(0);
  });

  it('a new source appears in invalid requests, where the profile has no customer', () => {
    const requests = sample(invalidRequestArb(changed, profile), 3000);
    expect(requests.some((r) => firstValue(r.pairs, 'source') === 'KIOSK')).toBe(true);
  });
});

describe('a counterexample', () => {
  it('is drawn again from its seed and path alone', async () => {
    const arb = caseArb('invalid-rejected', spec, profile);
    const details = await fc.check(
      fc.property(arb, (request) => firstValue(request.pairs, 'limit') === undefined),
      { seed: SEED },
    );
    expect(details.failed).toBe(true);
    const [replayed] = fc.sample(arb, { seed: details.seed, path: details.counterexamplePath!, numRuns: 1 });
    expect(printRequest(replayed!)).toBe(printRequest(details.counterexample![0]));
  });
});

describe('whitespace around a value (x-ledger-parsing.surroundingWhitespace)', () => {
  // Padded near-misses (" TransactionAdd", "1 ") are among the candidates of every enum and integer.
  const padded = (s: LoadedSpec): string[] =>
    s.parameters.flatMap((parameter) => {
      const arb = invalidValueArb(s, parameter, ['608245514']);
      if (!arb) return [];
      return sample(arb, 400).filter((v) => {
        const trimmed = parameter.kind === 'array' ? v.split(',').map(serverTrim).join(',') : serverTrim(v);
        return trimmed !== v && trimmed !== '' && parameter.check(trimmed).valid;
      });
    });

  it('unjudged (the spec): no value that a trim would make valid is drawn as invalid, since no source says that whitespace counts', () => {
    expect(spec.knobs.parsing.surroundingWhitespace).toBe('unjudged');
    expect(padded(spec)).toEqual([]);
  });

  it('significant (an overlay may say so): padded values are drawn as invalid again', () => {
    const text = readFileSync(DEFAULT_SPEC_PATH, 'utf8').replace(
      'surroundingWhitespace: unjudged',
      'surroundingWhitespace: significant',
    );
    expect(padded(loadSpecFromText(text, 'significant.yaml')).length).toBeGreaterThan(0);
  });
});

describe('a blank required value (missing to a server that trims it, a value to one that does not)', () => {
  const codesFor = (identifierName: string): number[] => {
    const expected = expectationOf(spec, {
      pairs: [
        ['identifierName', identifierName],
        ['identifierValue', '919840000000'],
        ['source', 'INSTORE'],
        ['eventIds', '608245514'],
      ],
    });
    return expected.kind === 'rule' ? expected.broken.map((m) => m.rule.code) : [];
  };
  const missing = spec.knobs.errors.find((r) => r.trigger.kind === 'missing')!.code;
  const invalidName = spec.knobs.errors.find(
    (r) => r.trigger.kind === 'invalid' && r.trigger.parameters.includes('identifierName'),
  )!.code;

  it('accepts both answers: the rule for a missing value and the rule that refuses the value as sent', () => {
    // NUL and a tab are removed by Java's String.trim; a space by every trim.
    for (const blank of ['\u0000', '\t', ' ']) expect(codesFor(blank), JSON.stringify(blank)).toEqual([missing, invalidName]);
  });

  it('an empty value is missing alone', () => {
    expect(codesFor('')).toEqual([missing]);
  });
});
