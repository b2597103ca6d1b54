/**
 * From what each requirement collected to its result (src/engine/judge.ts), on collections built
 * by hand against the packaged spec: the requirements of the run in catalog order, each combined
 * from its checks, its failures grouped by cause, and waivers applied last, group by group.
 */
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/contract/load.js';
import type { CheckResult, FailureEvidence, Waiver } from '../../src/core/report-model.js';
import { collectionFor, keepFailure, type Collected } from '../../src/engine/collect.js';
import { groupFailure } from '../../src/engine/groups.js';
import { judgeRequirements } from '../../src/engine/judge.js';
import { specRefLabels } from '../../src/engine/spec-labels.js';

const spec = loadSpec();
const today = '2026-06-01';
// The first requirements of the catalog: RESP-STATUS and RESP-CONTENT-TYPE carry evidence, RESP-NO-UNDOCUMENTED-FIELDS none.
const [STATUS, CONTENT_TYPE, BODY, UNDOCUMENTED] = spec.requirements.map((r) => r.id);

const check = (id: string, status: CheckResult['status'], durationMs = 5): CheckResult => ({
  id,
  title: id,
  status,
  requests: 1,
  durationMs,
});

/** A collection for `ids`, each given its checks; failures are added with `fail`. */
function collect(checksOf: Record<string, CheckResult[]>): Map<string, Collected> {
  const collected = collectionFor(Object.keys(checksOf));
  for (const [id, checks] of Object.entries(checksOf)) collected.get(id)!.checks.push(...checks);
  return collected;
}

/** Records one failure of `check`, in the group of `code`, at `order`. */
function fail(c: Collected, requirement: string, check: string, code: number, order: string): FailureEvidence {
  const evidence: FailureEvidence = { check, title: `code ${code} at ${order}`, message: 'm' };
  keepFailure(c, { order, evidence });
  groupFailure(
    c.groups,
    { requirement, check, status: 400, codes: [code] },
    { order, url: `http://t/?${order}` },
    () => evidence,
  );
  return evidence;
}

const judge = (collected: Map<string, Collected>, waivers: Waiver[] = []) =>
  judgeRequirements(spec, collected, { waivers, today });

describe('judgeRequirements', () => {
  it('judges the requirements the run collected, in catalog order', () => {
    const collected = collect({ [UNDOCUMENTED!]: [check('s/u', 'pass')], [STATUS!]: [check('s/s', 'pass')] });
    expect(judge(collected).requirements.map((r) => r.id)).toEqual([STATUS, UNDOCUMENTED]);
  });

  it('copies what the spec says of each requirement, evidence only where it gives some', () => {
    const { requirements } = judge(collect({ [STATUS!]: [check('s/s', 'pass')], [UNDOCUMENTED!]: [check('s/u', 'pass')] }));
    const declared = spec.requirement(STATUS!)!;
    expect(requirements[0]).toMatchObject({
      id: declared.id,
      level: declared.level,
      title: declared.title,
      suite: declared.suite,
      basis: declared.basis,
      sources: declared.sources,
      evidence: declared.evidence,
      specRefs: declared.governs,
      specRefLabels: specRefLabels(spec, declared.governs),
    });
    expect(requirements[1]).not.toHaveProperty('evidence');
  });

  it('combines the checks, sorted by id, and adds their durations', () => {
    const collected = collect({
      [BODY!]: [check('s/z', 'pass', 7), check('s/a', 'skip', 3)],
      [STATUS!]: [check('s/b', 'error'), check('s/c', 'pass')],
    });
    const [status, body] = judge(collected).requirements;
    expect(body).toMatchObject({ status: 'pass', durationMs: 10 });
    expect(body!.checks.map((c) => c.id)).toEqual(['s/a', 's/z']);
    expect(status!.status).toBe('error');
  });

  it('skips a requirement no selected check proves, saying so', () => {
    const [result] = judge(collect({ [STATUS!]: [] })).requirements;
    expect(result).toMatchObject({
      status: 'skip',
      durationMs: 0,
      reasons: ['no check of the selected suites proves this requirement'],
    });
  });

  it('gives the reasons sorted', () => {
    const collected = collect({ [STATUS!]: [check('s/s', 'skip')] });
    collected.get(STATUS!)!.reasons.push('s/s: zebra', 's/s: apple');
    expect(judge(collected).requirements[0]!.reasons).toEqual(['s/s: apple', 's/s: zebra']);
  });

  it('keeps the failures, their count, and their groups in the order of their earliest failure', () => {
    const collected = collect({ [STATUS!]: [check('s/s', 'fail')], [CONTENT_TYPE!]: [check('s/c', 'pass')] });
    const c = collected.get(STATUS!)!;
    fail(c, STATUS!, 's/s', 9005, '2');
    const earliest = fail(c, STATUS!, 's/s', 9004, '1');
    fail(c, STATUS!, 's/s', 9005, '3');
    const [result, passed] = judge(collected).requirements;
    expect(result).toMatchObject({ status: 'fail', failureCount: 3 });
    expect(result!.failures[0]).toEqual(earliest);
    expect(result!.failureGroups!.map((g) => [g.signature.codes, g.count, g.requests])).toEqual([
      [[9004], 1, ['http://t/?1']],
      [[9005], 2, ['http://t/?2', 'http://t/?3']],
    ]);
    expect(result).not.toHaveProperty('ungroupedCount');
    expect(passed).not.toHaveProperty('failureGroups');
  });

  it('counts the failures past the bound on groups', () => {
    const collected = collect({ [STATUS!]: [check('s/s', 'fail')] });
    collected.get(STATUS!)!.groups.ungrouped = 4;
    expect(judge(collected).requirements[0]!.ungroupedCount).toBe(4);
  });
});

describe('judgeRequirements with waivers', () => {
  const waiver = (extra: Partial<Waiver> = {}): Waiver => ({
    requirement: STATUS!,
    expires: '2026-12-31',
    reason: 'LEDGER-7',
    ...extra,
  });
  /** STATUS failed with two causes (codes 9004 and 9005); CONTENT_TYPE passed. */
  const twoCauses = () => {
    const collected = collect({ [STATUS!]: [check('s/s', 'fail')], [CONTENT_TYPE!]: [check('s/c', 'pass')] });
    fail(collected.get(STATUS!)!, STATUS!, 's/s', 9004, '1');
    fail(collected.get(STATUS!)!, STATUS!, 's/s', 9005, '2');
    return collected;
  };

  it('waives a failed requirement a waiver covers whole', () => {
    const whole = waiver();
    const { requirements, waivers } = judge(twoCauses(), [whole]);
    expect(requirements[0]).toMatchObject({ status: 'waived', waiver: whole });
    expect(requirements[0]!.failureGroups!.map((g) => g.waiver)).toEqual([whole, whole]);
    expect(waivers).toEqual({ applied: [whole], expired: [], unused: [], unknown: [] });
  });

  it('leaves a requirement failing when a waiver covers one of its causes only, marking that group', () => {
    const narrow = waiver({ code: 9005 });
    const { requirements, waivers } = judge(twoCauses(), [narrow]);
    expect(requirements[0]!.status).toBe('fail');
    expect(requirements[0]).not.toHaveProperty('waiver');
    expect(requirements[0]!.failureGroups!.map((g) => g.waiver)).toEqual([undefined, narrow]);
    expect(requirements[0]!.failureGroups![0]).not.toHaveProperty('waiver');
    expect(waivers.applied).toEqual([narrow]);
  });

  it('needs a whole-requirement waiver when some failures fell outside any group', () => {
    const past = () => {
      const collected = twoCauses();
      collected.get(STATUS!)!.groups.ungrouped = 2;
      return collected;
    };
    const narrow = [waiver({ code: 9004 }), waiver({ code: 9005 })];
    expect(judge(twoCauses(), narrow).requirements[0]!.status).toBe('waived');
    expect(judge(past(), narrow).requirements[0]!.status).toBe('fail');
    expect(judge(past(), [waiver()]).requirements[0]!.status).toBe('waived');
  });

  it('does not waive a requirement that did not fail: its waiver is unused', () => {
    const idle = waiver({ requirement: CONTENT_TYPE! });
    const { requirements, waivers } = judge(twoCauses(), [idle]);
    expect(requirements[1]).toMatchObject({ status: 'pass' });
    expect(requirements[1]).not.toHaveProperty('waiver');
    expect(waivers.unused).toEqual([idle]);
  });

  it('files a dispute for a disputed waiver it applied, from the first group it covers', () => {
    const disputed = waiver({ kind: 'disputed', code: 9005, reason: 'the spec never promised 9005' });
    const { waivers } = judge(twoCauses(), [disputed]);
    expect(waivers.disputes).toHaveLength(1);
    expect(waivers.disputes![0]).toMatchObject({ waiver: disputed, requirement: STATUS });
    expect(waivers.disputes![0]!.text).toContain('Why we dispute it: the spec never promised 9005');
    expect(waivers.disputes![0]!.text).toContain('Failures of this cause: 1');
    expect(waivers.disputes![0]!.text).toContain('code 9005 at 2');
  });

  it('files no dispute for a known defect, nor for a disputed waiver left unused', () => {
    expect(judge(twoCauses(), [waiver()]).waivers).not.toHaveProperty('disputes');
    expect(judge(twoCauses(), [waiver({ requirement: CONTENT_TYPE!, kind: 'disputed' })]).waivers).not.toHaveProperty('disputes');
  });
});
