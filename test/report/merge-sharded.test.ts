/**
 * A sharded run with waivers, merged: it holds the waivers, the waiver lists and the failures of
 * the unsharded run, each failure once (one waived failure is judged in one shard only, so the
 * other shard lists its waiver as unused).
 */
import { describe, expect, it } from 'vitest';
import type { ConformanceReport, Waiver } from '../../src/core/report-model.js';
import { faultContext } from '../../src/faults/fault.js';
import { faults as errorFaults } from '../../src/faults/catalog/errors.js';
import { faults as fuzzFaults } from '../../src/faults/catalog/fuzz.js';
import { runSession } from '../../src/engine/session.js';
import { builtInProfile } from '../../src/profile/load.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { assertShardsOfOneRun, mergeShards } from '../../src/report/merge.js';
import { catalog, referenceFor, spec } from '../support/harness.js';

const ORDER = spec.requirements.map((r) => r.id);

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
