/**
 * `implementations.md`: the implementations table as GitHub-flavoured Markdown, for a README
 * or a wiki page: the targets with their run facts, then one row per requirement.
 */
import escapeHtml from 'escape-html';
import type { Outcome } from '../../core/report-model.js';
import { dialectText, type ImplementationsTable } from './table.js';

/** What each outcome looks like in a cell; a requirement the run did not judge is a dash. */
export const CELL_TEXT: Readonly<Record<Outcome, string>> = {
  pass: '✅ pass',
  fail: '❌ fail',
  skip: '➖ skip',
  error: '⚠️ error',
  waived: '🔕 waived',
};

/** Text for a table cell: HTML and Markdown syntax escaped, on one line. */
function cell(text: string): string {
  return escapeHtml(text.replace(/\s+/g, ' ').trim()).replace(/[\\`*_[\]|~#!]/g, (c) => `\\${c}`);
}

export function renderImplementationsMarkdown(table: ImplementationsTable): string {
  const { columns, rows } = table;
  const targets = [
    '| Target | Base URL | Verdict | Passed | Spec sha256 | Dialect | Date | Kit |',
    '| --- | --- | --- | ---: | --- | --- | --- | --- |',
    ...columns.map(
      (c) =>
        `| ${cell(c.label)} | ${cell(c.baseUrl)} | ${c.verdict} | ${c.passed} of ${c.judged} | \`${c.specSha256.slice(0, 12)}\` | ${dialectText(c.deviations)} | ${c.date} | ${cell(c.toolVersion)} |`,
    ),
  ];
  // Each target's header carries its spec, dialect and date, so a column read alone says what it judged.
  const heads = columns.map(
    (c) => `${cell(c.label)}<br>spec ${c.specSha256.slice(0, 12)}<br>${dialectText(c.deviations)}<br>${c.date}`,
  );
  const matrix = [
    `| Requirement | Level | ${heads.join(' | ')} |`,
    `| --- | --- | ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map(
      (r) => `| ${cell(r.id)} | ${r.level} | ${r.cells.map((o) => (o === undefined ? '—' : CELL_TEXT[o])).join(' | ')} |`,
    ),
  ];
  return [
    `# Implementations of ${cell(`${table.spec.title} ${table.spec.version}`)}`,
    '',
    `${columns.length} ${columns.length === 1 ? 'target' : 'targets'}, ${rows.length} requirements. A dash: the run did not judge the requirement.`,
    '',
    ...targets,
    '',
    ...matrix,
    '',
  ].join('\n');
}
