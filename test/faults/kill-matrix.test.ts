import { beforeAll, describe, expect, it } from 'vitest';
import { buildFaults } from '../../src/faults/index.js';
import { defineFault } from '../../src/faults/fault.js';
import { isolation, renderKillMatrixMarkdown, runSelftest, summaryLine, type KillMatrix } from '../../src/faults/selftest.js';
import { suiteOf } from '../../src/check/check.js';
import { catalog, spec } from '../support/harness.js';

const FAULTS = buildFaults(spec);

const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

describe('the kill matrix', () => {
  let matrix: KillMatrix;
  beforeAll(async () => {
    // Every fault under one seed, the plain reference under ten, in this thread.
    matrix = await runSelftest({ spec, faults: FAULTS, seeds: SEEDS, faultSeeds: 1, fuzzRuns: 100, workers: 0 });
  }, 300_000);

  it('has at least 40 faults, spread over every suite, with unique ids naming real requirements', () => {
    expect(FAULTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(FAULTS.map((f) => f.id)).size).toBe(FAULTS.length);
    const suites = new Set(FAULTS.map((f) => f.id.split('/')[0]));
    for (const suite of [
      'schema',
      'transport',
      'auth',
      'errors',
      'parameters',
      'pagination',
      'flags',
      'alternate-currencies',
      'user-groups',
      'identifiers',
      'golden',
      'fuzz',
    ]) {
      expect(suites, suite).toContain(suite);
    }
    for (const fault of FAULTS)
      for (const id of fault.trips) expect(spec.requirement(id), `${fault.id} trips ${id}`).toBeDefined();
  });

  it('the plain reference is clean under every seed', () => {
    expect(matrix.reference.filter((r) => r.verdict !== 'conformant' || r.failed.length > 0 || r.errored.length > 0)).toEqual([]);
    expect(matrix.summary.seedsClean).toBe(SEEDS.length);
  });

  it('no fault survives', () => {
    expect(
      matrix.faults
        .filter((f) => !f.killed)
        .map((f) => `${f.id}: declared ${f.trips.join(', ')}, failed ${f.failed.join(', ') || 'nothing'}`),
    ).toEqual([]);
  });

  it('no fault breaks the suite itself (a fault is a finding, never an error)', () => {
    expect(matrix.faults.filter((f) => f.errored.length > 0).map((f) => `${f.id}: ${f.errored.join(', ')}`)).toEqual([]);
  });

  it('every requirement is tripped by at least one fault', () => {
    expect(matrix.untested).toEqual([]);
  });

  it('every check and observer is the only failing one of its requirement under at least one fault', () => {
    // Computed from the catalog: a check added without a fault that fails it alone shows here.
    expect(matrix.checks.map((c) => c.id).sort()).toEqual([...catalog.checks, ...catalog.observers].map((c) => c.id).sort());
    expect(matrix.unisolated).toEqual([]);
    const checks = matrix.checks.length;
    expect(summaryLine(matrix)).toBe(
      `faults killed ${FAULTS.length}/${FAULTS.length}, seeds clean ${SEEDS.length}/${SEEDS.length}, requirements covered ${spec.requirements.length}/${spec.requirements.length}, checks isolated ${checks}/${checks}`,
    );
  });
});

describe('the kill matrix itself', () => {
  it('reports a fault that survives and a requirement left untested', async () => {
    const harmless = defineFault({
      id: 'schema/harmless',
      title: 'changes nothing',
      trips: ['RESP-BODY'],
      build: ({ reference }) => reference,
    });
    const matrix = await runSelftest({ spec, faults: [harmless], seeds: [1], fuzzRuns: 10, workers: 0 });
    expect(matrix.faults[0]).toMatchObject({
      id: 'schema/harmless',
      killed: false,
      tripped: { 'RESP-BODY': false },
      nonConformant: [false],
    });
    expect(matrix.untested).toContain('RESP-BODY');
    expect(matrix.summary.faultsKilled).toBe(0);
    const markdown = renderKillMatrixMarkdown(matrix);
    expect(markdown).toContain('| `schema/harmless` | changes nothing | ✗ 0/1 | ✗ RESP-BODY | — |');
    expect(markdown).toContain('| RESP-BODY | MUST | **untested** |');
    // No fault failed any check: none is isolated, and the report lists them all.
    expect(matrix.checks.length).toBeGreaterThan(0);
    expect(matrix.unisolated).toEqual(matrix.checks.map((c) => c.id));
    expect(markdown).toMatch(/\| `schema\/[a-z-]+` \| RESP-[A-Z-]+ \| \*\*no fault\*\* \|/);
    expect(markdown).toContain(`Checks no fault isolates: ${matrix.unisolated.join(', ')}.`);
  });

  it('isolates a check only when it alone failed its requirement (observers aside), every check of it judged', () => {
    const all = [...new Set([...catalog.checks, ...catalog.observers].map(suiteOf))];
    const row = (id: string, requirement: string, failing: string[], suites = all) => ({
      id,
      title: id,
      trips: [requirement],
      nonConformant: [true],
      tripped: { [requirement]: true },
      failed: [requirement],
      errored: [],
      failedChecksBySeed: [{}, { [requirement]: failing }],
      suites,
      killed: true,
    });
    // Two checks of one requirement: each must fail without the other.
    const twice = spec.requirements.find((r) => catalog.checks.filter((c) => c.requirement === r.id).length >= 2)!;
    const [a, b] = catalog.checks.filter((c) => c.requirement === twice.id);
    const rows = isolation(catalog, [
      row('both', twice.id, [a!.id, b!.id]),
      row('a-alone', twice.id, [a!.id]),
      row('b-alone-but-suites-missing', twice.id, [b!.id], []),
    ]);
    expect(rows.find((r) => r.id === a!.id)!.isolatedBy).toEqual(['a-alone']);
    expect(rows.find((r) => r.id === b!.id)!.isolatedBy).toEqual([]);
    // A check and an observer of one requirement: the check may fail beside the observer, the observer must fail alone.
    const watched = spec.requirements.find(
      (r) => catalog.checks.some((c) => c.requirement === r.id) && catalog.observers.some((o) => o.requirement === r.id),
    )!;
    const check = catalog.checks.find((c) => c.requirement === watched.id)!;
    const observer = catalog.observers.find((o) => o.requirement === watched.id)!;
    const watchedRows = isolation(catalog, [
      row('check-and-observer', watched.id, [check.id, observer.id]),
      row('observer-alone', watched.id, [observer.id]),
    ]);
    expect(watchedRows.find((r) => r.id === check.id)!.isolatedBy).toEqual(['check-and-observer']);
    expect(watchedRows.find((r) => r.id === observer.id)!.isolatedBy).toEqual(['observer-alone']);
  });
});
