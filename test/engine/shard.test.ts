/**
 * Shards: the split is deterministic and covers the catalog exactly once, and two (or three)
 * shards of a seeded run against a faulty reference, merged, give the verdict and the outcome
 * of every requirement, check and fuzz property that the unsharded run gives.
 */
import { describe, expect, it } from 'vitest';
import { suiteOf } from '../../src/check/check.js';
import { checksOfShard, parseShard, splitsByCase } from '../../src/engine/shard.js';
import { faultContext } from '../../src/faults/fault.js';
import { faults as errorFaults } from '../../src/faults/catalog/errors.js';
import { faults as fuzzFaults } from '../../src/faults/catalog/fuzz.js';
import { judgesCase } from '../../src/fuzz/shard.js';
import { assertShardsOfOneRun, mergeShards } from '../../src/report/merge.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { catalog, certify, referenceFor, spec } from '../support/harness.js';

const CHECKS = catalog.checks;

describe('--shard i/n', () => {
  it.each([
    ['1/1', { index: 1, total: 1 }],
    ['3/4', { index: 3, total: 4 }],
    [' 2/2 ', { index: 2, total: 2 }],
  ])('parses %j', (text, shard) => expect(parseShard(text)).toEqual(shard));

  it.each([
    ['0/2', /--shard: the index must be from 1 to 2, not 0/],
    ['3/2', /--shard: the index must be from 1 to 2, not 3/],
    ['1/0', /--shard: the total must be from 1 to 1000, not 0/],
    ['2', /--shard: must be index\/total/],
    ['a/b', /--shard: must be index\/total/],
  ])('refuses %j, naming the option and the rule', (text, message) => expect(() => parseShard(text)).toThrow(message));

  it('hands every check but the fuzz properties to exactly one shard, the same way every time', () => {
    for (const total of [1, 2, 3, 7, 100]) {
      const shards = Array.from({ length: total }, (_, k) => checksOfShard(CHECKS, { index: k + 1, total }).map((c) => c.id));
      for (const check of CHECKS) {
        const holders = shards.filter((ids) => ids.includes(check.id)).length;
        expect(holders, `${check.id} in ${total} shards`).toBe(splitsByCase(check) ? total : 1);
      }
      expect(checksOfShard(CHECKS, { index: 1, total }).map((c) => c.id)).toEqual(shards[0]);
    }
    // The heavy suites are spread, not given to one job.
    const pagination = CHECKS.filter((c) => suiteOf(c) === 'pagination').map((c) => c.id);
    expect(
      new Set(
        pagination.map((id) => [1, 2].find((index) => checksOfShard(CHECKS, { index, total: 2 }).some((c) => c.id === id))),
      ),
    ).toEqual(new Set([1, 2]));
    expect(CHECKS.filter(splitsByCase).map(suiteOf)).toEqual(['fuzz', 'fuzz', 'fuzz', 'fuzz']);
  });

  it('judges every fuzz case in exactly one shard', () => {
    for (const total of [1, 2, 3, 5]) {
      for (let k = 0; k < 50; k += 1) {
        expect(Array.from({ length: total }, (_, i) => judgesCase({ index: i + 1, total }, k)).filter(Boolean)).toHaveLength(1);
      }
    }
    expect(judgesCase(undefined, 17)).toBe(true);
  });
});

/**
 * A reference with two faults: a rule left unenforced (ERR-11001, proven by two checks that land
 * in different shards) and a crash on seven reference ids (found by fuzzing, seen by observers).
 */
function faultyReference() {
  const reference = referenceFor();
  const context = (handler: typeof reference.handler) => faultContext(spec, reference.dataset, reference.identities, handler);
  const unenforced = errorFaults(spec).find((f) => f.id === 'errors/11001-repeated-not-enforced')!;
  const crash = fuzzFaults.find((f) => f.id === 'fuzz/seven-reference-ids-crash')!;
  return crash.build(context(unenforced.build(context(reference.handler))));
}

/**
 * What must be equal: the verdict, and the outcome of every requirement, check and property;
 * the requests of every check that passed (a failing property also spends requests shrinking,
 * in each shard that found a failure).
 */
function outcomes(report: ConformanceReport) {
  return {
    verdict: report.verdict,
    exitCode: report.exitCode,
    counts: report.counts,
    coverage: { ...report.coverage, notProven: report.coverage.notProven.map(({ id, status }) => ({ id, status })) },
    requirements: report.requirements.map((r) => ({
      id: r.id,
      status: r.status,
      checks: r.checks.map((c) => [c.id, c.status, c.status === 'fail' ? 'shrinking' : c.requests]),
      failedChecks: [...new Set(r.failures.map((f) => f.check))].sort(),
    })),
    fuzz: report.fuzz,
  };
}

describe('shards of a seeded run, merged', () => {
  const handler = faultyReference();
  const runs = new Map<string, Promise<ConformanceReport>>();
  const run = (shard?: { index: number; total: number }): Promise<ConformanceReport> => {
    const key = shard ? `${shard.index}/${shard.total}` : 'whole';
    if (!runs.has(key)) runs.set(key, certify({ handler, seed: 4242, fuzzRuns: 60, ...(shard ? { shard } : {}) }));
    return runs.get(key)!;
  };
  const merged = async (total: number): Promise<ConformanceReport> => {
    const shards = await Promise.all(Array.from({ length: total }, (_, k) => run({ index: k + 1, total })));
    const files = shards.map((report, k) => ({ file: `shard-${k + 1}/conformance.json`, report }));
    assertShardsOfOneRun(files);
    return mergeShards(
      files,
      spec.requirements.map((r) => r.id),
    );
  };

  it('equal the unsharded run against a faulty reference: verdict, requirements, checks, fuzz properties', async () => {
    const whole = await run();
    // The faults are found, by a check of one shard and by fuzzing and observing in all.
    const failed = whole.requirements.filter((r) => r.status === 'fail').map((r) => r.id);
    expect(failed).toEqual(expect.arrayContaining(['ERR-11001', 'RESP-NO-SERVER-ERROR', 'RESP-STATUS', 'PARAM-VALID-ACCEPTED']));
    expect(whole.verdict).toBe('non-conformant');
    const two = await merged(2);
    expect(outcomes(two)).toEqual(outcomes(whole));
    expect(two.run.mergedShards).toBe(2);
    expect(two.run.shard).toBeUndefined();
    // The fuzz counterexample is the one the unsharded run finds: same first failing case, same shrinking.
    const counterexample = (r: ConformanceReport) =>
      r.requirements.find((q) => q.id === 'PARAM-VALID-ACCEPTED')!.failures.find((f) => f.fuzz)?.fuzz;
    expect(counterexample(whole)).toMatchObject({ seed: 4242, numRuns: expect.any(Number) as number });
    expect(counterexample(two)).toEqual(counterexample(whole));
  });

  it('send, together, exactly the requests of the unsharded run when nothing fails', async () => {
    const plain = (shard?: { index: number; total: number }) => certify({ seed: 77, fuzzRuns: 50, ...(shard ? { shard } : {}) });
    const whole = await plain();
    const shards = await Promise.all([1, 2, 3].map((index) => plain({ index, total: 3 })));
    expect(shards.reduce((sum, r) => sum + r.run.requests.total, 0)).toBe(whole.run.requests.total);
    const files = shards.map((report, k) => ({ file: `${k}`, report }));
    expect(
      outcomes(
        mergeShards(
          files,
          spec.requirements.map((r) => r.id),
        ),
      ),
    ).toEqual(outcomes(whole));
  });

  it('equal it with three shards too, each shard judging only its share', async () => {
    const whole = await run();
    const shard = await run({ index: 2, total: 3 });
    expect(shard.run.shard).toEqual({ index: 2, total: 3 });
    expect(shard.run.requests.total).toBeLessThan(whole.run.requests.total / 2);
    expect(outcomes(await merged(3))).toEqual(outcomes(whole));
  });
});
