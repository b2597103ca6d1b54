/**
 * `implementations.html`: the implementations table as one self-contained page (inline style,
 * no script, no external asset), every text escaped: labels and URLs come from report files.
 */
import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';
import { CELL_TEXT } from './markdown.js';
import { dialectText, type ImplementationsTable } from './table.js';

const STYLE = `
body { margin: 24px; color: #1f2328; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 24px; }
table { border-collapse: collapse; margin: 16px 0; }
th, td { border: 1px solid #d1d9e0; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
.facts { display: block; font-weight: normal; color: #59636e; font-size: 12px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.pass { background: #dafbe1; color: #116329; }
.fail { background: #ffebe9; color: #a40e26; font-weight: 600; }
.skip { background: #eaeef2; color: #424a53; }
.error { background: #fff1e5; color: #8a3300; }
.waived { background: #ddf4ff; color: #0a3069; }
.none { color: #59636e; }
`;

const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;

export function renderImplementationsHtml(table: ImplementationsTable): string {
  const text = (value: string | number): string => escapeHtml(String(value));
  const title = `Implementations of ${table.spec.title} ${table.spec.version}`;
  const heads = table.columns
    .map(
      (c) =>
        `<th scope="col">${text(c.label)}<span class="facts"><code>${text(c.baseUrl)}</code></span><span class="facts">${text(c.verdict)}, ${c.passed} of ${c.judged} passed</span>` +
        `<span class="facts">spec <code title="${text(c.specSha256)}">${text(c.specSha256.slice(0, 12))}</code></span><span class="facts">${text(dialectText(c.deviations))}</span><span class="facts">${text(c.date)} · kit ${text(c.toolVersion)}</span></th>`,
    )
    .join('\n');
  const rows = table.rows
    .map((r) => {
      const cells = r.cells
        .map((o) => (o === undefined ? '<td class="none">—</td>' : `<td class="${o}">${text(CELL_TEXT[o])}</td>`))
        .join('');
      return `<tr><th scope="row"><code>${text(r.id)}</code></th><td>${r.level}</td><td>${text(r.title)}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${text(title.length > 70 ? `${title.slice(0, 69)}…` : title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${text(title)}</h1>
<p>${table.columns.length} targets, ${table.rows.length} requirements. A dash: the run did not judge the requirement.</p>
<table>
<thead>
<tr><th scope="col">Requirement</th><th scope="col">Level</th><th scope="col">Title</th>
${heads}</tr>
</thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}
