/**
 * `summary.md`: GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY` and PR comments. GitHub
 * refuses a step summary over 1 MiB, so details are capped by count and by bytes.
 */
import escapeHtml from 'escape-html';
import { shellQuote } from '../../http/curl.js';
import { LEVELS, OUTCOMES } from '../../core/report-model.js';
import type { ConformanceReport, FailureEvidence, RequirementResult, Waiver } from '../../core/report-model.js';
import { appliedByKind, causesHeadline, groupLine, restsOnLines, waiverScope, waiverText } from './triage.js';
import { baselineMarkdown } from './baseline.js';
import { formatDuration, fuzzLine, headline, OUTCOME_LABELS, replaceControlCharacters, requestLine } from './plain-text.js';
import { skipGroups } from './skip-groups.js';
import {
  basisText,
  deviationLine,
  dialectHeadline,
  localDecisionLine,
  overlaysText,
  stoppedSentence,
  verdictHeadline,
  verdictTone,
} from './verdict-text.js';
import type { VerdictTone } from './verdict-text.js';

/** Limits that keep the summary readable and under GitHub's size cap. */
export interface MarkdownOptions {
  /**
   * Requirements shown with a `<details>` block; the rest are counted in an "… and M more" line.
   * @default 30
   */
  readonly maxDetailedRequirements?: number;
  /**
   * Kept failures shown per requirement.
   * @default 3
   */
  readonly maxFailuresPerRequirement?: number;
  /**
   * Upper bound of the whole document in UTF-8 bytes; details stop before it is reached.
   * @default 921600 (900 KiB, leaving room under GitHub's 1 MiB for other steps' summaries)
   */
  readonly maxBytes?: number;
}

const DEFAULTS: Required<MarkdownOptions> = {
  maxDetailedRequirements: 30,
  maxFailuresPerRequirement: 3,
  maxBytes: 900 * 1024,
};

/** Longest text kept in one code block; messages and curl lines beyond it are cut with a note. */
const CODE_BLOCK_MAX_CHARS = 4000;

/** Longest text kept in one table cell. */
const CELL_MAX_CHARS = 300;

/** Amber for a conformant run that did not prove everything it gates on. */
const TONE_EMOJI: Readonly<Record<VerdictTone, string>> = {
  conformant: '✅',
  unproven: '🟡',
  'non-conformant': '❌',
  inconclusive: '⚠️',
};

/** Requirement ids listed per skip group before "and N more". */
const IDS_PER_SKIP_GROUP = 20;

/** Renders the report as a GitHub job summary: verdict, counts, failures, replay command. */
export function renderMarkdown(report: ConformanceReport, options: MarkdownOptions = {}): string {
  const limits = { ...DEFAULTS, ...options };
  const problems = report.requirements.filter((r) => r.status === 'fail' || r.status === 'error');
  const head = [...verdictSection(report), ...dialectSection(report), ...countsSection(report), ...baselineMarkdown(report)];
  const waivers = waiversSection(report);
  const tail = [...replaySection(report), ...footer(report)];

  // The table rows may use half of what the fixed parts leave; the details get the rest.
  let remaining = limits.maxBytes - byteLength([...head, ...waivers, ...tail].join('\n')) - HEADINGS_AND_NOTES_BYTES;
  const rows = takeWithin(
    problems.map((r) => () => problemRow(r)),
    remaining / 2,
  );
  remaining -= byteLength(rows.join('\n'));
  const details = takeWithin(
    problems.slice(0, limits.maxDetailedRequirements).map((r) => () => detailsBlock(r, limits.maxFailuresPerRequirement)),
    remaining,
  );

  return `${[...head, ...problemsSection(report, problems, rows), ...waivers, ...detailsSection(problems, details), ...tail]
    .join('\n')
    .trimEnd()}\n`;
}

/** Room kept for the section headings and "… and N more" lines around the budgeted parts. */
const HEADINGS_AND_NOTES_BYTES = 2048;

/** The leading texts whose total size (one newline each) stays within `budget` bytes. */
function takeWithin(texts: readonly (() => string)[], budget: number): string[] {
  const taken: string[] = [];
  let used = 0;
  for (const next of texts) {
    const text = next();
    used += byteLength(text) + 1;
    if (used > budget) break;
    taken.push(text);
  }
  return taken;
}

function verdictSection(report: ConformanceReport): string[] {
  const total = report.requirements.length;
  const parts = OUTCOMES.filter((outcome) => report.counts.byOutcome[outcome] > 0).map(
    (outcome) => `${report.counts.byOutcome[outcome]} ${OUTCOME_LABELS[outcome].toLowerCase()}`,
  );
  const stopped = stoppedSentence(report);
  return [
    // What stopped the run comes first: it is why the rest says so little.
    ...(stopped ? [`> **${inline(stopped)}**`, ''] : []),
    `## ${TONE_EMOJI[verdictTone(report)]} ${inline(verdictHeadline(report))}`,
    '',
    `${inline(report.spec.title)} ${inline(report.spec.version)} · target ${code(report.target.baseUrl)}` +
      `${report.target.embeddedReference ? ' (embedded reference)' : ''} · ` +
      `gating level **${report.run.gatingLevel}** · seed ${code(String(report.run.seed))} · ` +
      `${formatDuration(report.run.durationMs)} · ${total} requirements: ${parts.join(', ') || 'none run'}`,
    '',
  ];
}

/** "Dialect: canonical", or the knobs whose effective value departs from the canonical spec. */
function dialectSection(report: ConformanceReport): string[] {
  const headline = dialectHeadline(report).replace(/^dialect/, 'Dialect');
  const decisions = (report.dialect.localDecisions ?? []).map((d) => `- ${inline(localDecisionLine(d))}`);
  if (report.dialect.deviations.length === 0 && decisions.length === 0) return [`${headline}.`, ''];
  return [`${inline(headline)}:`, '', ...report.dialect.deviations.map((d) => `- ${code(deviationLine(d))}`), ...decisions, ''];
}

function countsSection(report: ConformanceReport): string[] {
  const header = `| Level | ${OUTCOMES.map((o) => OUTCOME_LABELS[o]).join(' | ')} |`;
  const rule = `| --- | ${OUTCOMES.map(() => '---:').join(' | ')} |`;
  const rows = LEVELS.map((level) => {
    const counts = report.counts.byLevel[level];
    return `| ${level} | ${OUTCOMES.map((o) => String(counts[o])).join(' | ')} |`;
  });
  const total = `| **All** | ${OUTCOMES.map((o) => `**${report.counts.byOutcome[o]}**`).join(' | ')} |`;
  return [header, rule, ...rows, total, ''];
}

function problemsSection(report: ConformanceReport, problems: readonly RequirementResult[], rows: readonly string[]): string[] {
  const lines: string[] = [];
  if (problems.length > 0) {
    const missing = problems.length - rows.length;
    lines.push(
      '### Failed and errored requirements',
      '',
      '| Requirement | Level | Basis | Status | Title | First failure |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      ...(missing > 0 ? [`… and ${missing} more: see \`report.html\` or \`conformance.json\`.`, ''] : []),
    );
  }
  const waived = report.requirements.filter((r) => r.status === 'waived');
  if (waived.length > 0) lines.push(`Waived: **${waived.length}** (${waived.map((r) => cell(r.id)).join(', ')}).`, '');
  return [...lines, ...skipsSection(report)];
}

function problemRow(requirement: RequirementResult): string {
  const { id, level, status, title } = requirement;
  return `| ${cell(id)} | ${level} | ${cell(basisText(requirement))} | ${OUTCOME_LABELS[status]} | ${cell(title)} | ${cell(headline(requirement))} |`;
}

/** Skipped requirements grouped by what they wait for, so a reader knows what would unlock them. */
function skipsSection(report: ConformanceReport): string[] {
  const groups = skipGroups(report.requirements);
  if (groups.length === 0) return [];
  const lines = [`### Skipped, by reason (${report.counts.byOutcome.skip})`, ''];
  for (const group of groups) {
    const ids = group.requirements.map((r) => `${r.id} ${r.level}`);
    const more = ids.length > IDS_PER_SKIP_GROUP ? ` and ${ids.length - IDS_PER_SKIP_GROUP} more` : '';
    lines.push(
      `- **${group.requirements.length}** ${inline(truncate(group.reason, CELL_MAX_CHARS))} — ${inline(ids.slice(0, IDS_PER_SKIP_GROUP).join(', '))}${more}`,
    );
  }
  return [...lines, ''];
}

function detailsSection(problems: readonly RequirementResult[], details: readonly string[]): string[] {
  if (problems.length === 0) return [];
  const missing = problems.length - details.length;
  const more =
    missing > 0
      ? [
          `… and ${missing} more failed or errored ${missing === 1 ? 'requirement' : 'requirements'}: see \`report.html\` or \`conformance.json\`.`,
          '',
        ]
      : [];
  return ['### Evidence', '', ...details, ...more];
}

function waiversSection(report: ConformanceReport): string[] {
  const { expired, unused, unknown } = report.waivers;
  const notes = [
    ...expired.map((w) => `- Expired waiver for ${cell(w.requirement)} (${cell(w.expires)}): renew or remove it.`),
    ...unused.map(
      (w) => `- Stale waiver for ${cell(w.requirement)} (${cell(waiverScope(w))}): nothing it names failed; remove the waiver.`,
    ),
    ...unknown.map((w) => `- Waiver names an unknown requirement ${cell(w.requirement)}.`),
  ];
  return [...appliedWaiversSection(report), ...(notes.length > 0 ? ['### Waivers to update', '', ...notes, ''] : [])];
}

/** Applied waivers, known defects and disputed apart; each dispute with its ready-to-file text. */
function appliedWaiversSection(report: ConformanceReport): string[] {
  const { knownDefects, disputed } = appliedByKind(report.waivers.applied);
  if (knownDefects.length + disputed.length === 0) return [];
  const line = (w: Waiver): string => `- ${cell(w.requirement)} (${cell(waiverScope(w))}): ${cell(waiverText(w))}`;
  const disputes = (report.waivers.disputes ?? []).map((d) =>
    [
      '<details>',
      `<summary>Ready to file: ${htmlText(d.requirement)}</summary>`,
      '',
      fence(d.text, 'text'),
      '</details>',
      '',
    ].join('\n'),
  );
  return [
    '### Waived',
    '',
    ...(knownDefects.length > 0 ? ['Known defects of the target:', '', ...knownDefects.map(line), ''] : []),
    ...(disputed.length > 0 ? ['Disputed (we believe the kit asks too much):', '', ...disputed.map(line), '', ...disputes] : []),
  ];
}

function detailsBlock(requirement: RequirementResult, maxFailures: number): string {
  const count = requirement.failureCount;
  const summary =
    `<code>${htmlText(requirement.id)}</code> ${htmlText(requirement.level)} · ` +
    `${htmlText(requirement.title)}` +
    (requirement.status === 'error' ? ' (error)' : ` (${count} ${count === 1 ? 'failure' : 'failures'})`);
  const body: string[] = [];
  if (requirement.status === 'error' && requirement.reasons.length > 0) {
    body.push(fence(requirement.reasons.join('\n'), 'text'));
  }
  const restsOn = restsOnLines(requirement);
  if (restsOn.length > 0) body.push('Rests on:', '', ...restsOn.map((line) => `- ${inline(line)}`), '');
  const groups = requirement.failureGroups ?? [];
  if (groups.length > 0) {
    body.push(`${inline(causesHeadline(requirement))}:`, '');
    for (const group of groups) {
      const request = group.failure.exchange ? ` — ${code(requestLine(group.failure.exchange))}` : '';
      body.push(`- ${inline(groupLine(group))}${request}`);
    }
    body.push('');
  }
  for (const failure of requirement.failures.slice(0, maxFailures)) body.push(...failureBlock(failure));
  const more = requirement.failureCount - Math.min(requirement.failures.length, maxFailures);
  if (more > 0) body.push(`… and ${more} more ${more === 1 ? 'failure' : 'failures'}.`, '');
  // Blank lines around the Markdown inside <details> make GitHub render it as Markdown.
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '</details>', ''].join('\n');
}

function failureBlock(failure: FailureEvidence): string[] {
  const lines = [`**${inline(failure.title)}**`, '', fence(failure.message, 'text')];
  for (const note of failure.requestNotes ?? []) lines.push(`> Note: ${inline(note)}`, '');
  const exchange = failure.exchange;
  if (exchange) {
    const status = exchange.response ? ` → ${exchange.response.status}` : '';
    const transport = exchange.transportError ? ` → ${exchange.transportError.code} ${exchange.transportError.message}` : '';
    lines.push(`Request: ${code(`${requestLine(exchange)}${status}${transport}`)}`, '');
  }
  if (failure.fuzz) lines.push(fence(fuzzLine(failure.fuzz), 'text'));
  if (failure.curl) lines.push(fence(failure.curl, 'sh'));
  return lines;
}

function replaySection(report: ConformanceReport): string[] {
  const target = report.target.embeddedReference ? '--embedded' : `--base-url ${shellWord(report.target.baseUrl)}`;
  const profile = report.profile.name === 'reference' ? '' : ` --profile ${shellWord(report.profile.name)}`;
  // The same suites, requirements, seed and budget: the same requests in the same order.
  const suites = report.run.suites.length > 0 ? ` --suite ${report.run.suites.join(',')}` : '';
  const only = report.run.requirementFilter.length > 0 ? ` --requirement ${report.run.requirementFilter.join(',')}` : '';
  const command = `ledger-conformance run ${target}${profile} --seed ${report.run.seed} --fuzz-runs ${report.run.fuzzRuns}${suites}${only}`;
  return [
    '### Replay',
    '',
    `The run used seed ${code(String(report.run.seed))}; the same seed replays the same fuzz cases:`,
    '',
    fence(command, 'sh'),
  ];
}

function footer(report: ConformanceReport): string[] {
  const overlays = overlaysText(report);
  return [
    `<sub>${htmlText(report.tool.name)} ${htmlText(report.tool.version)} · spec sha256 ` +
      `${htmlText(report.spec.sha256.slice(0, 12))}${overlays ? ` · overlays ${htmlText(overlays)}` : ''} · started ${htmlText(report.run.startedAt)}</sub>`,
  ];
}

/**
 * Text for a table cell: one line, HTML-escaped (GitHub renders inline HTML in cells), with the
 * characters that end a cell or open Markdown syntax backslash-escaped.
 */
function cell(text: string): string {
  return inline(truncate(text.replace(/\s+/g, ' ').trim(), CELL_MAX_CHARS));
}

/**
 * Text that goes into a Markdown line, not a code block. `&`, `<` and `>` become entities (no
 * inline HTML, no accidental entity); every other character stays as it is, Markdown syntax
 * backslash-escaped. Quotes are left alone: an entity such as `&#39;` would have its `#`
 * escaped next, and GitHub would show it literally.
 */
function inline(text: string): string {
  return replaceControlCharacters(text.replace(/\s+/g, ' '))
    .replace(/[&<>]/g, (c) => MARKDOWN_ENTITIES[c] ?? c)
    .replace(/[\\`*_[\]|~#!]/g, (c) => `\\${c}`);
}

const MARKDOWN_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * An inline code span whose delimiters are longer than any backtick run inside it. Not for
 * table cells: a pipe ends a GFM cell even inside a code span.
 */
function code(text: string): string {
  const oneLine = replaceControlCharacters(text).replace(/\s+/g, ' ');
  const ticks = '`'.repeat(longestBacktickRun(oneLine) + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run in its content (CommonMark). */
function fence(text: string, language: string): string {
  const body = replaceControlCharacters(truncate(text, CODE_BLOCK_MAX_CHARS));
  const ticks = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${ticks}${language}\n${body}\n${ticks}\n`;
}

/** Text for inline HTML (`<summary>`, `<sub>`): escaped, and without control characters. */
function htmlText(text: string): string {
  return escapeHtml(replaceControlCharacters(text));
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

/** A shell word: as it is when it needs no quoting, else quoted as curl lines are. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : shellQuote(value);
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
