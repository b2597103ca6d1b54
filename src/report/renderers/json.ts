/**
 * `conformance.json`: the canonical report, the file `schemas/conformance-report.schema.json`
 * describes and users script against.
 */
import { LEVELS, OUTCOMES } from '../model.js';
import type {
  BaselineComparison,
  BaselineEntry,
  ConformanceReport,
  ExchangeEvidence,
  FailureEvidence,
  Level,
  Outcome,
  RequirementResult,
  Waiver,
  WaiverReport,
} from '../model.js';

/** Renders the report as pretty JSON (2 spaces, model key order, trailing newline). */
export function renderJson(report: ConformanceReport): string {
  return `${JSON.stringify(canonicalReport(report), null, 2)}\n`;
}

/**
 * Rebuilds the report key by key in the order the model declares, so the bytes do not depend on
 * how the engine happened to assemble its objects, and runtime-only extras never reach the
 * published file (the schema is closed). Undefined optionals disappear in `JSON.stringify`.
 */
function canonicalReport(report: ConformanceReport): ConformanceReport {
  return {
    reportVersion: report.reportVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    spec: {
      title: report.spec.title,
      version: report.spec.version,
      sha256: report.spec.sha256,
      path: report.spec.path,
      overlays: report.spec.overlays.map((overlay) => ({ name: overlay.name, sha256: overlay.sha256 })),
      effectiveSha256: report.spec.effectiveSha256,
    },
    dialect: {
      deviations: report.dialect.deviations.map((d) => ({
        knob: d.knob,
        pointer: d.pointer,
        canonical: d.canonical,
        value: d.value,
        sources: [...d.sources],
        requirements: [...d.requirements],
      })),
      changedOutsideKnobs: [...report.dialect.changedOutsideKnobs],
    },
    target: {
      baseUrl: report.target.baseUrl,
      embeddedReference: report.target.embeddedReference,
      authStyle: report.target.authStyle,
    },
    profile: { name: report.profile.name, sha256: report.profile.sha256 },
    run: {
      seed: report.run.seed,
      fuzzRuns: report.run.fuzzRuns,
      gatingLevel: report.run.gatingLevel,
      suites: [...report.run.suites],
      requirementFilter: [...report.run.requirementFilter],
      startedAt: report.run.startedAt,
      durationMs: report.run.durationMs,
      requests: {
        total: report.run.requests.total,
        retried: report.run.requests.retried,
        transportErrors: report.run.requests.transportErrors,
      },
      shard: report.run.shard && { index: report.run.shard.index, total: report.run.shard.total },
      mergedShards: report.run.mergedShards,
    },
    verdict: report.verdict,
    exitCode: report.exitCode,
    counts: {
      byOutcome: outcomeCounts(report.counts.byOutcome),
      byLevel: Object.fromEntries(
        LEVELS.map((level) => [level, outcomeCounts(report.counts.byLevel[level])]),
      ) as Record<Level, Record<Outcome, number>>,
    },
    coverage: {
      level: report.coverage.level,
      judged: report.coverage.judged,
      proven: report.coverage.proven,
      percent: report.coverage.percent,
      required: report.coverage.required && { percent: report.coverage.required.percent, met: report.coverage.required.met },
      notProven: report.coverage.notProven.map((n) => ({ id: n.id, status: n.status, reason: n.reason, profileField: n.profileField, environment: n.environment })),
    },
    requirements: report.requirements.map(canonicalRequirement),
    waivers: canonicalWaivers(report.waivers),
    fuzz: report.fuzz && {
      seed: report.fuzz.seed,
      runs: report.fuzz.runs,
      properties: report.fuzz.properties.map((property) => ({
        requirement: property.requirement,
        name: property.name,
        runs: property.runs,
        status: property.status,
      })),
    },
    preflight: report.preflight && {
      requests: report.preflight.requests,
      durationMs: report.preflight.durationMs,
      learned: report.preflight.learned.map((l) => ({ pointer: l.pointer, value: l.value, request: l.request })),
      notes: [...report.preflight.notes],
    },
    baseline: report.baseline && canonicalBaseline(report.baseline),
  };
}

function canonicalBaseline(baseline: BaselineComparison): BaselineComparison {
  const entries = (list: readonly BaselineEntry[]): BaselineEntry[] =>
    list.map((e) => ({ id: e.id, level: e.level, title: e.title, before: e.before, now: e.now }));
  return {
    file: baseline.file,
    startedAt: baseline.startedAt,
    specSha256: baseline.specSha256,
    verdict: baseline.verdict,
    newFailures: entries(baseline.newFailures),
    fixed: entries(baseline.fixed),
    stillFailing: entries(baseline.stillFailing),
    regressions: [...baseline.regressions],
  };
}

function outcomeCounts(counts: Readonly<Record<Outcome, number>>): Record<Outcome, number> {
  return Object.fromEntries(OUTCOMES.map((outcome) => [outcome, counts[outcome]])) as Record<Outcome, number>;
}

function canonicalRequirement(requirement: RequirementResult): RequirementResult {
  return {
    id: requirement.id,
    level: requirement.level,
    title: requirement.title,
    suite: requirement.suite,
    basis: requirement.basis,
    sources: [...requirement.sources],
    specRefs: [...requirement.specRefs],
    specRefLabels: requirement.specRefLabels.map((ref) => ({ pointer: ref.pointer, label: ref.label, requirement: ref.requirement })),
    status: requirement.status,
    durationMs: requirement.durationMs,
    checks: requirement.checks.map((check) => ({
      id: check.id,
      title: check.title,
      status: check.status,
      requests: check.requests,
      durationMs: check.durationMs,
      reason: check.reason,
      profileField: check.profileField,
      environment: check.environment,
    })),
    failures: requirement.failures.map(canonicalFailure),
    failureCount: requirement.failureCount,
    reasons: [...requirement.reasons],
    waiver: requirement.waiver && canonicalWaiver(requirement.waiver),
  };
}

function canonicalFailure(failure: FailureEvidence): FailureEvidence {
  return {
    check: failure.check,
    title: failure.title,
    message: failure.message,
    exchange: failure.exchange && canonicalExchange(failure.exchange),
    curl: failure.curl,
    fuzz: failure.fuzz && {
      seed: failure.fuzz.seed,
      path: failure.fuzz.path,
      counterexample: failure.fuzz.counterexample,
      numRuns: failure.fuzz.numRuns,
      shrinks: failure.fuzz.shrinks,
    },
  };
}

function canonicalExchange(exchange: ExchangeEvidence): ExchangeEvidence {
  return {
    id: exchange.id,
    request: {
      method: exchange.request.method,
      url: exchange.request.url,
      headers: { ...exchange.request.headers },
    },
    response: exchange.response && {
      status: exchange.response.status,
      headers: { ...exchange.response.headers },
      bodyExcerpt: exchange.response.bodyExcerpt,
      bodyTruncated: exchange.response.bodyTruncated,
    },
    transportError: exchange.transportError && {
      code: exchange.transportError.code,
      message: exchange.transportError.message,
    },
  };
}

function canonicalWaivers(waivers: WaiverReport): WaiverReport {
  return {
    applied: waivers.applied.map(canonicalWaiver),
    expired: waivers.expired.map(canonicalWaiver),
    unused: waivers.unused.map(canonicalWaiver),
    unknown: waivers.unknown.map(canonicalWaiver),
  };
}

function canonicalWaiver(waiver: Waiver): Waiver {
  return { requirement: waiver.requirement, reason: waiver.reason, expires: waiver.expires };
}
