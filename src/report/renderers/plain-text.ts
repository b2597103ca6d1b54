/**
 * Plain-text pieces shared by the renderers that cannot show structure (JUnit failure text,
 * CTRF traces, Markdown code blocks). Output only; no format-specific escaping happens here.
 */
import type { ExchangeEvidence, FailureEvidence, Outcome, RequirementResult } from '../../core/report-model.js';
import { causesHeadline, groupLine, restsOnLines } from './triage.js';

/** Human words for each outcome, as the renderers show them. */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  pass: 'Passed',
  fail: 'Failed',
  skip: 'Skipped',
  error: 'Error',
  waived: 'Waived',
};

/** `GET <url>`, the request as one line. */
export function requestLine(exchange: ExchangeEvidence): string {
  return `${exchange.request.method} ${exchange.request.url}`;
}

/** "1.2 s", "3 min 04 s" or "850 ms": short, and the same on every machine (no locale). */
export function formatDuration(durationMs: number): string {
  if (durationMs < 1000) return `${Math.round(durationMs)} ms`;
  if (durationMs < 60_000) return `${(durationMs / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(durationMs / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return `${minutes} min ${seconds} s`;
}

/** The fast-check replay coordinates of a fuzz failure, as one line. */
export function fuzzLine(fuzz: NonNullable<FailureEvidence['fuzz']>): string {
  return (
    `Fuzz: seed ${fuzz.seed}, path "${fuzz.path}", after ${fuzz.numRuns} runs and ` +
    `${fuzz.shrinks} shrinks; counterexample: ${fuzz.counterexample}`
  );
}

/**
 * Everything a reader needs to understand and reproduce one failure, as plain text: title,
 * Received/Documented message, request line, status, body excerpt, fuzz coordinates and curl.
 */
export function failureText(failure: FailureEvidence): string {
  const lines: string[] = [failure.title, indent(failure.message)];
  for (const note of failure.requestNotes ?? []) lines.push(`Note: ${note}`);
  const exchange = failure.exchange;
  if (exchange) {
    lines.push(`Request: ${requestLine(exchange)}`);
    if (exchange.response) {
      lines.push(`Response status: ${exchange.response.status}`);
      const cut = exchange.response.bodyTruncated ? ' (truncated)' : '';
      lines.push(`Response body excerpt${cut}:`, indent(exchange.response.bodyExcerpt));
    }
    if (exchange.transportError) {
      lines.push(`Transport error: ${exchange.transportError.code} ${exchange.transportError.message}`);
    }
  }
  if (failure.fuzz) lines.push(fuzzLine(failure.fuzz));
  if (failure.curl) lines.push('Reproduce with:', indent(failure.curl));
  return lines.join('\n');
}

/** The evidence of all kept failures, separated by blank lines, with a note when some were not kept. */
export function failuresText(requirement: RequirementResult): string {
  const restsOn = restsOnLines(requirement);
  const groups = requirement.failureGroups ?? [];
  const blocks = [
    ...(restsOn.length > 0 ? [['Rests on:', ...restsOn.map((line) => indent(line))].join('\n')] : []),
    ...(groups.length > 0 ? [[`${causesHeadline(requirement)}:`, ...groups.map((g) => indent(groupLine(g)))].join('\n')] : []),
    ...requirement.failures.map(failureText),
  ];
  const notKept = requirement.failureCount - requirement.failures.length;
  if (notKept > 0) blocks.push(`… and ${notKept} more ${notKept === 1 ? 'failure' : 'failures'} not kept in the report.`);
  return blocks.join('\n\n');
}

/** One line that says why a requirement failed, errored or was skipped. */
export function headline(requirement: RequirementResult): string {
  const first = requirement.failures[0];
  if (requirement.status === 'skip' || requirement.status === 'error') {
    return requirement.reasons.join('; ') || first?.title || OUTCOME_LABELS[requirement.status];
  }
  if (!first) return OUTCOME_LABELS[requirement.status];
  const others = requirement.failureCount - 1;
  const causes = requirement.failureGroups?.length ?? 0;
  return others > 0 ? `${first.title} (+${others} more${causes > 1 ? `; ${causes} causes` : ''})` : first.title;
}

/**
 * `"<ID> <title>"` for each requirement, made unique with a ` (2)`, ` (3)` … suffix, because
 * CI systems such as GitLab silently drop test cases whose names repeat.
 */
export function uniqueTestNames(requirements: readonly RequirementResult[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(requirements.map((r) => `${r.id} ${r.title}`));
  return requirements.map((requirement) => {
    const base = `${requirement.id} ${requirement.title}`;
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    if (occurrence === 1) return base;
    let suffix = occurrence;
    while (taken.has(`${base} (${suffix})`)) suffix += 1;
    const name = `${base} (${suffix})`;
    taken.add(name);
    return name;
  });
}

/**
 * Replaces characters that text formats cannot carry or that break their parsers with U+FFFD:
 * C0 controls other than tab, newline and carriage return, DEL and C1 controls, lone surrogates,
 * and the noncharacters U+FFFE/U+FFFF. Target bodies may contain any of them; XML 1.0 forbids
 * most, HTML treats them as parse errors, and a NUL ends some CI log viewers' lines.
 * `conformance.json` and `ctrf.json` keep them, escaped by JSON.
 */
export function replaceControlCharacters(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}

/** Prefixes every line with two spaces so multi-line evidence reads as one block. */
function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}
