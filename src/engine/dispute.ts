/**
 * The ready-to-file text of a disputed waiver: what QA pastes into the kit's issue tracker when
 * they believe the kit asks too much. It carries the requirement with what stands behind it, the
 * failure (received and documented), the evidence quoted, and the request that shows it.
 */
import type { FailureGroup, RequirementResult, Waiver } from '../core/report-model.js';
import { evidenceLine, signatureText } from '../core/triage-text.js';

export function disputeText(
  requirement: Omit<RequirementResult, 'failureGroups'>,
  group: FailureGroup | undefined,
  waiver: Waiver,
): string {
  const failure = group?.failure ?? requirement.failures[0];
  const lines = [
    `Disputed requirement ${requirement.id} (${requirement.level}, ${requirement.basis}; sources ${requirement.sources.join(', ')})`,
    '',
    requirement.title,
    '',
    'What stands behind it:',
    ...(requirement.evidence && requirement.evidence.length > 0
      ? requirement.evidence.map((e) => `- ${evidenceLine(e)}`)
      : ['- no quote in the spec (x-conformance gives none for this requirement)']),
    '',
    `Why we dispute it: ${waiver.reason}${waiver.owner !== undefined ? ` (${waiver.owner})` : ''}`,
    ...(group ? ['', `Failures of this cause: ${group.count} (${signatureText(group.signature)})`] : []),
    ...(failure
      ? [
          '',
          `Check ${failure.check}: ${failure.title}`,
          failure.message,
          ...(failure.requestNotes ?? []).map((note) => `Note: ${note}`),
          ...(failure.exchange?.response ? [`Status: ${failure.exchange.response.status}`] : []),
          ...(failure.curl !== undefined ? ['', 'Request:', failure.curl] : []),
        ]
      : []),
  ];
  return lines.join('\n');
}
