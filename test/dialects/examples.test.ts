/**
 * The example dialects of openapi/dialects/: the reference served with each is conformant under
 * it and found by `discover`, and the kill matrix holds under each (every fault that applies in
 * that dialect killed, every seed clean).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { buildFaults } from '../../src/faults/index.js';
import { runSelftest } from '../../src/faults/selftest.js';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import { broken, canonical, certifyUnder, discoverIn, effective, pinned, referenceOf } from './support.js';

const EXAMPLES = ['jvm-cluster.yaml', 'sibling-ledger.yaml'].map((name) => join(PACKAGE_ROOT, 'openapi', 'dialects', name));

describe.each(EXAMPLES.map((file) => [file.split('/').pop()!, file] as const))('the example dialect %s', (_, file) => {
  const spec = effective([file]);
  const reference = referenceOf(spec);
  const actions = (parse(readFileSync(file, 'utf8')) as { actions: unknown[] }).actions.length;

  it('deviates from the canonical spec at each of its actions, and nowhere else', () => {
    expect(spec.dialect.deviations).toHaveLength(actions);
    expect(spec.dialect.changedOutsideKnobs).toEqual([]);
  });

  it('the reference served with it is conformant under it', async () => {
    expect(broken(await certifyUnder(spec, reference.handler, reference.profile))).toEqual([]);
  });

  it('discover against that reference pins exactly its deviations', async () => {
    const discovery = await discoverIn(canonical, reference.handler, reference.profile);
    const expected = spec.dialect.deviations.map((d) => ({ pointer: d.pointer, value: JSON.parse(d.value) as unknown }));
    const sort = (list: { pointer: string }[]) => [...list].sort((a, b) => a.pointer.localeCompare(b.pointer));
    expect(sort(pinned(discovery))).toEqual(sort(expected));
  });

  it('the kill matrix holds under it: every fault that applies is killed, every seed is clean', async () => {
    const faults = buildFaults(spec);
    const matrix = await runSelftest({ spec, faults, seeds: [1, 2, 3], faultSeeds: 1, fuzzRuns: 100, workers: 0 });
    expect(matrix.reference.filter((r) => r.verdict !== 'conformant' || r.failed.length > 0 || r.errored.length > 0)).toEqual([]);
    expect(
      matrix.faults
        .filter((f) => !f.killed)
        .map((f) => `${f.id}: declared ${f.trips.join(', ')}, failed ${f.failed.join(', ') || 'nothing'}`),
    ).toEqual([]);
    expect(matrix.faults.filter((f) => f.errored.length > 0).map((f) => `${f.id}: ${f.errored.join(', ')}`)).toEqual([]);
  }, 900_000);
});
