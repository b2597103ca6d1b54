/**
 * Merging shards, mechanism by mechanism, on reports built by hand: every "same run" field
 * refuses a shard that differs in it (naming the file and the JSON pointer), and a reason a
 * check gave in one shard goes when it passed in another. `merge-sharded.test.ts` merges a
 * real sharded run with waivers.
 */
import { describe, expect, it } from 'vitest';
import { FileInvalidError } from '../../src/core/errors.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
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

  it('compares every field that makes two reports parts of one run', () => {
    // The list itself is the rule: a comparison dropped from SAME_RUN would go untested below.
    expect(SAME_RUN.map((field) => field.pointer)).toEqual([
      '/run/seed',
      '/spec/effectiveSha256',
      '/target/baseUrl',
      '/run/shard/total',
      '/tool/version',
      '/profile/sha256',
      '/run/fuzzRuns',
      '/run/gatingLevel',
      '/run/suites',
      '/run/requirementFilter',
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
