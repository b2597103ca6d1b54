import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { ConformanceReport, RequirementResult } from '../../src/core/report-model.js';
import { renderMarkdown } from '../../src/report/renderers/markdown.js';
import { headline } from '../../src/report/renderers/plain-text.js';
import {
  APOSTROPHE_TITLE,
  assemble,
  conformantReport,
  deepFreeze,
  nonConformantReport,
  PIPE_TITLE,
  skipsWaiversErrorsReport,
} from './fixtures.js';

/** Cells of a GFM table row: split on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row
    .trim()
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function tableRows(markdown: string, header: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(header);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

/** The document with fenced code blocks (any fence length) removed. */
function outsideCodeBlocks(markdown: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opener = /^(`{3,})/.exec(line)?.[1];
    if (fence === undefined && opener) fence = opener;
    else if (fence !== undefined && line === fence) fence = undefined;
    else if (fence === undefined) kept.push(line);
  }
  return kept.join('\n');
}

const PROBLEMS_HEADER = '| Requirement | Level | Basis | Status | Title | First failure |';

/** CommonMark with GFM tables and inline HTML, as GitHub renders job summaries and comments. */
const commonMark = new MarkdownIt({ html: true });

/** The text of each body cell of each GFM table, as the renderer decodes it (escapes and entities resolved). */
function renderedCells(markdown: string): string[][] {
  const rows: string[][] = [];
  let row: string[] | undefined;
  let inBody = false;
  let inCell = false;
  for (const token of commonMark.parse(markdown, {})) {
    if (token.type === 'tbody_open') inBody = true;
    if (token.type === 'tbody_close') inBody = false;
    if (inBody && token.type === 'tr_open') row = [];
    if (inBody && token.type === 'tr_close' && row) rows.push(row);
    if (token.type === 'td_open') inCell = true;
    if (token.type === 'td_close') inCell = false;
    if (inBody && inCell && token.type === 'inline') row?.push((token.children ?? []).map((child) => child.content).join(''));
  }
  return rows;
}

describe('renderMarkdown', () => {
  const report = deepFreeze(nonConformantReport());
  const markdown = renderMarkdown(report);

  it('should open with the verdict, how much it proved, and an emoji that is amber when not all was proven', () => {
    expect(markdown.split('\n')[0]).toBe('## ❌ Non-conformant: 2 of 8 MUST requirements proven (25 %); 6 not proven');
    expect(markdown.split('\n')[2]).toMatch(/^Points Ledger Explode Info 2\.0\.0 · target `https:\/\/staging/);
    expect(renderMarkdown(conformantReport()).split('\n')[0]).toBe('## ✅ Conformant: all 6 MUST requirements proven');
    expect(renderMarkdown(skipsWaiversErrorsReport()).split('\n')[0]).toBe(
      '## 🟡 Conformant: 5 of 11 MUST requirements proven (45.4 %); 6 not proven',
    );
  });

  it('should state the dialect: canonical, or each deviation with its evidence', () => {
    expect(markdown).toContain('\nDialect: canonical.\n');
    const dialect = renderMarkdown(skipsWaiversErrorsReport());
    expect(dialect).toContain(
      'Dialect: 2 deviations from the canonical spec; the spec is also changed outside its knobs at 1 place (\\#/x-conformance/requirements/3/level):',
    );
    expect(dialect).toContain(
      '- `x-ledger-pagination.offsetMeaning: "page-number" → "item-offset" (S7, discover: offset=1&limit=1 returned the second event)`',
    );
    expect(dialect).toContain('overlays overlays/vendor-mock.yaml (sha256 c0ffee00aa11)');
  });

  it('should group skipped requirements by reason, largest group first', () => {
    const lines = renderMarkdown(skipsWaiversErrorsReport()).split('\n');
    const start = lines.indexOf('### Skipped, by reason (6)');
    expect(lines.slice(start + 2, start + 5)).toEqual([
      '- **3** the profile lists no user group with events and a lookup — UG-TYPE MUST, UG-LOOKUPS MUST, UG-PRIMARY MAY',
      '- **2** no OAuth token is configured (LEDGER\\_CONFORMANCE\\_TOKEN) — AUTH-OAUTH MUST, AUTH-OAUTH-WRONG MUST',
      expect.stringMatching(/^- \*\*1\*\* no identity of an org with .* — ERR-11019 MUST$/),
    ]);
  });

  it('should render through a CommonMark renderer with no entity shown literally', () => {
    for (const model of [report, conformantReport(), skipsWaiversErrorsReport()]) {
      const html = commonMark.render(renderMarkdown(model));
      expect(html).not.toMatch(/&amp;(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i);
    }
    // The check would catch the old escaping, which showed `reference&#39;s` in a cell.
    expect(commonMark.render('| a |\n| --- |\n| reference&\\#39;s |\n')).toMatch(/&amp;#39;/);
  });

  it('should show each table cell as exactly the text it was given: quotes, ampersands and markup', () => {
    const rows = renderedCells(markdown);
    const partition = report.requirements.find((r) => r.id === 'PAGE-PARTITION') as RequirementResult;
    expect(headline(partition)).toBe(APOSTROPHE_TITLE);
    expect(rows).toContainEqual([
      'PAGE-PARTITION',
      'MUST',
      'decided: D4',
      'Failed',
      'Pages partition the full event list',
      APOSTROPHE_TITLE,
    ]);
    const flags = rows.find((row) => row[0] === 'FLAG-BILL-DETAILS');
    expect(flags?.[4]).toBe(PIPE_TITLE);
  });

  it('should count outcomes per level in a table', () => {
    const rows = tableRows(markdown, '| Level | Passed | Failed | Skipped | Error | Waived |');
    expect(rows.map(cells)).toEqual([
      ['MUST', '2', '5', '0', '1', '0'],
      ['SHOULD', '0', '1', '1', '0', '1'],
      ['MAY', '0', '0', '1', '0', '0'],
      ['**All**', '**2**', '**6**', '**2**', '**1**', '**1**'],
    ]);
  });

  it('should list failed and errored requirements, escaping pipes and backticks in cells', () => {
    const rows = tableRows(markdown, PROBLEMS_HEADER);
    const problems = report.requirements.filter((r) => r.status === 'fail' || r.status === 'error');
    expect(rows).toHaveLength(problems.length);
    for (const row of rows) expect(cells(row)).toHaveLength(6);
    const flagRow = cells(rows.find((row) => row.startsWith('| FLAG-BILL-DETAILS')) ?? '');
    expect(PIPE_TITLE).toContain('|');
    expect(flagRow[2]).toBe('observed: S6');
    expect(flagRow[4]).toBe('getBillDetails=true\\|false adds \\`billDetails\\` and nothing else');
    expect(flagRow[5]).toBe('getBillDetails=true also changed \\`pointsEarned\\` \\| totals');
    expect(markdown).toContain('Waived: **1** (ACUR-WARN).');
  });

  it('should give each failure a details block with the message and curl in fenced code', () => {
    expect(markdown.match(/<details>/g)).toHaveLength(7);
    const curl = report.requirements.find((r) => r.id === 'ERR-9022')?.failures[0]?.curl ?? '';
    expect(markdown).toContain(`\`\`\`sh\n${curl}\n\`\`\``);
    expect(markdown).toContain('```text\nReceived: 500 text/html\n');
    expect(markdown).toContain('… and 4 more failures.');
  });

  it('should choose a longer fence when a message itself contains a fence', () => {
    expect(markdown).toContain('````text\nReceived: /events/0/pointsEarned/0/points 120');
  });

  it('should keep target markup inside code blocks, where Markdown shows it literally', () => {
    expect(markdown).toContain("<script>alert('pwned')</script>");
    expect(outsideCodeBlocks(markdown)).not.toContain('<script');
    expect(outsideCodeBlocks(markdown)).toContain('<summary>');
  });

  it('should strip control characters', () => {
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('should give the seed and the command that replays the run', () => {
    expect(markdown).toContain(
      'ledger-conformance run --base-url https://staging.eu.example-loyalty.test --profile staging-eu.yaml --seed 982451653',
    );
    expect(renderMarkdown(conformantReport())).toContain('ledger-conformance run --embedded --seed 1337');
  });

  it('should stay under GitHub’s 1 MiB step-summary limit however many failures there are', () => {
    const template = report.requirements[0] as RequirementResult;
    const failure = template.failures[0];
    if (!failure) throw new Error('fixture lost its failure');
    const huge: ConformanceReport = assemble({
      ...report,
      requirements: Array.from({ length: 400 }, (_, i) => ({
        ...template,
        id: `BULK-${i}`,
        failures: Array.from({ length: 5 }, () => ({ ...failure, message: `Received: ${'y'.repeat(20_000)}` })),
        failureCount: 5,
      })),
    });
    const output = renderMarkdown(huge);
    expect(Buffer.byteLength(output, 'utf8')).toBeLessThan(1024 * 1024);
    expect(output).toMatch(/… and \d+ more failed or errored requirements/);
    expect(tableRows(output, PROBLEMS_HEADER)).toHaveLength(400);
  });

  it('should cap the table too when the catalog is huge', () => {
    const template = report.requirements[0] as RequirementResult;
    const huge: ConformanceReport = assemble({
      ...report,
      requirements: Array.from({ length: 20_000 }, (_, i) => ({
        ...template,
        id: `BULK-${i}`,
        title: `${'Long title '.repeat(25)}${i}`,
      })),
    });
    const output = renderMarkdown(huge);
    expect(Buffer.byteLength(output, 'utf8')).toBeLessThan(1024 * 1024);
    const shown = tableRows(output, PROBLEMS_HEADER).length;
    expect(shown).toBeGreaterThan(100);
    expect(output).toContain(`… and ${20_000 - shown} more: see \`report.html\``);
  });

  it('should stop adding details at the byte budget it is given', () => {
    const output = renderMarkdown(report, { maxBytes: 6000 });
    expect(Buffer.byteLength(output, 'utf8')).toBeLessThanOrEqual(6000);
    expect(output).toMatch(/… and \d+ more failed or errored requirements/);
  });

  it('should give the same bytes for the same model', () => {
    expect(renderMarkdown(nonConformantReport())).toBe(markdown);
  });
});
