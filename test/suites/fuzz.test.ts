/**
 * The fuzz suite against the reference (clean over thousands of runs), against each fault of
 * its catalog (found, shrunk to the smallest input, found again from the same seed), against a
 * target that withholds a SHOULD latitude (no false positive), and against a broken transport
 * (an error, never a failure).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { faults } from '../../src/faults/catalog/fuzz.js';
import { rewriteQuery } from '../../src/faults/wrappers.js';
import { encodeQuery, withValue, firstValue, pairsOfRawQuery } from '../../src/core/query.js';
import { caseArb, type FuzzPropertyName } from '../../src/fuzz/cases.js';
import { printRequest, type FuzzRequest } from '../../src/fuzz/request.js';
import type { ReferenceHandler } from '../../src/core/handler.js';
import type { ConformanceReport, FailureEvidence } from '../../src/core/report-model.js';
import { certify, expectClean, expectKilled, referenceFor, spec } from '../support/harness.js';

const SUITES = ['fuzz', 'schema'];
/** Enough runs to find every fault of the catalog whatever the seed; each run of a fault costs about a second. */
const KILL_RUNS = 300;
const FUZZ_REQUIREMENTS = ['RESP-NO-SERVER-ERROR', 'PARAM-VALID-ACCEPTED', 'PARAM-INVALID-REJECTED', 'RESP-DETERMINISTIC'];

const faultById = (id: string) => faults.find((f) => f.id === id)!;
const reports = new Map<string, Promise<ConformanceReport>>();
/** The report of the catalog against a fault (asserted killed), computed once per fault and seed. */
function killedReport(id: string, seed = 1): Promise<ConformanceReport> {
  const key = `${id} ${seed}`;
  if (!reports.has(key)) reports.set(key, expectKilled(faultById(id), { suites: SUITES, fuzzRuns: KILL_RUNS, seed }));
  return reports.get(key)!;
}

/** A check's fuzz failure, and the request its seed and path replay to (which the report prints). */
function counterexampleOf(report: ConformanceReport, check: string): { failure: FailureEvidence; request: FuzzRequest } {
  const failure = report.requirements.flatMap((r) => r.failures).find((f) => f.check === check && f.fuzz);
  expect(failure, `${check} reports a fuzz failure`).toBeDefined();
  const property = check.slice('fuzz/'.length) as FuzzPropertyName;
  const [request] = fc.sample(caseArb(property, spec, referenceFor().profile), {
    seed: failure!.fuzz!.seed,
    path: failure!.fuzz!.path,
    numRuns: 1,
  });
  expect(printRequest(request!)).toBe(failure!.fuzz!.counterexample);
  return { failure: failure!, request: request! };
}

/** The parameters a counterexample keeps beyond the lookup and the selector: none, once shrunk. */
const extras = (request: FuzzRequest): string[] =>
  request.pairs
    .map(([n]) => n)
    .filter(
      (n) =>
        ![
          'identifierName',
          'identifierValue',
          'source',
          'accountId',
          'type',
          'eventIds',
          'eventName',
          'eventReferenceIds',
        ].includes(n),
    );

describe('the fuzz suite against the reference', () => {
  it('finds nothing in 2000 runs of each property', async () => {
    const report = await certify({ suites: SUITES, fuzzRuns: 2000, seed: 20261126 });
    expectClean(report);
    for (const id of FUZZ_REQUIREMENTS) expect(report.requirements.find((r) => r.id === id)?.status, id).toBe('pass');
    expect(report.fuzz?.properties.map((p) => [p.requirement, p.runs, p.status])).toEqual(
      [...FUZZ_REQUIREMENTS].sort().flatMap((id) => [[id, 2000, 'pass']]),
    );
    expect(report.run.requests.total).toBeGreaterThanOrEqual(5 * 2000);
  });

  it('skips every property, with the reason, when the profile has no customer or group with events', async () => {
    const profile = { ...referenceFor().profile, customers: [], groups: [] };
    const report = await certify({ suites: ['fuzz'], profile });
    for (const id of FUZZ_REQUIREMENTS) {
      const requirement = report.requirements.find((r) => r.id === id)!;
      expect(requirement.status, id).toBe('skip');
      expect(requirement.reasons.join(' ')).toMatch(/no customer or group with events/);
    }
  });

  it('holds a SHOULD latitude against no target: one that matches letter case exactly passes every property', async () => {
    const names = (spec.parameter('identifierName').enumValues ?? []).map(String);
    const caseless = new Set(spec.knobs.identifiers.caseInsensitiveValues);
    // A target that matches identifier names and email values exactly (two SHOULDs it breaks).
    const strict: ReferenceHandler = rewriteQuery(referenceFor().handler, (pairs) => {
      const name = firstValue(pairs, 'identifierName');
      const value = firstValue(pairs, 'identifierValue');
      if (name && !names.includes(name)) return withValue(pairs, 'identifierName', `${name}-unknown`);
      if (name && caseless.has(name) && value && value !== value.toLowerCase())
        return withValue(pairs, 'identifierValue', `${value}-unknown`);
      return pairs;
    });
    const report = await certify({ suites: ['fuzz'], fuzzRuns: 300, handler: strict });
    expectClean(report);
  });

  it('reports a transport failure as an error, never as a failure', async () => {
    const reference = referenceFor().handler;
    // A target that drops the connection on one class of input.
    const dropping: ReferenceHandler = (request) => {
      if (
        /[^\x00-\x7f]/.test(
          pairsOfRawQuery(request.rawQuery)
            .map(([, v]) => v)
            .join(''),
        )
      )
        throw new Error('socket hang up');
      return reference(request);
    };
    const report = await certify({ suites: ['fuzz'], fuzzRuns: 300, handler: dropping });
    const statuses = report.requirements.filter((r) => FUZZ_REQUIREMENTS.includes(r.id)).map((r) => r.status);
    expect(statuses).not.toContain('fail');
    expect(statuses).toContain('error');
    expect(report.fuzz?.properties.some((p) => p.status === 'error')).toBe(true);
    expect(report.requirements.flatMap((r) => r.reasons).join(' ')).toMatch(/CT_CONNECTION/);
  });
});

describe('fuzz faults are caught', () => {
  it.each(faults.map((f) => [f.id] as const))('%s', async (id) => {
    const report = await killedReport(id);
    // Every failure the fuzzer reports carries what replays it.
    for (const failure of report.requirements.flatMap((r) => r.failures).filter((f) => f.check.startsWith('fuzz/'))) {
      expect(failure.fuzz, failure.title).toBeDefined();
      expect(failure.curl, failure.title).toMatch(/^curl /);
    }
  });
});

describe('a fault is shrunk to its smallest input', () => {
  it('seven reference ids: exactly seven, and nothing else but the lookup and the selector', async () => {
    const { request } = counterexampleOf(await killedReport('fuzz/seven-reference-ids-crash'), 'fuzz/valid-accepted');
    expect(firstValue(request.pairs, 'eventReferenceIds')!.split(',')).toHaveLength(7);
    expect(extras(request)).toEqual([]);
  });

  it('an upper-case email: exactly one upper-case letter', async () => {
    const { request, failure } = counterexampleOf(await killedReport('fuzz/email-upper-case-crash'), 'fuzz/valid-accepted');
    const value = firstValue(request.pairs, 'identifierValue')!;
    expect([...value].filter((ch) => ch !== ch.toLowerCase())).toHaveLength(1);
    expect(extras(request)).toEqual([]);
    // The answer attached is the shrunk request's: its curl line carries the counterexample.
    expect(failure.curl).toContain(encodeQuery([['identifierValue', value]]));
  });

  it('a non-ASCII identifier value: one or two code points', async () => {
    const { request } = counterexampleOf(await killedReport('fuzz/non-ascii-identifier-crash'), 'fuzz/invalid-rejected');
    const value = firstValue(request.pairs, 'identifierValue')!;
    expect(value).toMatch(/[^\x00-\x7f]/);
    expect([...value].length).toBeLessThanOrEqual(2);
  });

  it('limit at its maximum: the maximum itself', async () => {
    const { request } = counterexampleOf(await killedReport('fuzz/limit-maximum-off-by-one'), 'fuzz/valid-accepted');
    expect(firstValue(request.pairs, 'limit')).toBe(String(spec.parameter('limit').schema['maximum']));
    expect(extras(request)).toEqual(['limit']);
  });
});

describe('the same seed', () => {
  it('finds the same counterexample again, at the same path; another seed finds the fault too', async () => {
    const fault = faultById('fuzz/email-upper-case-crash');
    const fuzzOf = (report: ConformanceReport) =>
      report.requirements.flatMap((r) => r.failures.filter((f) => f.fuzz).map((f) => [f.check, f.fuzz]));
    const first = await killedReport(fault.id);
    const again = await certify({ suites: SUITES, fuzzRuns: KILL_RUNS, fault });
    expect(fuzzOf(again)).toEqual(fuzzOf(first));
    const other = await killedReport(fault.id, 987654);
    expect(fuzzOf(other).length).toBeGreaterThan(0);
    expect(fuzzOf(other)).not.toEqual(fuzzOf(first));
  });

  it('finds it again with a budget of just the runs it took', async () => {
    const fault = faultById('fuzz/seven-reference-ids-crash');
    const { failure } = counterexampleOf(await killedReport(fault.id), 'fuzz/valid-accepted');
    const replay = await certify({
      suites: ['fuzz'],
      requirements: ['PARAM-VALID-ACCEPTED'],
      fuzzRuns: failure.fuzz!.numRuns,
      fault,
    });
    expect(counterexampleOf(replay, 'fuzz/valid-accepted').failure.fuzz).toEqual(failure.fuzz);
  });
});
