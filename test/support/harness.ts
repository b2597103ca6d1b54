/**
 * Runs the conformance catalog in-process against the reference, or against the reference with
 * one fault planted: the project's tests use it to show each check passing on the reference
 * and failing on the fault made for it.
 */
import { expect } from 'vitest';
import { buildCatalog } from '../../suites/index.js';
import type { CheckDefinition, ObserverDefinition } from '../../src/check/check.js';
import { runSession } from '../../src/engine/session.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { faultContext, type Fault } from '../../src/faults/fault.js';
import { suitesJudging } from '../../src/faults/selftest.js';
import { builtInProfile } from '../../src/profile/load.js';
import type { Profile } from '../../src/profile/model.js';
import type { ReferenceHandler } from '../../src/core/handler.js';
import { createReference, type Reference } from '../../src/reference/index.js';
import type { ConformanceReport, Shard } from '../../src/core/report-model.js';
import { loadSpec } from '../../src/contract/load.js';

export const spec = loadSpec();
/** The catalog built from the packaged spec, as `run` builds it. */
export const catalog = buildCatalog(spec);

const references = new Map<string, Reference>();

/** The reference for a dataset seed (cached: building it is cheap, but not free). */
export function referenceFor(datasetSeed?: number, size?: number): Reference {
  const key = `${datasetSeed ?? 'default'} ${size ?? 'default'}`;
  let reference = references.get(key);
  if (!reference)
    references.set(
      key,
      (reference = createReference(spec, {
        ...(datasetSeed !== undefined ? { seed: datasetSeed } : {}),
        ...(size !== undefined ? { size } : {}),
      })),
    );
  return reference;
}

export interface CertifyOptions {
  /** A fault to plant; the plain reference when absent. */
  readonly fault?: Fault;
  /** A handler to judge instead (takes precedence over `fault`). */
  readonly handler?: ReferenceHandler;
  /** Judge only these suites (all when absent). */
  readonly suites?: readonly string[];
  readonly requirements?: readonly string[];
  readonly seed?: number;
  readonly datasetSeed?: number;
  readonly fuzzRuns?: number;
  /** A different profile (e.g. one that lacks handles). */
  readonly profile?: Profile;
  readonly checks?: readonly CheckDefinition[];
  readonly observers?: readonly ObserverDefinition[];
  /** Run one shard of the catalog (`--shard index/total`). */
  readonly shard?: Shard;
}

/** One in-process run of the catalog, gated at MAY so that any failed requirement shows. */
export async function certify(options: CertifyOptions = {}): Promise<ConformanceReport> {
  const reference = referenceFor(options.datasetSeed);
  const handler =
    options.handler ??
    (options.fault
      ? options.fault.build(faultContext(spec, reference.dataset, reference.identities, reference.handler))
      : reference.handler);
  const { report } = await runSession({
    spec,
    profile: builtInProfile(options.profile ?? reference.profile),
    catalog: { checks: options.checks ?? catalog.checks, observers: options.observers ?? catalog.observers },
    destination: { kind: 'in-process', handler },
    secrets: referenceSecrets(reference.identities),
    seed: options.seed ?? 1,
    fuzzRuns: options.fuzzRuns ?? 25,
    gatingLevel: 'MAY',
    concurrency: 8,
    ...(options.suites ? { suites: options.suites } : {}),
    ...(options.requirements ? { requirements: options.requirements } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
  });
  return report;
}

export function failedRequirements(report: ConformanceReport): string[] {
  return report.requirements.filter((r) => r.status === 'fail').map((r) => r.id);
}

/**
 * Asserts a clean run that proved what it judged: nothing failed or broke, the verdict is
 * conformant, and every requirement judged passed, but for the ones `mayNotProve` names (with
 * the reason the caller gives for each). A run where most requirements skip is not clean: it
 * shows only that nothing was looked at.
 */
export function expectClean(report: ConformanceReport, mayNotProve: Readonly<Record<string, string>> = {}): void {
  const problems = report.requirements
    .filter((r) => r.status === 'fail' || r.status === 'error')
    .map((r) => `${r.id} ${r.status}: ${r.failures[0]?.title ?? ''} ${r.failures[0]?.message ?? ''} ${r.reasons.join(' | ')}`);
  expect(problems).toEqual([]);
  expect(report.verdict).toBe('conformant');
  expect(report.coverage.judged, 'the run judged no requirement').toBeGreaterThan(0);
  expect(
    report.coverage.notProven.filter((n) => !(n.id in mayNotProve)).map((n) => `${n.id} ${n.status}: ${n.reason}`),
    'requirements judged but not proven',
  ).toEqual([]);
}

/** The suites whose checks prove the requirements a fault trips, plus the observers' suite. */
export function suitesFor(fault: Fault): string[] {
  return suitesJudging(fault, false, catalog)!;
}

/** Asserts that the catalog catches the fault: every requirement it declares is reported failed. */
export async function expectKilled(fault: Fault, options: Omit<CertifyOptions, 'fault'> = {}): Promise<ConformanceReport> {
  const report = await certify({ suites: suitesFor(fault), ...options, fault });
  const failed = failedRequirements(report);
  for (const id of fault.trips) expect(failed, `${fault.id} must trip ${id}`).toContain(id);
  expect(report.verdict).toBe('non-conformant');
  return report;
}
