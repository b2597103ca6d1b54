/**
 * The conformance claim as an in-toto Statement v1 (https://github.com/in-toto/attestation,
 * spec/v1/statement.md): who was certified (the subject) and what the run found (the
 * predicate), built from a run's `conformance.json` and nothing else, so that anyone holding
 * the report can rebuild it and compare.
 *
 * Subjects: the target, named by its base URL (a service has no bytes to hash: its digest is
 * the sha256 of the URL's text, which ties the statement to that one name); and, when the
 * vendor names it, the implementation (name, version as an annotation, and the digest of what
 * was deployed, e.g. a container image). The predicate names the report it was built from by
 * its sha256: changing one byte of the report breaks the match.
 */
import { createHash } from 'node:crypto';
import type { ConformanceReport } from '../core/report-model.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE =
  'https://github.com/ledger-explode-conformance/ledger-explode-conformance/attestation/conformance/v1';

export interface Implementation {
  readonly name: string;
  readonly version?: string;
  /** `algorithm:hex`, e.g. `sha256:…` of the image or archive that was deployed. */
  readonly digest?: string;
}

export interface ResourceDescriptor {
  readonly name: string;
  readonly uri?: string;
  readonly digest: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface ConformancePredicate {
  readonly verdict: ConformanceReport['verdict'];
  readonly gatingLevel: ConformanceReport['run']['gatingLevel'];
  readonly requirements: readonly { readonly id: string; readonly level: string; readonly status: string }[];
  readonly coverage: { readonly level: string; readonly judged: number; readonly proven: number; readonly percent: number };
  readonly spec: {
    readonly title: string;
    readonly version: string;
    readonly sha256: string;
    readonly overlays: readonly { readonly name: string; readonly sha256: string }[];
    readonly effectiveSha256: string;
  };
  readonly kit: { readonly name: string; readonly version: string };
  readonly seed: number;
  readonly fuzzRuns: number;
  /** When the run started (the report's `run.startedAt`). */
  readonly time: string;
  /** The report the statement was built from. */
  readonly report: { readonly name: string; readonly digest: { readonly sha256: string } };
}

export interface Statement {
  readonly _type: typeof STATEMENT_TYPE;
  readonly subject: readonly ResourceDescriptor[];
  readonly predicateType: typeof PREDICATE_TYPE;
  readonly predicate: ConformancePredicate;
}

export const sha256Hex = (bytes: string | Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The statement a report makes; `reportBytes` are the file's bytes as read. */
export function statementOf(
  report: ConformanceReport,
  reportBytes: Buffer,
  reportName: string,
  implementation?: Implementation,
): Statement {
  const target: ResourceDescriptor = {
    name: report.target.baseUrl,
    uri: report.target.baseUrl,
    digest: { sha256: sha256Hex(report.target.baseUrl) },
  };
  const subject = implementation ? [target, implementationDescriptor(implementation)] : [target];
  const { spec, run, coverage } = report;
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: PREDICATE_TYPE,
    predicate: {
      verdict: report.verdict,
      gatingLevel: run.gatingLevel,
      requirements: report.requirements.map((r) => ({ id: r.id, level: r.level, status: r.status })),
      coverage: { level: coverage.level, judged: coverage.judged, proven: coverage.proven, percent: coverage.percent },
      spec: {
        title: spec.title,
        version: spec.version,
        sha256: spec.sha256,
        overlays: spec.overlays.map((o) => ({ name: o.name, sha256: o.sha256 })),
        effectiveSha256: spec.effectiveSha256,
      },
      kit: { name: report.tool.name, version: report.tool.version },
      seed: run.seed,
      fuzzRuns: run.fuzzRuns,
      time: run.startedAt,
      report: { name: reportName, digest: { sha256: sha256Hex(reportBytes) } },
    },
  };
}

function implementationDescriptor(implementation: Implementation): ResourceDescriptor {
  const digest = implementation.digest;
  const at = digest?.indexOf(':') ?? -1;
  return {
    name: implementation.name,
    // A name without a digest still needs one (the statement requires it): the name's own.
    digest:
      digest !== undefined && at > 0
        ? { [digest.slice(0, at)]: digest.slice(at + 1) }
        : { sha256: sha256Hex(implementation.name) },
    ...(implementation.version !== undefined ? { annotations: { version: implementation.version } } : {}),
  };
}
