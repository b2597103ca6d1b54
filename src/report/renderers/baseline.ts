/**
 * The baseline section of each report format (`--baseline`): whether anything regressed, then
 * the new failures, the fixed requirements and the still-failing ones. Each renderer calls the
 * function for its format; all return nothing when the run had no baseline.
 */
import escapeHtml from 'escape-html';
import type { BaselineComparison, BaselineEntry, ConformanceReport } from '../../core/report-model.js';
import { OUTCOME_LABELS } from './plain-text.js';

/** One line for summaries: "no regressions against <file>", or what regressed. */
export function baselineHeadline(comparison: BaselineComparison): string {
  const count = comparison.regressions.length;
  if (count === 0) return `no regressions against ${comparison.file}`;
  return `${count} ${count === 1 ? 'regression' : 'regressions'} against ${comparison.file}: ${comparison.regressions.join(', ')}`;
}

/** The three lists, in the order every format shows them. */
function groups(
  comparison: BaselineComparison,
): readonly { readonly title: string; readonly entries: readonly BaselineEntry[] }[] {
  return [
    { title: 'New failures', entries: comparison.newFailures },
    { title: 'Fixed', entries: comparison.fixed },
    { title: 'Still failing', entries: comparison.stillFailing },
  ];
}

function change(entry: BaselineEntry, regressions: readonly string[]): string {
  const before = entry.before === 'absent' ? 'not judged' : OUTCOME_LABELS[entry.before].toLowerCase();
  const mark = regressions.includes(entry.id) ? ' (regression)' : '';
  return `${before} → ${OUTCOME_LABELS[entry.now].toLowerCase()}${mark}`;
}

function about(comparison: BaselineComparison): string {
  return `baseline run of ${comparison.startedAt}, verdict ${comparison.verdict}, spec sha256 ${comparison.specSha256.slice(0, 12)}`;
}

/** Markdown text safe in a line or a table cell: HTML and Markdown syntax escaped, one line. */
function markdownText(text: string): string {
  return escapeHtml(text.replace(/\s+/g, ' ')).replace(/[\\`*_[\]|~#!]/g, (c) => `\\${c}`);
}

/** `summary.md`: a heading, the headline, and one table row per requirement that changed or still fails. */
export function baselineMarkdown(report: ConformanceReport): string[] {
  const comparison = report.baseline;
  if (!comparison) return [];
  const rows = groups(comparison).flatMap(({ title, entries }) =>
    entries.map(
      (e) =>
        `| ${title} | ${markdownText(e.id)} | ${e.level} | ${change(e, comparison.regressions)} | ${markdownText(e.title)} |`,
    ),
  );
  const counts = groups(comparison)
    .map(({ title, entries }) => `${title}: **${entries.length}**`)
    .join(' · ');
  return [
    '### Baseline',
    '',
    `${comparison.regressions.length === 0 ? '✅' : '❌'} ${markdownText(baselineHeadline(comparison))} (${markdownText(about(comparison))}).`,
    '',
    counts,
    '',
    ...(rows.length > 0
      ? ['| Change | Requirement | Level | Outcome | Title |', '| --- | --- | --- | --- | --- |', ...rows, '']
      : []),
  ];
}

/** `report.html`: a section of its own, every model text escaped. */
export function baselineHtml(report: ConformanceReport): string {
  const comparison = report.baseline;
  if (!comparison) return '';
  const text = (value: string): string => escapeHtml(value);
  const lists = groups(comparison)
    .map(({ title, entries }) => {
      const items = entries.map(
        (e) =>
          `<li><code>${text(e.id)}</code> <span class="level">${e.level}</span> ${text(change(e, comparison.regressions))}: ${text(e.title)}</li>`,
      );
      return `<h3>${title} (${entries.length})</h3>\n${items.length > 0 ? `<ul class="baseline-list">\n${items.join('\n')}\n</ul>` : '<p>None.</p>'}`;
    })
    .join('\n');
  return `<section aria-labelledby="baseline-heading">
<h2 id="baseline-heading">Baseline</h2>
<p class="baseline-headline">${text(baselineHeadline(comparison))} (${text(about(comparison))}).</p>
${lists}
</section>`;
}

/** `junit.xml`: properties of the test suites element, one per list. */
export function baselineJunitProperties(report: ConformanceReport): { readonly name: string; readonly value: string }[] {
  const comparison = report.baseline;
  if (!comparison) return [];
  const ids = (entries: readonly BaselineEntry[]): string => entries.map((e) => e.id).join(',');
  return [
    { name: 'baseline', value: baselineHeadline(comparison) },
    { name: 'baseline-file', value: comparison.file },
    { name: 'baseline-regressions', value: comparison.regressions.join(',') },
    { name: 'baseline-new-failures', value: ids(comparison.newFailures) },
    { name: 'baseline-fixed', value: ids(comparison.fixed) },
    { name: 'baseline-still-failing', value: ids(comparison.stillFailing) },
  ];
}

/** `ctrf.json`: the comparison and its headline, under `results.extra`. */
export function baselineCtrf(report: ConformanceReport): {
  readonly baseline?: BaselineComparison & { readonly summary: string };
} {
  const comparison = report.baseline;
  return comparison ? { baseline: { ...comparison, summary: baselineHeadline(comparison) } } : {};
}

/** Terminal summary lines. */
export function baselineLines(report: ConformanceReport): string[] {
  const comparison = report.baseline;
  if (!comparison) return [];
  return [
    `Baseline: ${baselineHeadline(comparison)}`,
    ...groups(comparison)
      .filter(({ entries }) => entries.length > 0)
      .map(
        ({ title, entries }) =>
          `  ${title.toLowerCase()}: ${entries.map((e) => `${e.id} (${change(e, comparison.regressions)})`).join(', ')}`,
      ),
  ];
}
