/**
 * `verify`: an attestation holds when its envelope is signed by the given public key, its
 * payload is an in-toto Statement v1 of this kit's predicate, and the statement is exactly the
 * one the named report makes (rebuilt from the report's bytes: the digest, the verdict, every
 * requirement's outcome, the coverage, the spec, the kit, the seed and the time). Each way to
 * fail has its own sentence.
 */
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../contract/canonical-json.js';
import type { ConformanceReport } from '../core/report-model.js';
import { openEnvelope } from './dsse.js';
import { PREDICATE_TYPE, STATEMENT_TYPE, sha256Hex, statementOf, type Implementation, type Statement } from './statement.js';

export type Verification = { readonly ok: true; readonly statement: Statement } | { readonly ok: false; readonly reason: string };

export interface ReportBytes {
  readonly bytes: Buffer;
  /** The report those bytes hold: read only once they are known to be the bytes the statement names. */
  readonly read: () => ConformanceReport;
}

export function verifyAttestation(envelopeText: string, publicKey: KeyObject, given: ReportBytes): Verification {
  const opened = openEnvelope(envelopeText, publicKey);
  if (!opened.ok) return opened;
  let statement: Statement;
  try {
    statement = JSON.parse(opened.payload.toString('utf8')) as Statement;
  } catch {
    return { ok: false, reason: 'the signed payload is not JSON' };
  }
  if (statement?._type !== STATEMENT_TYPE)
    return { ok: false, reason: `the payload is not an in-toto Statement v1 (_type ${JSON.stringify(statement?._type)})` };
  if (statement.predicateType !== PREDICATE_TYPE)
    return {
      ok: false,
      reason: `the predicate is not a conformance claim of this kit (predicateType ${JSON.stringify(statement.predicateType)})`,
    };
  const digest = sha256Hex(given.bytes);
  const named = statement.predicate?.report?.digest?.sha256;
  if (named !== digest)
    return {
      ok: false,
      reason: `the report is not the one the statement names: its sha256 is ${digest}, the statement names ${String(named)}`,
    };
  const rebuilt = statementOf(given.read(), given.bytes, statement.predicate.report.name, implementationOf(statement));
  if (canonicalJson(rebuilt) !== canonicalJson(statement))
    return { ok: false, reason: `the statement does not say what the report says (${firstDifferingField(rebuilt, statement)})` };
  return { ok: true, statement };
}

/** The implementation the statement names (its second subject), so that the rebuilt statement names the same. */
function implementationOf(statement: Statement): Implementation | undefined {
  const subject = statement.subject?.[1];
  if (!subject) return undefined;
  const [algorithm, hex] = Object.entries(subject.digest ?? {})[0] ?? [];
  const digestOfName = algorithm === 'sha256' && hex === sha256Hex(subject.name);
  return {
    name: subject.name,
    ...(subject.annotations?.['version'] !== undefined ? { version: subject.annotations['version'] } : {}),
    ...(algorithm !== undefined && hex !== undefined && !digestOfName ? { digest: `${algorithm}:${hex}` } : {}),
  };
}

function firstDifferingField(expected: unknown, actual: unknown, at = ''): string {
  if (canonicalJson(expected) === canonicalJson(actual)) return '';
  if (expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      const found = firstDifferingField(
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        `${at}/${key}`,
      );
      if (found !== '') return found;
    }
  }
  return `${at || '/'}: the report gives ${JSON.stringify(expected)?.slice(0, 80)}, the statement ${JSON.stringify(actual)?.slice(0, 80)}`;
}
