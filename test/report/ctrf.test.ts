import { CURRENT_SPEC_VERSION, validate } from 'ctrf';
import type { CTRFReport } from 'ctrf';
import { describe, expect, it } from 'vitest';
import { CTRF_SPEC_VERSION, renderCtrf } from '../../src/report/renderers/ctrf.js';
import { conformantReport, deepFreeze, nonConformantReport, skipsWaiversErrorsReport } from './fixtures.js';

describe('renderCtrf', () => {
  const report = deepFreeze(nonConformantReport());
  const ctrf = JSON.parse(renderCtrf(report)) as CTRFReport;
  const testFor = (id: string) => ctrf.results.tests.find((t) => t.testId === id);

  it('should validate against the schema shipped in the ctrf package', () => {
    for (const document of [
      ctrf,
      JSON.parse(renderCtrf(conformantReport())) as unknown,
      JSON.parse(renderCtrf(skipsWaiversErrorsReport())) as unknown,
    ]) {
      const result = validate(document);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    }
    expect(CTRF_SPEC_VERSION).toBe(CURRENT_SPEC_VERSION);
  });

  it('should have one test per requirement, named "<ID> <title>"', () => {
    expect(ctrf.results.tests.map((t) => t.name)).toEqual(report.requirements.map((r) => `${r.id} ${r.title}`));
    expect(testFor('ERR-9022')).toMatchObject({ suite: ['errors'], tags: ['MUST', 'errors'] });
  });

  it('should map outcomes to CTRF statuses, keeping the original in rawStatus', () => {
    const statuses = Object.fromEntries(ctrf.results.tests.map((t) => [t.testId, [t.status, t.rawStatus]]));
    expect(statuses['RESP-CONTENT-TYPE']).toEqual(['passed', 'pass']);
    expect(statuses['RESP-BODY']).toEqual(['failed', 'fail']);
    expect(statuses['UG-PRIMARY']).toEqual(['skipped', 'skip']);
    expect(statuses['AUTH-BASIC-MD5']).toEqual(['other', 'error']);
    expect(statuses['ACUR-WARN']).toEqual(['other', 'waived']);
  });

  it('should count the summary from the tests it lists', () => {
    const { summary, tests } = ctrf.results;
    const count = (status: string) => tests.filter((t) => t.status === status).length;
    expect(summary).toMatchObject({
      tests: tests.length,
      passed: count('passed'),
      failed: count('failed'),
      skipped: count('skipped'),
      pending: 0,
      other: count('other'),
    });
    expect(summary.passed + summary.failed + summary.skipped + summary.pending + summary.other).toBe(summary.tests);
    expect([summary.failed, summary.other]).toEqual([6, 2]);
  });

  it('should take start and stop from the run', () => {
    expect(ctrf.results.summary.start).toBe(Date.parse('2025-06-03T10:15:40.123Z'));
    expect(ctrf.results.summary.stop - ctrf.results.summary.start).toBe(187_432);
  });

  it('should put the failure in message and trace, and the requirement data in extra', () => {
    const failed = testFor('ERR-9022');
    expect(failed?.message).toBe('Response status is not 400 (+6 more)');
    const curl = report.requirements.find((r) => r.id === 'ERR-9022')?.failures[0]?.curl ?? '';
    expect(failed?.trace).toContain(curl);
    expect(failed?.extra).toMatchObject({ requirement: 'ERR-9022', level: 'MUST', failureCount: 7 });
    expect((failed?.extra?.curl as string[]).length).toBe(3);
    expect(testFor('ACUR-WARN')?.extra?.waiver).toEqual(report.waivers.applied[0]);
    expect(testFor('UG-PRIMARY')?.message).toBe('The profile lists no user group with a primary member.');
    expect(testFor('RESP-CONTENT-TYPE')?.message).toBeUndefined();
  });

  it('should give each test the wall time of its checks, and its basis, sources and named spec refs', () => {
    for (const requirement of report.requirements) {
      expect(testFor(requirement.id)?.duration).toBe(requirement.durationMs);
    }
    expect(report.requirements.every((r) => r.durationMs > 0)).toBe(true);
    expect(testFor('PAGE-PARTITION')?.extra).toMatchObject({
      basis: 'decided',
      sources: ['D4'],
      specRefs: [
        { pointer: '#/paths/~1v2~1pointsLedger~1getLedgerExplodeInfo/get/x-ledger-pagination', label: 'x-ledger-pagination' },
        { label: 'parameter offset' },
        { label: 'parameter limit' },
      ],
    });
  });

  it('should carry the dialect and the coverage of the gating level', () => {
    const other = JSON.parse(renderCtrf(skipsWaiversErrorsReport())) as CTRFReport;
    expect(other.results.extra).toMatchObject({
      dialect: {
        summary:
          'dialect: 2 deviations from the canonical spec; the spec is also changed outside its knobs at 1 place (#/x-conformance/requirements/3/level)',
      },
      coverage: { summary: '5 of 11 MUST requirements proven (45.4 %); 6 not proven', judged: 11, proven: 5 },
    });
  });

  it('should record the verdict and seed for tools that read only ctrf.json', () => {
    expect(ctrf.results.extra).toMatchObject({ verdict: 'non-conformant', exitCode: 1, seed: 982451653 });
  });
});
