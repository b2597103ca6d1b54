/**
 * Merging shards, mechanism by mechanism: every "same run" field refuses a shard that differs
 * in it (naming the file and the JSON pointer), and a sharded run with waivers, merged, holds
 * the waivers, the waiver lists, the reasons and the failures of the unsharded run, each
 * failure once.
 */
import { describe, expect, it } from 'vitest';
import { FileInvalidError } from '../../src/core/errors.js';
import type { ConformanceReport, Waiver } from '../../src/core/report-model.js';
import { faultContext } from '../../src/faults/fault.js';
import { faults as errorFaults } from '../../src/faults/catalog/errors.js';
import { faults as fuzzFaults } from '../../src/faults/catalog/fuzz.js';
import { runSession } from '../../src/engine/session.js';
import { builtInProfile } from '../../src/profile/load.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { assertShardsOfOneRun, mergeShards, SAME_RUN } from '../../src/report/merge.js';
import { catalog, referenceFor, spec } from '../support/harness.js';
import { conformantReport } from './fixtures.js';

const ORDER = spec.requirements.map((r) => r.id);

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

/** The faulty reference of test/engine/shard.test.ts: ERR-11001 unenforced, and a crash on seven reference ids. */
function faultyReference() {
  const reference = referenceFor();
  const context = (handler: typeof reference.handler) => faultContext(spec, reference.dataset, reference.identities, handler);
  const unenforced = errorFaults(spec).find((f) => f.id === 'errors/11001-repeated-not-enforced')!;
  const crash = fuzzFaults.find((f) => f.id === 'fuzz/seven-reference-ids-crash')!;
  return crash.build(context(unenforced.build(context(reference.handler))));
}

describe('a sharded run with waivers, merged', () => {
  const reference = referenceFor();
  const handler = faultyReference();
  const today = '2026-03-01';
  const waiver = (requirement: string, expires = '2026-12-31'): Waiver => ({
    requirement,
    expires,
    reason: `known: ${requirement}`,
  });
  const waivers: Waiver[] = [
    waiver('ERR-11001'),
    waiver('RESP-NO-SERVER-ERROR'),
    waiver('ERR-9022'),
    waiver('RESP-STATUS', '2025-01-01'),
    waiver('NO-SUCH-REQUIREMENT'),
  ];
  const run = (shard?: { index: number; total: number }) =>
    runSession({
      spec,
      profile: builtInProfile(reference.profile),
      catalog,
      destination: { kind: 'in-process', handler },
      secrets: referenceSecrets(reference.identities),
      seed: 4242,
      fuzzRuns: 40,
      gatingLevel: 'MAY',
      concurrency: 8,
      suites: ['errors', 'fuzz', 'schema'],
      waivers,
      today,
      ...(shard ? { shard } : {}),
    }).then(({ report }) => report);
  const reports = Promise.all([run(), run({ index: 1, total: 2 }), run({ index: 2, total: 2 })]);
  const merged = async () => {
    const [, one, two] = await reports;
    const files = [
      { file: 'shard-1/conformance.json', report: one },
      { file: 'shard-2/conformance.json', report: two },
    ];
    assertShardsOfOneRun(files);
    return mergeShards(files, ORDER);
  };
  const keyOf = (f: { check: string; title: string; message: string }) => `${f.check}\n${f.title}\n${f.message}`;

  it('waives on the merged requirements what the unsharded run waives, and fails the same others', async () => {
    const [whole] = await reports;
    const both = await merged();
    const statuses = (r: ConformanceReport) => r.requirements.map((q) => [q.id, q.status, q.waiver?.requirement ?? '-']);
    expect(
      statuses(whole)
        .filter(([, status]) => status === 'waived')
        .map(([id]) => id)
        .sort(),
    ).toEqual(['ERR-11001', 'RESP-NO-SERVER-ERROR']);
    expect(statuses(both)).toEqual(statuses(whole));
    expect([both.verdict, both.exitCode]).toEqual([whole.verdict, whole.exitCode]);
  });

  it('lists the waivers applied, unused, expired and unknown as the unsharded run does', async () => {
    const [whole, one, two] = await reports;
    const names = (list: readonly Waiver[]) => list.map((w) => w.requirement).sort();
    // A shard that did not judge a waived failure lists the waiver as unused; the merge must not.
    const unusedSomewhere = [...one.waivers.unused, ...two.waivers.unused].map((w) => w.requirement);
    expect(unusedSomewhere.filter((id) => names(whole.waivers.applied).includes(id))).not.toEqual([]);
    const both = await merged();
    for (const list of ['applied', 'unused', 'expired', 'unknown'] as const)
      expect(names(both.waivers[list]), list).toEqual(names(whole.waivers[list]));
    expect(names(whole.waivers.unused)).toEqual(['ERR-9022']);
  });

  it('keeps each failure once when several shards saw it', async () => {
    const [, one, two] = await reports;
    const both = await merged();
    const keys = (r: ConformanceReport) => r.requirements.flatMap((q) => q.failures.map(keyOf));
    const inBoth = keys(one).filter((k) => keys(two).includes(k));
    expect(inBoth, 'the same failure seen by both shards').not.toEqual([]);
    expect(keys(both).length).toBe(new Set(keys(both)).size);
    expect(keys(both)).toEqual(expect.arrayContaining(inBoth));
  });
});
