/**
 * describeConformance's options are run's flags, camel-cased, read by run's own definitions:
 * the same defaults, the same values refused with the same rules, named as the test file
 * wrote them.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { runFlagsOf } from '../../src/vitest/options.js';

function refusal(options: Record<string, unknown>): string {
  try {
    runFlagsOf(options);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error('accepted');
}

describe('describeConformance options', () => {
  it("apply run's defaults", () => {
    const flags = runFlagsOf({ embedded: true });
    expect(flags).toMatchObject({
      embedded: true,
      profile: 'reference',
      level: 'MUST',
      fuzzRuns: 100,
      concurrency: 4,
      preflight: true,
    });
    expect(flags.seed).toBeUndefined();
  });

  it('take values, lists as arrays or comma-separated strings, and false for a negated flag', () => {
    const flags = runFlagsOf({
      baseUrl: 'http://127.0.0.1:8080/',
      fuzzRuns: 7,
      seed: 12,
      level: 'should' as 'SHOULD', // as on the command line, in any case
      suite: ['errors', 'auth'],
      requirement: 'ERR-8015,AUTH-BASIC',
      overlay: ['a.yaml', 'b.yaml'],
      preflight: false,
      insecure: false,
      env: { ignored: 'yes' },
      name: 'staging',
    });
    expect(flags).toMatchObject({
      baseUrl: 'http://127.0.0.1:8080',
      fuzzRuns: 7,
      seed: 12,
      level: 'SHOULD',
      suite: ['errors', 'auth'],
      requirement: ['ERR-8015', 'AUTH-BASIC'],
      overlay: ['a.yaml', 'b.yaml'],
      preflight: false,
    });
    expect(flags.insecure).toBeUndefined();
  });

  it('refuse a bad value with run’s rule, naming the option as written and as a flag', () => {
    expect(refusal({ seed: -1 })).toBe('seed (--seed): must be a whole number from 0 to 2147483647, not "-1"');
    expect(refusal({ suite: ['errors', 'nope'] })).toMatch(/^suite \(--suite\): "nope" is not one of: schema, /);
    expect(refusal({ level: 'MUSTN' })).toBe('level (--level): must be one of MUST, SHOULD, MAY, not "MUSTN"');
    expect(refusal({ baseUrl: 'ftp://x' })).toMatch(/^baseUrl \(--base-url\): /);
  });

  it('refuse a value of the wrong type, an unknown option and the flags that mean nothing in a test runner', () => {
    expect(refusal({ embedded: 'yes' })).toBe('embedded: must be true or false, not "yes"');
    expect(refusal({ seed: { n: 1 } })).toBe('seed: must be a string or a number, not {"n":1}');
    expect(refusal({ fuzzRun: 5 })).toMatch(
      /^fuzzRun: is not an option of describeConformance \(options: auth, baseUrl, concurrency, /,
    );
    expect(refusal({ fuzzRun: 5 })).not.toMatch(/quiet|shard|baseline|requireCoverage/);
    for (const flag of ['quiet', 'shard', 'baseline', 'requireCoverage'])
      expect(refusal({ [flag]: flag === 'quiet' ? true : 'x' })).toMatch(
        new RegExp(`^${flag}: is not an option of describeConformance: `),
      );
  });
});
