/** Short texts every report uses to name a cause of failure and a piece of evidence. */
import type { FailureSignature, SourceEvidence } from './report-model.js';

/** `status 400, code 11014, at #/components/schemas/Warning/properties/code/enum`. */
export function signatureText(signature: FailureSignature): string {
  return [
    signature.status !== undefined ? `status ${signature.status}` : 'no answer',
    ...(signature.codes && signature.codes.length > 0 ? [`code ${signature.codes.join('/')}`] : []),
    ...(signature.pointer !== undefined ? [`at ${signature.pointer}`] : []),
    ...(signature.key !== undefined && signature.pointer === undefined ? [signature.key] : []),
  ].join(', ');
}

/** `S1: "EventId and Event References, both cannot be passed"`, or `S1 sample 3.12.9 at /events/0`. */
export function evidenceLine(evidence: SourceEvidence): string {
  if (evidence.quote !== undefined) return `${evidence.source}: "${evidence.quote}"`;
  return `${evidence.source}: published sample ${evidence.sample ?? '?'}${evidence.pointer ? ` at ${evidence.pointer}` : ''}`;
}
