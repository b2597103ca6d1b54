/**
 * x-ledger-parsing.emptyValues decided in one place (src/contract/empty-as-absent.ts) for the
 * oracle (parseQuery), the fuzzer (breaksInvalidRule) and the errors suite (invalidValues).
 */
import { describe, expect, it } from 'vitest';
import { loadSpec, type LoadedSpec } from '../../src/contract/load.js';
import { sentAsAbsent } from '../../src/contract/empty-as-absent.js';
import { parseQuery } from '../../src/contract/rules.js';
import { breaksInvalidRule } from '../../src/fuzz/values.js';

const packaged = loadSpec();
const withEmptyValues = (emptyValues: 'absent' | 'invalid'): LoadedSpec =>
  ({ ...packaged, knobs: { ...packaged.knobs, parsing: { ...packaged.knobs.parsing, emptyValues } } }) as LoadedSpec;
const limit = packaged.parameter('limit');

describe('an optional parameter sent empty', () => {
  it('under `absent`, empty or blank (what a trimming reader sees as nothing) was not sent; a required one was', () => {
    const spec = withEmptyValues('absent');
    for (const value of ['', ' ', '\t', '\u0000']) expect(sentAsAbsent(spec, { required: false }, value)).toBe(true);
    expect(sentAsAbsent(spec, { required: false }, ' 1')).toBe(false);
    expect(sentAsAbsent(spec, { required: true }, '')).toBe(false);
  });

  it('under `invalid` (the packaged spec), it is a value', () => {
    expect(packaged.knobs.parsing.emptyValues).toBe('invalid');
    expect(sentAsAbsent(packaged, { required: false }, '')).toBe(false);
  });

  it('the oracle and the fuzzer read it alike', () => {
    const absent = withEmptyValues('absent');
    expect(parseQuery(absent, [['limit', ' ']]).raw.has('limit')).toBe(false);
    expect(parseQuery(packaged, [['limit', ' ']]).raw.has('limit')).toBe(true);
    expect(breaksInvalidRule(absent, limit, '')).toBe(false);
    expect(breaksInvalidRule(packaged, limit, '')).toBe(true);
  });
});
