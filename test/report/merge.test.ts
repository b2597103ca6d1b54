/**
 * Merging shards, mechanism by mechanism, on reports built by hand: every "same run" field
 * refuses a shard that differs in it (naming the file and the JSON pointer), and a reason a
 * check gave in one shard goes when it passed in another. `merge-sharded.test.ts` merges a
 * real sharded run with waivers.
 */
import { describe, expect, it } from 'vitest';
import { FileInvalidError, UsageError } from '../../src/core/errors.js';
import type {
  CheckResult,
  ConformanceReport,
  FailureEvidence,
  FailureGroup,
  FuzzSummary,
  RequirementResult,
  Waiver,
  WaiverReport,
} from '../../src/core/report-model.js';
import { KEPT_GROUP_REQUESTS } from '../../src/engine/groups.js';
import { KEPT_FAILURES } from '../../src/engine/run.js';
import { assertShardsOfOneRun, mergeShards, SAME_RUN } from '../../src/report/merge.js';
import { conformantReport } from './fixtures.js';

// The hand-built reports' own order stands for the catalog's.
const ORDER = conformantReport().requirements.map((r) => r.id);

/** A value unlike `value`, of the same kind. */
const unlike = (value: unknown): unknown =>
  typeof value === 'number' ? value + 1 : Array.isArray(value) ? [...(value as unknown[]), 'other'] : `${String(value)}-other`;

/** Sets the value at a JSON pointer of a copy of `report`. */
function withValueAt(report: ConformanceReport, pointer: string, change: (value: unknown) => unknown): ConformanceReport {
  const copy = structuredClone(report) as unknown as Record<string, unknown>;
  const keys = pointer.slice(1).split('/');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  node[last] = change(node[last]);
  return copy as unknown as ConformanceReport;
}

describe('merge refuses shards of different runs', () => {
  const shard = (index: number): ConformanceReport => {
    const report = conformantReport();
    return {
      ...report,
      target: { ...report.target, embeddedReference: false },
      run: { ...report.run, shard: { index, total: 2 } },
    };
  };

  it('compares every field that makes two reports parts of one run, each named in words', () => {
    // The list itself is the rule: a comparison dropped from SAME_RUN would go untested below.
    expect(SAME_RUN.map((field) => [field.pointer, field.what])).toEqual([
      ['/run/seed', 'seed'],
      ['/spec/effectiveSha256', 'spec sha256'],
      ['/target/baseUrl', 'target'],
      ['/run/shard/total', 'shard total'],
      ['/tool/version', 'tool version (it decides the split)'],
      ['/profile/sha256', 'profile'],
      ['/run/fuzzRuns', 'fuzz runs'],
      ['/run/gatingLevel', 'gating level'],
      ['/run/suites', 'suites'],
      ['/run/requirementFilter', 'requirement filter'],
    ]);
  });

  it('accepts two shards that agree on every field', () => {
    expect(() =>
      assertShardsOfOneRun([
        { file: 'a.json', report: shard(1) },
        { file: 'b.json', report: shard(2) },
      ]),
    ).not.toThrow();
  });

  it.each(SAME_RUN.map((field) => [field.what, field] as const))('refuses a shard whose %s differs', (_, field) => {
    const other = withValueAt(shard(2), field.pointer, unlike);
    expect(field.of(other)).not.toEqual(field.of(shard(1)));
    const merge = () =>
      assertShardsOfOneRun([
        { file: 'a.json', report: shard(1) },
        { file: 'b.json', report: other },
      ]);
    expect(merge).toThrow(FileInvalidError);
    expect(merge).toThrow(/shards of different runs cannot be merged/);
    // The message names what differs, in words, not only where.
    expect(merge).toThrow(`: ${field.what} `);
    try {
      merge();
    } catch (error) {
      expect((error as FileInvalidError).message).toContain('b.json');
      expect((error as FileInvalidError).message).toContain(field.pointer);
    }
  });
});

describe('merge keeps the reasons that still stand', () => {
  /** Shard `index` of 2 where the observer `schema/resp-body` of RESP-BODY ended `status`, with a reason when it skipped. */
  const shard = (index: number, status: 'pass' | 'skip'): ConformanceReport => {
    const report = conformantReport();
    const reason = "schema/resp-body: no 200 answer among this shard's requests";
    return {
      ...report,
      run: { ...report.run, shard: { index, total: 2 } },
      requirements: report.requirements.map((r) =>
        r.id !== 'RESP-BODY'
          ? r
          : {
              ...r,
              status,
              checks: [{ ...r.checks[0]!, id: 'schema/resp-body', status, ...(status === 'skip' ? { reason } : {}) }],
              reasons: status === 'skip' ? [reason] : [],
            },
      ),
    };
  };
  const merged = (a: ConformanceReport, b: ConformanceReport) =>
    mergeShards(
      [
        { file: '1', report: a },
        { file: '2', report: b },
      ],
      ORDER,
    ).requirements.find((r) => r.id === 'RESP-BODY')!;

  it('drops a reason a check gave in one shard when it passed in the other', () => {
    expect(merged(shard(1, 'skip'), shard(2, 'pass'))).toMatchObject({ status: 'pass', reasons: [] });
    expect(merged(shard(1, 'pass'), shard(2, 'skip'))).toMatchObject({ status: 'pass', reasons: [] });
  });

  it('keeps it, once, when the check skipped in both', () => {
    expect(merged(shard(1, 'skip'), shard(2, 'skip'))).toMatchObject({
      status: 'skip',
      reasons: ["schema/resp-body: no 200 answer among this shard's requests"],
    });
  });
});

/** Shard `index` of `total` of the conformant run, with `change` applied to a copy. */
function shardOf(
  index: number,
  total: number,
  change: (report: ConformanceReport) => ConformanceReport = (r) => r,
): ConformanceReport {
  const report = conformantReport();
  return change({ ...report, run: { ...report.run, shard: { index, total } } });
}

/** The report with requirement `id` replaced by `change` of it. */
const withRequirement =
  (id: string, change: (r: RequirementResult) => RequirementResult) =>
  (report: ConformanceReport): ConformanceReport => ({
    ...report,
    requirements: report.requirements.map((r) => (r.id === id ? change(r) : r)),
  });

const mergeAll = (...reports: ConformanceReport[]): ConformanceReport =>
  mergeShards(
    reports.map((report, k) => ({ file: `shard-${k}.json`, report })),
    ORDER,
  );

const check = (id: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: `title of ${id}`,
  status,
  requests: 3,
  durationMs: 10,
  ...extra,
});

const failureOf = (check: string, message: string, extra: Partial<FailureEvidence> = {}): FailureEvidence => ({
  check,
  title: `${check} failed`,
  message,
  ...extra,
});

describe('merge refuses what is not every shard of one run, once', () => {
  it('needs at least one report', () => {
    expect(() => assertShardsOfOneRun([])).toThrow(UsageError);
    expect(() => assertShardsOfOneRun([])).toThrow('merge: needs at least one report');
  });

  it('accepts a single report of a whole run, and refuses two', () => {
    const whole = conformantReport();
    expect(() => assertShardsOfOneRun([{ file: 'a.json', report: whole }])).not.toThrow();
    const two = () =>
      assertShardsOfOneRun([
        { file: 'a.json', report: whole },
        { file: 'b.json', report: conformantReport() },
      ]);
    expect(two).toThrow(FileInvalidError);
    expect(two).toThrow('a.json: /run: is the report of a whole run (no shard)');
  });

  it('refuses a shard given twice, naming both files', () => {
    const twice = () =>
      assertShardsOfOneRun([
        { file: 'a.json', report: shardOf(1, 2) },
        { file: 'b.json', report: shardOf(1, 2) },
      ]);
    expect(twice).toThrow(FileInvalidError);
    expect(twice).toThrow('b.json: /run/shard/index: shard 1/2 is also a.json');
  });

  it('refuses an incomplete set, naming the missing shards and the given ones', () => {
    const incomplete = () =>
      assertShardsOfOneRun([
        { file: 'c.json', report: shardOf(4, 4) },
        { file: 'a.json', report: shardOf(2, 4) },
      ]);
    expect(incomplete).toThrow(UsageError);
    expect(incomplete).toThrow('merge: shard 1/4, 3/4 missing: every shard of the run is needed (given: 2, 4)');
  });

  it('names a target by its URL, and the embedded reference as such, whatever its port', () => {
    const external = shardOf(2, 2, (r) => ({
      ...r,
      target: { ...r.target, baseUrl: 'https://staging.test', embeddedReference: false },
    }));
    expect(() =>
      assertShardsOfOneRun([
        { file: 'a.json', report: shardOf(1, 2) },
        { file: 'b.json', report: external },
      ]),
    ).toThrow('b.json: /target/baseUrl: target "https://staging.test" differs from "the embedded reference" in a.json');
  });

  it('names the differing values, and "(none)" for an absent one', () => {
    const other = shardOf(2, 2, (r) => ({ ...r, run: { ...r.run, seed: 7 } }));
    expect(() =>
      assertShardsOfOneRun([
        { file: 'a.json', report: shardOf(1, 2) },
        { file: 'b.json', report: other },
      ]),
    ).toThrow('b.json: /run/seed: seed 7 differs from 1337 in a.json');
    const unsharded = conformantReport();
    expect(() =>
      assertShardsOfOneRun([
        { file: 'a.json', report: shardOf(1, 2) },
        { file: 'b.json', report: unsharded },
      ]),
    ).toThrow('b.json: /run/shard/total: shard total (none) differs from 2 in a.json');
  });
});

describe('the merged run', () => {
  const timed = (index: number, startedAt: string, durationMs: number, requests: [number, number, number]) =>
    shardOf(index, 3, (r) => ({
      ...r,
      target: { ...r.target, baseUrl: `http://127.0.0.1:4000${index}` },
      run: {
        ...r.run,
        startedAt,
        durationMs,
        requests: { total: requests[0], retried: requests[1], transportErrors: requests[2] },
      },
    }));
  // Given out of order: the second shard started first, the third ended last. Merged in each
  // test, not here, so that a mutation tester sees which tests reach which code.
  const merged = (): ConformanceReport =>
    mergeAll(
      timed(3, '2025-06-03T10:00:02.000Z', 5_000, [30, 3, 0]),
      timed(1, '2025-06-03T10:00:01.000Z', 1_000, [10, 1, 2]),
      timed(2, '2025-06-03T10:00:00.500Z', 2_000, [20, 0, 1]),
    );

  it('spans from the first shard started to the last ended, requests added', () => {
    expect(merged().run.startedAt).toBe('2025-06-03T10:00:00.500Z');
    expect(merged().run.durationMs).toBe(6_500);
    expect(merged().run.requests).toEqual({ total: 60, retried: 4, transportErrors: 3 });
  });

  it('adds the throttled requests, and says none when no shard was throttled', () => {
    const throttled = (index: number, n?: number) =>
      shardOf(index, 2, (r) => ({
        ...r,
        run: { ...r.run, requests: { ...r.run.requests, ...(n !== undefined ? { throttled: n } : {}) } },
      }));
    expect(mergeAll(throttled(1, 2), throttled(2)).run.requests.throttled).toBe(2);
    expect(mergeAll(throttled(1, 2), throttled(2, 5)).run.requests.throttled).toBe(7);
    expect(mergeAll(throttled(1), throttled(2)).run.requests).not.toHaveProperty('throttled');
  });

  it('says how many shards it joins and is no shard itself', () => {
    expect(merged().run.mergedShards).toBe(3);
    expect(merged().run.shard).toBeUndefined();
  });

  it('takes what may differ between shards (the embedded reference port) from shard 1', () => {
    expect(merged().target.baseUrl).toBe('http://127.0.0.1:40001');
  });

  it('carries no baseline comparison of a shard', () => {
    const withBaseline = (index: number) =>
      shardOf(index, 2, (r) => ({ ...r, baseline: { file: 'old.json' } }) as unknown as ConformanceReport);
    expect(mergeAll(withBaseline(1), withBaseline(2))).not.toHaveProperty('baseline');
  });

  it('lists requirements in catalog order, then unknown ones as first seen', () => {
    const extra = (id: string) => (r: ConformanceReport) => ({
      ...r,
      requirements: [...r.requirements, { ...r.requirements[0]!, id }],
    });
    const ids = mergeAll(shardOf(2, 2, extra('ZZ-LATER')), shardOf(1, 2, extra('AA-FIRST'))).requirements.map((r) => r.id);
    expect(ids).toEqual([...ORDER, 'AA-FIRST', 'ZZ-LATER']);
  });
});

describe('the merged verdict', () => {
  const failing = withRequirement('PAGE-PARTITION', (r) => ({
    ...r,
    status: 'fail',
    checks: [check('pagination/partition', 'fail')],
    failures: [failureOf('pagination/partition', 'event 44049002 on two pages')],
    failureCount: 1,
  }));

  it('is judged again from the merged requirements: one shard failing a MUST makes the run non-conformant', () => {
    const merged = mergeAll(shardOf(1, 2, failing), shardOf(2, 2));
    expect(merged.requirements.find((r) => r.id === 'PAGE-PARTITION')!.status).toBe('fail');
    expect(merged).toMatchObject({ verdict: 'non-conformant', exitCode: 1 });
    expect(merged.counts.byOutcome).toMatchObject({ pass: 6, fail: 1, skip: 1 });
    expect(merged.counts.byLevel.MUST).toMatchObject({ pass: 5, fail: 1 });
    expect(merged.coverage).toMatchObject({ level: 'MUST', judged: 6, proven: 5 });
    expect(merged.coverage.notProven.map((n) => n.id)).toEqual(['PAGE-PARTITION']);
  });

  it('gives the reason of the merged verdict, not that of shard 1', () => {
    const passing = (r: ConformanceReport): ConformanceReport => ({
      ...r,
      verdictReason: 'no requirement at or above MUST failed; 7 of 7 requirements at or above MUST proven',
    });
    const merged = mergeAll(shardOf(1, 2, passing), shardOf(2, 2, failing));
    expect(merged.verdictReason).toBe('1 requirement at or above MUST failed: PAGE-PARTITION');
  });

  it('keeps the bar of --require-coverage: a merged run below it exits 1', () => {
    // Gated at MAY, 7 of the 8 requirements are proven (UG-PRIMARY skips): 87.5 %.
    const barred =
      (percent: number) =>
      (r: ConformanceReport): ConformanceReport => ({
        ...r,
        run: { ...r.run, gatingLevel: 'MAY' },
        coverage: { ...r.coverage, required: { percent, met: false } },
      });
    const missed = mergeAll(shardOf(1, 2, barred(100)), shardOf(2, 2, barred(100)));
    expect(missed.coverage).toMatchObject({ percent: 87.5, required: { percent: 100, met: false } });
    expect(missed).toMatchObject({ verdict: 'conformant', exitCode: 1 });
    expect(missed.verdictReason).toMatch(/below --require-coverage 100$/);
    const met = mergeAll(shardOf(1, 2, barred(80)), shardOf(2, 2, barred(80)));
    expect(met.coverage.required).toEqual({ percent: 80, met: true });
    expect(met.exitCode).toBe(0);
    expect(mergeAll(shardOf(1, 2), shardOf(2, 2)).coverage).not.toHaveProperty('required');
  });

  it("is judged at the run's gating level", () => {
    const shouldFails = withRequirement('PAGE-LIMIT', (r) => ({
      ...r,
      status: 'fail',
      checks: [check('pagination/limit', 'fail')],
    }));
    const mustGated = mergeAll(shardOf(1, 2, shouldFails), shardOf(2, 2));
    expect(mustGated).toMatchObject({ verdict: 'conformant', exitCode: 0 });
    const atShould = (r: ConformanceReport): ConformanceReport => shouldFails({ ...r, run: { ...r.run, gatingLevel: 'SHOULD' } });
    const shouldGated = mergeAll(
      shardOf(1, 2, atShould),
      shardOf(2, 2, (r) => ({ ...r, run: { ...r.run, gatingLevel: 'SHOULD' } })),
    );
    expect(shouldGated).toMatchObject({ verdict: 'non-conformant', exitCode: 1 });
    expect(shouldGated.coverage.level).toBe('SHOULD');
  });
});

describe('a requirement judged in several shards', () => {
  const withChecks = (checks: CheckResult[], extra: Partial<RequirementResult> = {}) =>
    withRequirement('RESP-BODY', (r) => ({ ...r, checks, ...extra }));
  const respBody = (merged: ConformanceReport) => merged.requirements.find((r) => r.id === 'RESP-BODY')!;

  it('holds the checks of every shard, by id, a check seen twice once with its requests and time added', () => {
    const merged = respBody(
      mergeAll(
        shardOf(
          1,
          2,
          withChecks([check('schema/resp-body', 'pass', { requests: 4, durationMs: 40 }), check('schema/b-only', 'pass')]),
        ),
        shardOf(
          2,
          2,
          withChecks([check('schema/a-only', 'pass'), check('schema/resp-body', 'pass', { requests: 6, durationMs: 15 })]),
        ),
      ),
    );
    expect(merged.checks.map((c) => c.id)).toEqual(['schema/a-only', 'schema/b-only', 'schema/resp-body']);
    expect(merged.checks[2]).toEqual({
      id: 'schema/resp-body',
      title: 'title of schema/resp-body',
      status: 'pass',
      requests: 10,
      durationMs: 55,
    });
    expect(merged.durationMs).toBe(10 + 10 + 55);
  });

  it('fails when a check failed in any shard, keeping the reason of the outcome that stands', () => {
    const merged = respBody(
      mergeAll(
        shardOf(1, 2, withChecks([check('schema/resp-body', 'skip', { reason: 'no 200 answer here' })])),
        shardOf(2, 2, withChecks([check('schema/resp-body', 'fail', { reason: 'a body broke the schema' })])),
      ),
    );
    expect(merged.status).toBe('fail');
    expect(merged.checks[0]).toMatchObject({ status: 'fail', reason: 'a body broke the schema' });
  });

  it('keeps the reason of a shard that gave one when the check ended the same in a shard that gave none', () => {
    const merged = respBody(
      mergeAll(
        shardOf(1, 2, withChecks([check('schema/resp-body', 'skip')])),
        shardOf(2, 2, withChecks([check('schema/resp-body', 'skip', { reason: 'no 200 answer here' })])),
      ),
    );
    expect(merged.checks[0]).toMatchObject({ status: 'skip', reason: 'no 200 answer here' });
  });

  it('gives the reasons of every shard once, sorted', () => {
    const merged = respBody(
      mergeAll(
        shardOf(
          1,
          2,
          withChecks([check('schema/resp-body', 'skip')], { reasons: ['schema/resp-body: zebra', 'schema/other: apple'] }),
        ),
        shardOf(
          2,
          2,
          withChecks([check('schema/resp-body', 'skip')], { reasons: ['schema/resp-body: mango', 'schema/other: apple'] }),
        ),
      ),
    );
    expect(merged.reasons).toEqual(['schema/other: apple', 'schema/resp-body: mango', 'schema/resp-body: zebra']);
  });

  it('keeps no reason when the outcome that stands gave none', () => {
    const merged = respBody(
      mergeAll(
        shardOf(1, 2, withChecks([check('schema/resp-body', 'skip', { reason: 'no 200 answer here' })])),
        shardOf(2, 2, withChecks([check('schema/resp-body', 'pass')])),
      ),
    );
    expect(merged.checks[0]!.status).toBe('pass');
    expect(merged.checks[0]).not.toHaveProperty('reason');
  });

  it('errs when a check erred in one shard and none failed', () => {
    const merged = respBody(
      mergeAll(
        shardOf(1, 2, withChecks([check('schema/resp-body', 'error')])),
        shardOf(2, 2, withChecks([check('schema/resp-body', 'pass')])),
      ),
    );
    expect(merged.status).toBe('error');
  });

  it('skips when no shard ran a check of it', () => {
    const merged = respBody(mergeAll(shardOf(1, 2, withChecks([])), shardOf(2, 2, withChecks([]))));
    expect(merged.status).toBe('skip');
    expect(merged.durationMs).toBe(0);
  });

  it('adds the failure counts and the ungrouped counts, and lists no groups when there are none', () => {
    const counted = (failureCount: number, ungroupedCount?: number) =>
      withChecks([check('schema/resp-body', 'fail')], {
        failureCount,
        ...(ungroupedCount !== undefined ? { ungroupedCount } : {}),
      });
    const merged = respBody(mergeAll(shardOf(1, 2, counted(3, 2)), shardOf(2, 2, counted(4))));
    expect(merged.failureCount).toBe(7);
    expect(merged.ungroupedCount).toBe(2);
    expect(merged).not.toHaveProperty('failureGroups');
    const none = respBody(mergeAll(shardOf(1, 2, counted(1)), shardOf(2, 2, counted(1))));
    expect(none).not.toHaveProperty('ungroupedCount');
  });
});

describe('the failures kept', () => {
  const withFailures = (failures: FailureEvidence[]) =>
    withRequirement('RESP-BODY', (r) => ({
      ...r,
      status: 'fail',
      checks: [check('schema/resp-body', 'fail')],
      failures,
      failureCount: failures.length,
    }));
  const kept = (a: FailureEvidence[], b: FailureEvidence[]) =>
    mergeAll(shardOf(1, 2, withFailures(a)), shardOf(2, 2, withFailures(b))).requirements.find((r) => r.id === 'RESP-BODY')!
      .failures;
  const exchangeNumbered = (n: number) =>
    ({
      id: `schema/resp-body#${n}`,
      request: { method: 'GET', url: `http://t/x?${n}`, headers: {} },
    }) as unknown as NonNullable<FailureEvidence['exchange']>;
  const fuzzCase = (numRuns: number) => ({ seed: 1, path: '0', counterexample: '[]', numRuns, shrinks: 0 });

  it('come in the order of an unsharded run: by check, then by the request that showed them', () => {
    const failures = kept(
      [failureOf('schema/z', 'z'), failureOf('schema/resp-body', 'third', { exchange: exchangeNumbered(12) })],
      [
        failureOf('schema/resp-body', 'second', { exchange: exchangeNumbered(9) }),
        failureOf('schema/resp-body', 'first', { exchange: exchangeNumbered(2) }),
      ],
    );
    expect(failures.map((f) => f.message)).toEqual(['first', 'second', 'third', 'z']);
  });

  it('order fuzz failures by the case that first failed', () => {
    const failures = kept(
      [failureOf('fuzz/no-5xx', 'late', { fuzz: fuzzCase(30) })],
      [failureOf('fuzz/no-5xx', 'early', { fuzz: fuzzCase(4) })],
    );
    expect(failures.map((f) => f.message)).toEqual(['early', 'late']);
  });

  it('hold a failure two shards saw once, but two failures that differ in title or message twice', () => {
    const same = failureOf('schema/resp-body', 'same');
    const failures = kept([same, { ...same, title: 'another title' }], [same, { ...same, message: 'another message' }]);
    expect(failures).toHaveLength(3);
    expect(failures.filter((f) => f.message === 'same' && f.title === same.title)).toHaveLength(1);
  });

  it(`are at most ${KEPT_FAILURES}, the first ones`, () => {
    const many = (from: number) =>
      Array.from({ length: 4 }, (_, k) =>
        failureOf('schema/resp-body', `#${from + k}`, { exchange: exchangeNumbered(from + k) }),
      );
    const failures = kept(many(1), many(5));
    expect(failures.map((f) => f.message)).toEqual(['#1', '#2', '#3', '#4', '#5'].slice(0, KEPT_FAILURES));
  });
});

describe('failure groups and waivers across shards', () => {
  const waiver: Waiver = { requirement: 'RESP-BODY', expires: '2026-12-31', reason: 'known defect 123' };
  const signature = (code: number) => ({
    requirement: 'RESP-BODY',
    check: 'schema/resp-body',
    codes: [code],
    key: 'warning code',
  });
  const group = (code: number, count: number, requests: string[], waived: boolean): FailureGroup =>
    ({
      signature: signature(code),
      count,
      requests,
      failure: failureOf('schema/resp-body', `code ${code}`),
      ...(waived ? { waiver } : {}),
    }) as FailureGroup;
  /** RESP-BODY failed in this shard with these groups; waived when every group is. */
  const withGroups = (groups: FailureGroup[]) =>
    withRequirement('RESP-BODY', (r) => {
      const waived = groups.length > 0 && groups.every((g) => g.waiver);
      return {
        ...r,
        status: waived ? 'waived' : 'fail',
        checks: [check('schema/resp-body', 'fail')],
        failures: groups.map((g) => g.failure),
        failureCount: groups.reduce((n, g) => n + g.count, 0),
        failureGroups: groups,
        ...(waived ? { waiver } : {}),
      };
    });
  const respBody = (a: FailureGroup[], b: FailureGroup[]) =>
    mergeAll(shardOf(1, 2, withGroups(a)), shardOf(2, 2, withGroups(b))).requirements.find((r) => r.id === 'RESP-BODY')!;

  it('join groups of one cause: counts added, requests appended up to the kept number', () => {
    const urls = (from: number, n: number) => Array.from({ length: n }, (_, k) => `http://t/?${from + k}`);
    const merged = respBody(
      [group(9004, 2, urls(0, 2), false)],
      [group(9004, 3, urls(2, 3), false), group(9005, 1, urls(9, 1), false)],
    );
    expect(merged.failureGroups!.map((g) => [g.signature.codes, g.count])).toEqual([
      [[9004], 5],
      [[9005], 1],
    ]);
    expect(merged.failureGroups![0]!.requests).toEqual(urls(0, 5));
    const crowded = respBody([group(9004, 8, urls(0, 8), false)], [group(9004, 8, urls(8, 8), false)]);
    expect(crowded.failureGroups![0]!.requests).toEqual(urls(0, KEPT_GROUP_REQUESTS));
  });

  it('waive a requirement whose every cause is waived, in whichever shard the waiver was found', () => {
    expect(respBody([group(9004, 1, [], true)], [group(9004, 1, [], false)])).toMatchObject({ status: 'waived', waiver });
    expect(respBody([group(9004, 1, [], false)], [group(9004, 1, [], true)])).toMatchObject({ status: 'waived', waiver });
    expect(respBody([group(9004, 1, [], true)], [group(9004, 1, [], true)]).failureGroups![0]!.waiver).toEqual(waiver);
  });

  it('do not waive a requirement when one shard found a cause no waiver covers', () => {
    const merged = respBody([group(9004, 1, [], true)], [group(9005, 1, [], false)]);
    expect(merged.status).toBe('fail');
    expect(merged).not.toHaveProperty('waiver');
    expect(merged.failureGroups!.find((g) => g.signature.codes?.[0] === 9005)).not.toHaveProperty('waiver');
  });

  it('do not waive a requirement that passed in the merged run', () => {
    const passing = withRequirement('RESP-BODY', (r) => ({ ...r, waiver, checks: [check('schema/resp-body', 'pass')] }));
    const merged = mergeAll(shardOf(1, 2, passing), shardOf(2, 2, passing)).requirements.find((r) => r.id === 'RESP-BODY')!;
    expect(merged.status).toBe('pass');
    expect(merged).not.toHaveProperty('waiver');
  });
});

describe('the merged waiver lists', () => {
  const waiver = (requirement: string, reason = `known: ${requirement}`): Waiver => ({
    requirement,
    expires: '2026-12-31',
    reason,
  });
  const withWaivers = (waivers: Partial<WaiverReport>) => (r: ConformanceReport) => ({
    ...r,
    waivers: { applied: [], expired: [], unused: [], unknown: [], ...waivers },
  });

  it('hold each waiver once, and a waiver applied in one shard is not unused', () => {
    const merged = mergeAll(
      shardOf(
        1,
        2,
        withWaivers({
          applied: [waiver('A')],
          unused: [waiver('B'), waiver('C')],
          expired: [waiver('E')],
          unknown: [waiver('U')],
        }),
      ),
      shardOf(
        2,
        2,
        withWaivers({
          applied: [waiver('B')],
          unused: [waiver('A'), waiver('C')],
          expired: [waiver('E')],
          unknown: [waiver('U')],
        }),
      ),
    ).waivers;
    expect(merged).toEqual({
      applied: [waiver('A'), waiver('B')],
      expired: [waiver('E')],
      unused: [waiver('C')],
      unknown: [waiver('U')],
    });
  });

  it('tell apart two waivers of one requirement with different reasons or expiry dates', () => {
    const later = { ...waiver('A'), expires: '2027-06-30' };
    const merged = mergeAll(
      shardOf(1, 2, withWaivers({ unused: [waiver('A'), waiver('A', 'another reason')] })),
      shardOf(2, 2, withWaivers({ applied: [later] })),
    ).waivers;
    expect(merged.unused).toEqual([waiver('A'), waiver('A', 'another reason')]);
    expect(merged.applied).toEqual([later]);
  });

  it('hold the disputes of every shard, and none when no shard has one', () => {
    const dispute = (requirement: string) => ({
      waiver: { ...waiver(requirement), kind: 'disputed' as const },
      requirement,
      text: `dispute ${requirement}`,
    });
    const merged = mergeAll(
      shardOf(1, 2, withWaivers({ disputes: [dispute('A')] })),
      shardOf(2, 2, withWaivers({ disputes: [dispute('B')] })),
    );
    expect(merged.waivers.disputes).toEqual([dispute('A'), dispute('B')]);
    const oneSided = mergeAll(shardOf(1, 2), shardOf(2, 2, withWaivers({ disputes: [dispute('B')] })));
    expect(oneSided.waivers.disputes).toEqual([dispute('B')]);
    expect(mergeAll(shardOf(1, 2), shardOf(2, 2)).waivers).not.toHaveProperty('disputes');
  });
});

describe('the merged fuzz summary', () => {
  type Property = FuzzSummary['properties'][number];
  const property = (requirement: string, name: string, runs: number, status: Property['status']): Property => ({
    requirement,
    name,
    runs,
    status,
  });
  const withFuzz =
    (properties: Property[], seed = 1337) =>
    (r: ConformanceReport) => ({ ...r, fuzz: { seed, runs: 100, properties } });

  it('adds the runs of each property, failing if any share failed, erring if one erred and none failed', () => {
    const merged = mergeAll(
      shardOf(
        1,
        2,
        withFuzz([
          property('FUZZ-B', 'p', 50, 'pass'),
          property('FUZZ-A', 'q', 50, 'fail'),
          property('FUZZ-A', 'p', 50, 'error'),
        ]),
      ),
      shardOf(
        2,
        2,
        withFuzz([property('FUZZ-A', 'q', 40, 'pass'), property('FUZZ-A', 'p', 40, 'pass'), property('FUZZ-B', 'p', 50, 'pass')]),
      ),
    ).fuzz;
    expect(merged).toEqual({
      seed: 1337,
      runs: 100,
      properties: [
        property('FUZZ-A', 'p', 90, 'error'),
        property('FUZZ-A', 'q', 90, 'fail'),
        property('FUZZ-B', 'p', 100, 'pass'),
      ],
    });
  });

  it('fails a property that failed in one share and erred in another', () => {
    const merged = mergeAll(
      shardOf(1, 2, withFuzz([property('FUZZ-A', 'p', 50, 'error')])),
      shardOf(2, 2, withFuzz([property('FUZZ-A', 'p', 50, 'fail')])),
    ).fuzz;
    expect(merged!.properties[0]!.status).toBe('fail');
  });

  it('takes the seed of the first shard, and is absent when no shard fuzzed', () => {
    const seeded = mergeAll(shardOf(2, 2, withFuzz([], 9)), shardOf(1, 2, withFuzz([], 8)));
    expect(seeded.fuzz!.seed).toBe(8);
    const unfuzzed = (r: ConformanceReport): ConformanceReport => {
      const { fuzz: _fuzz, ...rest } = r;
      return rest;
    };
    expect(mergeAll(shardOf(1, 2, unfuzzed), shardOf(2, 2, unfuzzed))).not.toHaveProperty('fuzz');
  });
});
