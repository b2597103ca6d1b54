/**
 * The page's own style and behaviour. Both are constants, so the Content-Security-Policy can pin
 * them by hash: even a markup injection that slipped past escaping could neither run script nor
 * load anything.
 */
import { createHash } from 'node:crypto';

export const STYLE = `
:root {
  color-scheme: light;
  --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --bg: #ffffff; --soft: #f6f8fa;
  --pass-fg: #116329; --pass-bg: #dafbe1; --pass-bar: #2da44e;
  --fail-fg: #a40e26; --fail-bg: #ffebe9; --fail-bar: #cf222e;
  --error-fg: #8a3300; --error-bg: #fff1e5; --error-bar: #bc4c00;
  --skip-fg: #424a53; --skip-bg: #eaeef2; --skip-bar: #afb8c1;
  --waived-fg: #0a3069; --waived-bg: #ddf4ff; --waived-bar: #54aeff;
  --link: #0550ae;
}
* { box-sizing: border-box; }
body {
  margin: 0; color: var(--fg); background: var(--bg); overflow-wrap: break-word;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
}
code, pre { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
code { overflow-wrap: anywhere; }
a { color: var(--link); }
:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.wrap { max-width: 1240px; margin: 0 auto; padding: 0 24px; }
h2 { font-size: 20px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--border); }
h3 { font-size: 16px; margin: 20px 0 8px; }
.banner { color: #fff; padding: 24px 0 20px; }
.banner code { background: rgba(0,0,0,.22); padding: 1px 6px; border-radius: 4px; }
.banner-conformant { background: #1a7f37; }
.banner-unproven { background: #8a5c00; }
.banner-non-conformant { background: #b42318; }
.banner-inconclusive { background: #59636e; }
.eyebrow { margin: 0; font-size: 14px; }
.verdict { margin: 4px 0; font-size: 34px; line-height: 1.2; }
.verdict-icon { display: inline-block; width: 1.2em; }
.verdict-coverage { margin: 0 0 2px; font-size: 19px; font-weight: 600; }
.verdict-reason { margin: 0 0 4px; font-size: 16px; }
.banner-target, .banner-dialect p { margin: 0; font-size: 14px; }
.banner-dialect ul { margin: 2px 0 0; padding-left: 20px; font-size: 14px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); grid-auto-flow: row dense; gap: 8px 24px; margin: 0; }
.facts div { min-width: 0; }
.facts .wide { grid-column: span 2; }
.facts dt { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.facts dd { margin: 0; }
.facts dd ul { margin: 0; padding-left: 18px; }
table { border-collapse: separate; border-spacing: 0; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--border); overflow-wrap: anywhere; }
thead th { position: sticky; top: 0; z-index: 1; background: var(--soft); font-size: 13px; border-bottom: 2px solid var(--border); }
table.counts { width: auto; min-width: min(560px, 100%); }
table.counts caption { text-align: left; }
table.counts td { text-align: right; font-variant-numeric: tabular-nums; }
table.counts td.zero { color: var(--muted); }
table.counts td.count-fail { color: var(--fail-fg); font-weight: 700; }
table.counts td.count-error { color: var(--error-fg); font-weight: 700; }
table.counts tr.total th, table.counts tr.total td { font-weight: 700; background: var(--soft); }
table.requirements { table-layout: fixed; }
.col-id { width: 12.5rem; } .col-level { width: 5rem; } .col-suite { width: 7.5rem; } .col-basis { width: 7rem; } .col-status { width: 6rem; }
tr.row-fail td:first-child { box-shadow: inset 4px 0 var(--fail-fg); }
tr.row-error td:first-child { box-shadow: inset 4px 0 var(--error-fg); }
tr.row-waived td:first-child { box-shadow: inset 4px 0 var(--waived-fg); }
.level { font-size: 13px; font-weight: 600; color: var(--muted); white-space: nowrap; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.badge-pass { color: var(--pass-fg); background: var(--pass-bg); }
.badge-fail { color: var(--fail-fg); background: var(--fail-bg); }
.badge-error { color: var(--error-fg); background: var(--error-bg); }
.badge-skip { color: var(--skip-fg); background: var(--skip-bg); }
.badge-waived, .waiver-applied { color: var(--waived-fg); background: var(--waived-bg); }
.waiver-expired { color: var(--fail-fg); background: var(--fail-bg); }
.waiver-unused { color: var(--skip-fg); background: var(--skip-bg); }
.waiver-unknown { color: var(--error-fg); background: var(--error-bg); }
.basis { display: inline-block; padding: 0 7px; border: 1px solid; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; background: var(--bg); }
.basis-documented { color: #0550ae; }
.basis-observed { color: #6639ba; border-style: dashed; }
.basis-decided { color: #953800; border-style: dotted; }
.sources { display: block; margin-top: 2px; color: var(--muted); font-size: 12px; }
.note, .hint, .check { color: var(--muted); font-size: 13px; }
.note { margin: 4px 0 0; }
summary { cursor: pointer; }
.evidence-details > summary { font-weight: 500; }
.evidence { margin: 8px 0 4px; padding-left: 12px; border-left: 2px solid var(--border); }
.failure { margin: 0 0 16px; }
.failure-title { margin: 8px 0 4px; font-weight: 600; }
.label { margin: 8px 0 2px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
pre { margin: 0; padding: 8px 10px; background: var(--soft); border: 1px solid var(--border); border-radius: 6px;
  white-space: pre-wrap; overflow-wrap: anywhere; }
pre.message { border-left: 3px solid var(--fail-fg); }
pre.scroll { max-height: 16em; overflow: auto; }
details.more-failures > summary { margin: 4px 0 8px; font-size: 13px; color: var(--link); }
.exchange { margin: 8px 0; display: grid; gap: 2px; }
.exchange div { display: flex; gap: 8px; }
.exchange dt { min-width: 8.5em; color: var(--muted); font-size: 13px; }
.exchange dd { margin: 0; min-width: 0; }
details.headers { margin: 4px 0; font-size: 13px; }
.curl-head { display: flex; align-items: center; justify-content: space-between; }
button.copy { font: inherit; font-size: 12px; padding: 2px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); color: var(--fg); cursor: pointer; }
button.copy:hover { background: var(--soft); }
.spec-refs { margin: 6px 0 0; padding-left: 18px; font-size: 13px; }
.spec-refs code { color: var(--muted); font-size: 12px; }
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 20px; margin: 0 0 12px; }
.filters[hidden] { display: none; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
.filters legend { float: left; margin-right: 10px; font-weight: 600; }
.filter-text input { margin-left: 6px; padding: 4px 8px; border: 1px solid var(--border); border-radius: 6px; font: inherit; width: 16rem; max-width: 60vw; }
.filter-count { margin: 0; color: var(--muted); font-size: 13px; }
.attention, .legend, .skip-groups { padding-left: 20px; }
.attention li, .legend li, .skip-groups li { margin: 3px 0; }
.skip-groups .ids { display: block; font-size: 13px; }
.reasons { margin: 4px 0; }
.checks { list-style: none; padding: 0; margin: 0; }
.checks li { margin: 2px 0; }
.waiver-note { margin: 4px 0; padding: 6px 10px; border-radius: 6px; color: var(--waived-fg); background: var(--waived-bg); }
.chart { margin: 16px 0 0; max-width: 880px; }
.chart figcaption { font-size: 13px; color: var(--muted); }
.chart-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; list-style: none; padding: 0; margin: 6px 0; font-size: 13px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 5px; border-radius: 2px; }
.chart-group { margin: 10px 0 2px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.chart-rows { display: grid; grid-template-columns: minmax(5rem, 11rem) minmax(0, 1fr) auto; gap: 3px 10px; align-items: center; }
.chart-row { display: contents; }
.chart-label { font-size: 13px; overflow-wrap: anywhere; }
.chart-bar { display: block; width: 100%; height: 14px; }
.chart-total { font-size: 12px; color: var(--muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
.seg-pass { fill: var(--pass-bar); background: var(--pass-bar); }
.seg-fail { fill: var(--fail-bar); background: var(--fail-bar); }
.seg-skip { fill: var(--skip-bar); background: var(--skip-bar); }
.seg-error { fill: var(--error-bar); background: var(--error-bar); }
.seg-waived { fill: var(--waived-bar); background: var(--waived-bar); }
.page-footer { margin: 40px auto 24px; color: var(--muted); font-size: 13px; }
@media (max-width: 760px) {
  .wrap { padding: 0 14px; }
  .verdict { font-size: 26px; }
  .facts .wide { grid-column: auto; }
  table.requirements, table.requirements tbody { display: block; }
  table.requirements colgroup, table.requirements thead { display: none; }
  table.requirements tr { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 10px; padding: 8px 0 8px 10px; border-bottom: 1px solid var(--border); }
  table.requirements tr[hidden] { display: none; }
  table.requirements td { display: block; padding: 0; border: 0; min-width: 0; }
  table.requirements td.cell-title { order: 10; flex-basis: 100%; }
  table.requirements td.cell-basis { order: 11; flex-basis: 100%; }
  table.requirements td.cell-basis .sources { display: inline; margin-left: 6px; }
  tr.row-fail, tr.row-error, tr.row-waived { box-shadow: inset 4px 0 var(--border); }
  tr.row-fail { box-shadow: inset 4px 0 var(--fail-fg); }
  tr.row-error { box-shadow: inset 4px 0 var(--error-fg); }
  tr.row-waived { box-shadow: inset 4px 0 var(--waived-fg); }
  tr.row-fail td:first-child, tr.row-error td:first-child, tr.row-waived td:first-child { box-shadow: none; }
  .exchange div { flex-direction: column; gap: 0; }
  .chart-rows { grid-template-columns: minmax(4rem, 7rem) minmax(0, 1fr) auto; }
}
`;

export const SCRIPT = `
(function () {
  var filters = document.getElementById('filters');
  var text = document.getElementById('filter-text');
  var count = document.getElementById('filter-count');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#requirements tbody tr'));
  var boxes = Array.prototype.slice.call(filters.querySelectorAll('input[type=checkbox]'));
  function apply() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.value] = box.checked; });
    var needle = text.value.trim().toLowerCase();
    var visible = 0;
    rows.forEach(function (row) {
      var ok = shown[row.getAttribute('data-status')] !== false &&
        (needle === '' || row.getAttribute('data-search').indexOf(needle) !== -1);
      row.hidden = !ok;
      if (ok) visible += 1;
    });
    count.textContent = visible + ' of ' + rows.length + ' requirements shown';
  }
  function reveal() {
    var row = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (!row || rows.indexOf(row) === -1) return;
    if (row.hidden) {
      boxes.forEach(function (box) { box.checked = true; });
      text.value = '';
      apply();
    }
    var details = row.querySelector('details');
    if (details) details.open = true;
    row.scrollIntoView();
  }
  filters.hidden = false;
  filters.addEventListener('input', apply);
  filters.addEventListener('change', apply);
  window.addEventListener('hashchange', reveal);
  apply();
  reveal();
  Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      var done = function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy'; }, 1500);
      };
      var fallback = function () {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        if (document.execCommand('copy')) done();
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.textContent).then(done, fallback);
      } else {
        fallback();
      }
    });
  });
})();
`;

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${cspHash(STYLE)}`,
  `script-src ${cspHash(SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
