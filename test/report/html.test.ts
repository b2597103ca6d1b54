import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { renderHtml } from '../../src/report/renderers/html.js';
import {
  assemble,
  conformantReport,
  deepFreeze,
  HOSTILE_BODY,
  LONG_FUZZ_PATH,
  nonConformantReport,
  skipsWaiversErrorsReport,
} from './fixtures.js';

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

async function validationMessages(html: string): Promise<string[]> {
  const result = await validator.validateString(html, 'report.html');
  return result.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
}

/** Every string anywhere in the model, to tell target-provided URLs from asset references. */
function modelStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(modelStrings);
  return [];
}

function inlineBlock(html: string, tag: 'script' | 'style'): string {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(html);
  if (!match?.[1]) throw new Error(`no inline <${tag}>`);
  return match[1];
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

describe('renderHtml', () => {
  const hostile = deepFreeze(nonConformantReport());
  const html = renderHtml(hostile);

  it('should pass html-validate with its recommended rules', async () => {
    expect(await validationMessages(html)).toEqual([]);
    expect(await validationMessages(renderHtml(conformantReport()))).toEqual([]);
    expect(await validationMessages(renderHtml(skipsWaiversErrorsReport()))).toEqual([]);
  });

  it('should use a validator that does flag broken markup (so the check above means something)', async () => {
    const broken = html.replace('<main class="wrap">', '<main class="wrap"><div><p>unclosed</div>');
    expect((await validationMessages(broken)).length).toBeGreaterThan(0);
  });

  it('should escape target-controlled evidence instead of emitting it as markup', () => {
    expect(html).not.toContain("<script>alert('pwned')</script>");
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; &amp; ]]&gt;');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(HOSTILE_BODY).toContain('\u0000');
    expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/);
  });

  it('should load nothing from outside the file', () => {
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed|audio|video|source)\b/i);
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|srcset|data|poster|background)=/i);
    expect(inlineBlock(html, 'style')).not.toMatch(/url\(|@import/i);
    expect(html).not.toMatch(/href="(?!#)/);
    const allowed = modelStrings(hostile).map((s) => escapeHtml(s));
    const urls = html.match(/https?:\/\/[^\s"'<>&]*/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url.startsWith(hostile.target.baseUrl) || allowed.some((s) => s.includes(url))).toBe(true);
    }
  });

  it('should pin its inline style and script with CSP hashes that match them', () => {
    const attribute = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    const csp = attribute.replaceAll('&#39;', "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${sha256(inlineBlock(html, 'script'))}'`);
    expect(csp).toContain(`style-src 'sha256-${sha256(inlineBlock(html, 'style'))}'`);
  });

  it('should state the verdict in text, with the target, spec, seed, gating level and start', () => {
    expect(html).toMatch(/<h1[^>]*>.*Verdict: Non-conformant<\/h1>/);
    expect(html).toContain(hostile.target.baseUrl);
    expect(html).toContain(hostile.spec.sha256.slice(0, 12));
    expect(html).toContain('982451653');
    expect(html).toContain('<dt>Gating level</dt><dd>MUST</dd>');
    expect(html).toContain('2025-06-03T10:15:40.123Z');
    expect(html).toContain('3 min 07 s');
  });

  it('should list every requirement in one row, filterable by status, visible without JS', () => {
    const rows = html.match(/<tr id="req-[^"]+" class="row-\w+" data-status="(\w+)"/g) ?? [];
    expect(rows).toHaveLength(hostile.requirements.length);
    expect(html).not.toMatch(/<tr[^>]* hidden/);
    expect(html).toContain('<div class="filters" id="filters" hidden>');
    for (const outcome of ['pass', 'fail', 'skip', 'error', 'waived']) {
      expect(html).toContain(`<input type="checkbox" value="${outcome}" checked>`);
    }
  });

  it('should expand exactly the failed, errored and waived requirements, with curl and a copy button', () => {
    const expandable = hostile.requirements.filter((r) => ['fail', 'error', 'waived'].includes(r.status));
    expect(html.match(/<details class="evidence-details">/g)).toHaveLength(expandable.length);
    const curls = hostile.requirements.flatMap((r) => r.failures.flatMap((f) => (f.curl ? [f.curl] : [])));
    for (const curl of curls) expect(html).toContain(`>${escapeHtml(curl)}</pre>`);
    expect(html.match(/<button type="button" class="copy" data-copy="curl-\d+-\d+" hidden>Copy<\/button>/g)).toHaveLength(
      curls.length,
    );
  });

  it('should show waivers in all four states and the fuzz counterexample', () => {
    for (const state of ['Applied', 'Expired', 'Unused', 'Unknown']) expect(html).toContain(`>${state}</span>`);
    expect(html).toContain('LEGACY-42');
    expect(html).toContain('<h3>Counterexamples</h3>');
    expect(html).toContain(`path <code>${LONG_FUZZ_PATH}</code>`);
  });

  it('should colour the banner by verdict, amber when a conformant run did not prove every gating requirement', () => {
    expect(html).toContain('<header class="banner banner-non-conformant">');
    expect(renderHtml(conformantReport())).toContain('<header class="banner banner-conformant">');
    expect(renderHtml(conformantReport())).toContain('<p class="verdict-coverage">All 6 MUST requirements proven</p>');
    const unproven = renderHtml(skipsWaiversErrorsReport());
    expect(unproven).toContain('<header class="banner banner-unproven">');
    expect(unproven).toMatch(/<h1[^>]*>.*Verdict: Conformant<\/h1>/);
    expect(unproven).toContain('<p class="verdict-coverage">5 of 11 MUST requirements proven (45.4 %); 6 not proven</p>');
  });

  it('should state the dialect in the banner, with each deviation, and the overlays beside the spec hash', () => {
    expect(html).toContain('<p>Dialect: canonical</p>');
    const page = renderHtml(skipsWaiversErrorsReport());
    expect(page).toContain(
      '<p>Dialect: 2 deviations from the canonical spec; the spec is also changed outside its knobs at 1 place (#/x-conformance/requirements/3/level)</p>',
    );
    expect(page).toContain('<li><code>x-ledger-warnings.0.code: 9018 → 9004 (S3)</code></li>');
    expect(page).toContain('<dt>Overlays</dt><dd><ul><li><code>overlays/vendor-mock.yaml</code> sha256 <code');
  });

  it('should show the basis of each requirement as a pill, in its row and beside each of its failures', () => {
    for (const requirement of hostile.requirements) {
      const row = new RegExp(`<tr id="req-${requirement.id}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
      expect(row).toContain(`<td class="cell-basis"><span class="basis basis-${requirement.basis}"`);
      expect(row.match(/<p class="failure-title">[^\n]*?<span class="basis basis-(\w+)"/g) ?? []).toHaveLength(
        requirement.failures.length,
      );
    }
  });

  it('should name each spec reference, and link a rule another requirement owns to that requirement’s row', () => {
    expect(html).toContain('<li><a href="#req-ERR-9022">error 9022 (invalid eventReferenceIds)</a> (ERR-9022) <code>');
    // A requirement's own rule is named but not linked to itself.
    const own = /<tr id="req-ERR-9022"[\s\S]*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(own).toContain('<li>error 9022 (invalid eventReferenceIds) <code>');
    expect(html).not.toMatch(/<code>x-ledger-errors\/\d+<\/code>/);
  });

  it('should group skipped requirements by reason, linked to their rows', () => {
    const page = renderHtml(skipsWaiversErrorsReport());
    expect(page).toMatch(
      /<li><strong>3<\/strong> the profile lists no user group with events and a lookup<span class="ids"><a href="#req-UG-TYPE">/,
    );
    expect(page).toContain('<p class="note">Skipped: no OAuth token is configured (LEDGER_CONFORMANCE_TOKEN)</p>');
  });

  it('should chart the results by level and by suite as inline SVG bars whose names carry the numbers', () => {
    const bars = html.match(/<svg class="chart-bar"[^>]*aria-label="([^"]*)"/g) ?? [];
    const levels = ['MUST', 'SHOULD', 'MAY'].filter((level) =>
      Object.values(hostile.counts.byLevel[level as 'MUST']).some((n) => n > 0),
    );
    const suites = new Set(hostile.requirements.map((r) => r.suite));
    expect(bars).toHaveLength(levels.length + suites.size);
    expect(html).toContain('aria-label="MUST: 2 passed, 5 failed, 1 error"');
    expect(html).toContain('aria-label="pagination: 2 failed"');
    expect(html).not.toMatch(/<svg[^>]*\s(xlink:)?href=/);
  });

  it('should leave out the fuzz section when fuzzing did not run, and say when no waivers exist', () => {
    const { fuzz: _fuzz, ...withoutFuzz } = conformantReport();
    const page = renderHtml(assemble(withoutFuzz as ConformanceReport));
    expect(page).not.toContain('id="fuzz-heading"');
    expect(page).toContain('No waivers were configured for this run.');
  });

  it('should give the same bytes for the same model', () => {
    expect(renderHtml(nonConformantReport())).toBe(html);
  });
});
