/**
 * `report.html`: one self-contained page (inline CSS and script, no external assets) that
 * works offline and from `file://`. Every text taken from the model is escaped: response
 * bodies and headers are written by the target, which may be hostile.
 */
import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';
import { LEVELS, OUTCOMES } from '../model.js';
import type {
  ConformanceReport,
  ExchangeEvidence,
  FailureEvidence,
  Level,
  Outcome,
  RequirementResult,
  Verdict,
  Waiver,
} from '../model.js';
import { baselineHtml } from './baseline.js';
import { formatDuration, OUTCOME_LABELS, replaceControlCharacters, requestLine } from './plain-text.js';

/** Renders the report as a single offline HTML page. */
export function renderHtml(report: ConformanceReport): string {
  const anchors = requirementAnchors(report.requirements);
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<title>${pageTitle(report)}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
${banner(report)}
<main class="wrap">
${runSection(report)}
${countsSection(report)}
${raw(baselineHtml(report))}
${attentionSection(report, anchors)}
${requirementsSection(report, anchors)}
${waiversSection(report, anchors)}
${fuzzSection(report, anchors)}
</main>
<footer class="wrap page-footer">
<p>${report.tool.name} ${report.tool.version} · spec <code>${report.spec.path}</code> · exit code ${report.exitCode}</p>
</footer>
<script>${raw(SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}

// ---------------------------------------------------------------------------------------------
// Escaping: every interpolated value is escaped unless it is already SafeHtml, so forgetting to
// escape is impossible rather than merely unlikely.

class SafeHtml {
  constructor(readonly value: string) {}
}

type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += toHtml(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function toHtml(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(toHtml).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(replaceControlCharacters(String(value)));
}

/** Only for constant markup (the style sheet, the script, fixed attributes), never for model text. */
function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

// ---------------------------------------------------------------------------------------------
// Sections

const VERDICT_TEXT: Readonly<Record<Verdict, { label: string; icon: string }>> = {
  conformant: { label: 'Conformant', icon: '✓' },
  'non-conformant': { label: 'Non-conformant', icon: '✗' },
  inconclusive: { label: 'Inconclusive', icon: '?' },
};

function pageTitle(report: ConformanceReport): string {
  const title = `${VERDICT_TEXT[report.verdict].label}: ${report.spec.title} conformance`;
  // html-validate's long-title rule, and what a browser tab can show anyway.
  return title.length > 70 ? `${title.slice(0, 69)}…` : title;
}

function banner(report: ConformanceReport): SafeHtml {
  const verdict = VERDICT_TEXT[report.verdict];
  return html`<header class="banner banner-${report.verdict}">
<div class="wrap">
<p class="eyebrow">${report.spec.title} ${report.spec.version} · conformance report</p>
<h1 class="verdict"><span class="verdict-icon" aria-hidden="true">${verdict.icon}</span> Verdict: ${verdict.label}</h1>
<p class="verdict-reason">${verdictReason(report)}</p>
<p class="banner-target">Target <code>${report.target.baseUrl}</code>${report.target.embeddedReference ? ' (embedded reference server)' : ''}</p>
</div>
</header>`;
}

function verdictReason(report: ConformanceReport): string {
  const gated = levelsAtOrAbove(report.run.gatingLevel);
  const failedGated = report.requirements.filter((r) => r.status === 'fail' && gated.includes(r.level)).length;
  const failedBelow = report.requirements.filter((r) => r.status === 'fail' && !gated.includes(r.level)).length;
  const errors = report.counts.byOutcome.error;
  const gate = `the gating level ${report.run.gatingLevel}`;
  switch (report.verdict) {
    case 'non-conformant':
      return `${plural(failedGated, 'requirement')} at or above ${gate} failed.`;
    case 'inconclusive':
      return errors > 0
        ? `The run could not judge the target: ${plural(errors, 'requirement')} ended in an error.`
        : 'The run could not judge the target.';
    case 'conformant':
      return (
        `No requirement at or above ${gate} failed` +
        (failedBelow > 0 ? `; ${plural(failedBelow, 'requirement')} below it did.` : '.')
      );
  }
}

function runSection(report: ConformanceReport): SafeHtml {
  const { run, spec, target, profile } = report;
  // Ordered so that, four to a row, the two-column facts fill their rows without gaps.
  const facts: [string, HtmlValue][] = [
    ['Target', html`<code>${target.baseUrl}</code>`],
    ['Specification', `${spec.title} ${spec.version}`],
    ['Spec sha256', html`<code title="${spec.sha256}">${spec.sha256.slice(0, 12)}</code>`],
    ['Seed', html`<code>${run.seed}</code>`],
    ['Gating level', run.gatingLevel],
    ['Started at', run.startedAt],
    ['Duration', formatDuration(run.durationMs)],
    ['Profile', profile.name],
    ['Credentials', target.authStyle],
    ['Requests', `${run.requests.total} sent, ${run.requests.retried} retried, ${run.requests.transportErrors} transport errors`],
    ['Fuzz runs', String(run.fuzzRuns)],
    ['Suites', run.suites.join(', ') || 'all'],
  ];
  if (run.requirementFilter.length > 0) facts.push(['Requirements selected', run.requirementFilter.join(', ')]);
  return html`<section aria-labelledby="run-heading">
<h2 id="run-heading">Run</h2>
<dl class="facts">
${facts.map(([term, detail]) => html`<div${WIDE_FACTS.has(term) ? raw(' class="wide"') : ''}><dt>${term}</dt><dd>${detail}</dd></div>
`)}</dl>
</section>`;
}

/** Facts whose values are long enough to deserve two grid columns. */
const WIDE_FACTS: ReadonlySet<string> = new Set(['Target', 'Suites', 'Requirements selected']);

function countsSection(report: ConformanceReport): SafeHtml {
  const row = (label: HtmlValue, counts: Readonly<Record<Outcome, number>>, total: boolean): SafeHtml => {
    const sum = OUTCOMES.reduce((acc, outcome) => acc + counts[outcome], 0);
    const open = total ? html`<tr class="total">` : html`<tr>`;
    return html`${open}<th scope="row">${label}</th>${OUTCOMES.map(
      (outcome) => html`<td class="${counts[outcome] === 0 ? 'zero' : `count-${outcome}`}">${counts[outcome]}</td>`,
    )}<td>${sum}</td></tr>
`;
  };
  return html`<section aria-labelledby="counts-heading">
<h2 id="counts-heading">Results by level</h2>
<table class="counts">
<thead><tr><th scope="col">Level</th>${OUTCOMES.map((o) => html`<th scope="col">${OUTCOME_LABELS[o]}</th>`)}<th scope="col">Total</th></tr></thead>
<tbody>
${LEVELS.map((level) => row(level, report.counts.byLevel[level], false))}${row('All levels', report.counts.byOutcome, true)}</tbody>
</table>
</section>`;
}

function attentionSection(report: ConformanceReport, anchors: ReadonlyMap<RequirementResult, string>): SafeHtml {
  const problems = report.requirements.filter((r) => r.status === 'fail' || r.status === 'error');
  const { expired, unknown } = report.waivers;
  if (problems.length === 0 && expired.length === 0 && unknown.length === 0) return html``;
  return html`<section aria-labelledby="attention-heading">
<h2 id="attention-heading">Needs attention</h2>
<ul class="attention">
${problems.map(
  (r) => html`<li>${badge(r.status)} <a href="#${anchors.get(r) ?? ''}"><code>${r.id}</code></a> <span class="level">${r.level}</span> ${r.title}</li>
`,
)}${expired.map((w) => html`<li>${waiverBadge('expired')} waiver for <code>${w.requirement}</code> expired on ${w.expires}: renew or remove it.</li>
`)}${unknown.map((w) => html`<li>${waiverBadge('unknown')} waiver names <code>${w.requirement}</code>, which the spec does not define.</li>
`)}</ul>
</section>`;
}

function requirementsSection(report: ConformanceReport, anchors: ReadonlyMap<RequirementResult, string>): SafeHtml {
  const present = OUTCOMES.filter((outcome) => report.counts.byOutcome[outcome] > 0);
  return html`<section aria-labelledby="requirements-heading">
<h2 id="requirements-heading">Requirements</h2>
<div class="filters" id="filters" hidden>
<fieldset>
<legend>Show</legend>
${(present.length > 0 ? present : OUTCOMES).map(
  (outcome) => html`<label class="filter-status"><input type="checkbox" value="${outcome}" checked> ${OUTCOME_LABELS[outcome]} (${report.counts.byOutcome[outcome]})</label>
`,
)}</fieldset>
<label class="filter-text">Filter <input type="search" id="filter-text" placeholder="id, title, suite or level" autocomplete="off"></label>
<p class="filter-count" id="filter-count" aria-live="polite"></p>
</div>
<table class="requirements" id="requirements">
<colgroup><col class="col-id"><col class="col-level"><col class="col-suite"><col><col class="col-status"></colgroup>
<thead><tr><th scope="col">ID</th><th scope="col">Level</th><th scope="col">Suite</th><th scope="col">Requirement</th><th scope="col">Status</th></tr></thead>
<tbody>
${report.requirements.map((requirement, index) => requirementRow(requirement, anchors.get(requirement) ?? `req-${index}`, index))}</tbody>
</table>
</section>`;
}

function requirementRow(requirement: RequirementResult, anchor: string, index: number): SafeHtml {
  const search = [requirement.id, requirement.title, requirement.suite, requirement.level, requirement.status]
    .join(' ')
    .toLowerCase();
  return html`<tr id="${anchor}" class="row-${requirement.status}" data-status="${requirement.status}" data-search="${search}">
<td><code>${requirement.id}</code></td>
<td class="level">${requirement.level}</td>
<td>${requirement.suite}</td>
<td>${requirementCell(requirement, index)}</td>
<td>${badge(requirement.status)}</td>
</tr>
`;
}

function requirementCell(requirement: RequirementResult, index: number): SafeHtml {
  switch (requirement.status) {
    case 'pass':
      return html`${requirement.title}`;
    case 'skip':
      return html`${requirement.title}<p class="note">Skipped: ${requirement.reasons.join('; ') || 'no reason recorded'}</p>`;
    case 'fail':
    case 'error':
    case 'waived': {
      const count = requirement.failureCount;
      const hint =
        requirement.status === 'error'
          ? 'what broke'
          : `${count} ${count === 1 ? 'failure' : 'failures'}${requirement.status === 'waived' ? ', waived' : ''}`;
      return html`<details class="evidence-details">
<summary>${requirement.title} <span class="hint">(${hint})</span></summary>
<div class="evidence">
${requirement.waiver ? html`<p class="waiver-note">Waived: ${requirement.waiver.reason} (expires ${requirement.waiver.expires})</p>` : ''}
${requirement.reasons.length > 0 ? html`<ul class="reasons">${requirement.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : ''}
${requirement.failures.map((failure, n) => failureEvidence(failure, `curl-${index}-${n}`))}
${count > requirement.failures.length ? html`<p class="note">… and ${count - requirement.failures.length} more not kept in the report.</p>` : ''}
${checksList(requirement)}
${requirement.specRefs.length > 0 ? html`<p class="note">Spec: ${requirement.specRefs.map((ref, n) => html`${n > 0 ? ', ' : ''}<code>${ref}</code>`)}</p>` : ''}
</div>
</details>`;
    }
  }
}

function failureEvidence(failure: FailureEvidence, curlId: string): SafeHtml {
  return html`<div class="failure">
<p class="failure-title">${failure.title} <span class="check">check <code>${failure.check}</code></span></p>
<pre class="message">${failure.message}</pre>
${failure.exchange ? exchangeEvidence(failure.exchange) : ''}
${failure.fuzz
  ? html`<dl class="exchange"><div><dt>Fuzz</dt><dd>seed <code>${failure.fuzz.seed}</code>, path <code>${failure.fuzz.path}</code>, after ${failure.fuzz.numRuns} runs and ${failure.fuzz.shrinks} shrinks</dd></div></dl>
<p class="label">Counterexample</p>
<pre class="body">${failure.fuzz.counterexample}</pre>`
  : ''}
${failure.curl
  ? html`<div class="curl">
<div class="curl-head"><span class="label">Reproduce</span> <button type="button" class="copy" data-copy="${curlId}" hidden>Copy</button></div>
<pre id="${curlId}">${failure.curl}</pre>
</div>`
  : ''}
</div>`;
}

function exchangeEvidence(exchange: ExchangeEvidence): SafeHtml {
  const response = exchange.response;
  const headerLines = (headers: Readonly<Record<string, string>>): string =>
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n');
  return html`<dl class="exchange">
<div><dt>Request</dt><dd><code>${requestLine(exchange)}</code></dd></div>
${response ? html`<div><dt>Response</dt><dd>status <strong>${response.status}</strong></dd></div>` : ''}
${exchange.transportError ? html`<div><dt>Transport error</dt><dd><code>${exchange.transportError.code}</code> ${exchange.transportError.message}</dd></div>` : ''}
</dl>
<details class="headers">
<summary>Headers</summary>
<p class="label">Request headers</p>
<pre>${headerLines(exchange.request.headers) || '(none)'}</pre>
${response ? html`<p class="label">Response headers</p>
<pre>${headerLines(response.headers) || '(none)'}</pre>` : ''}
</details>
${response
  ? html`<p class="label">Response body excerpt${response.bodyTruncated ? ' (truncated)' : ''}</p>
<pre class="body">${response.bodyExcerpt || '(empty)'}</pre>`
  : ''}`;
}

function checksList(requirement: RequirementResult): SafeHtml {
  if (requirement.checks.length === 0) return html``;
  return html`<p class="label">Checks</p>
<ul class="checks">
${requirement.checks.map(
  (check) => html`<li>${badge(check.status)} ${check.title} <span class="hint">(${plural(check.requests, 'request')})</span>${check.reason ? html` — ${check.reason}` : ''}</li>
`,
)}</ul>`;
}

type WaiverState = 'applied' | 'expired' | 'unused' | 'unknown';

const WAIVER_STATES: readonly { state: WaiverState; meaning: string }[] = [
  { state: 'applied', meaning: 'covered a failure, which is reported as waived' },
  { state: 'expired', meaning: 'past its date, so not applied: renew or remove it' },
  { state: 'unused', meaning: 'the requirement did not fail: remove the waiver' },
  { state: 'unknown', meaning: 'names a requirement the spec does not define' },
];

function waiversSection(report: ConformanceReport, anchors: ReadonlyMap<RequirementResult, string>): SafeHtml {
  const rows = WAIVER_STATES.flatMap(({ state }) => report.waivers[state].map((waiver) => ({ state, waiver })));
  const byId = new Map(report.requirements.map((r) => [r.id, r] as const));
  const requirementLink = (waiver: Waiver): SafeHtml => {
    const requirement = byId.get(waiver.requirement);
    const anchor = requirement && anchors.get(requirement);
    return anchor
      ? html`<a href="#${anchor}"><code>${waiver.requirement}</code></a>`
      : html`<code>${waiver.requirement}</code>`;
  };
  return html`<section aria-labelledby="waivers-heading">
<h2 id="waivers-heading">Waivers</h2>
${rows.length === 0
  ? html`<p class="note">No waivers were configured for this run.</p>`
  : html`<ul class="legend">
${WAIVER_STATES.map(({ state, meaning }) => html`<li>${waiverBadge(state)} ${meaning} (${report.waivers[state].length})</li>
`)}</ul>
<table class="waivers">
<thead><tr><th scope="col">State</th><th scope="col">Requirement</th><th scope="col">Reason</th><th scope="col">Expires</th></tr></thead>
<tbody>
${rows.map(({ state, waiver }) => html`<tr><td>${waiverBadge(state)}</td><td>${requirementLink(waiver)}</td><td>${waiver.reason}</td><td>${waiver.expires}</td></tr>
`)}</tbody>
</table>`}
</section>`;
}

function fuzzSection(report: ConformanceReport, anchors: ReadonlyMap<RequirementResult, string>): SafeHtml {
  const fuzz = report.fuzz;
  if (!fuzz) return html``;
  const counterexamples = report.requirements.flatMap((requirement) =>
    requirement.failures.flatMap((failure) => (failure.fuzz ? [{ requirement, fuzz: failure.fuzz, title: failure.title }] : [])),
  );
  return html`<section aria-labelledby="fuzz-heading">
<h2 id="fuzz-heading">Fuzzing</h2>
<p>Seed <code>${fuzz.seed}</code>, ${plural(fuzz.runs, 'run')}. The same seed replays the same cases.</p>
<table class="fuzz">
<thead><tr><th scope="col">Requirement</th><th scope="col">Property</th><th scope="col">Runs</th><th scope="col">Status</th></tr></thead>
<tbody>
${fuzz.properties.map((property) => html`<tr><td><code>${property.requirement}</code></td><td>${property.name}</td><td>${property.runs}</td><td>${badge(property.status)}</td></tr>
`)}</tbody>
</table>
${counterexamples.length > 0
  ? html`<h3>Counterexamples</h3>
${counterexamples.map(
  ({ requirement, fuzz: found, title }) => html`<div class="failure">
<p class="failure-title"><a href="#${anchors.get(requirement) ?? ''}"><code>${requirement.id}</code></a> ${title}</p>
<p class="note">seed <code>${found.seed}</code>, path <code>${found.path}</code>, ${plural(found.numRuns, 'run')}, ${plural(found.shrinks, 'shrink')}</p>
<pre class="body">${found.counterexample}</pre>
</div>
`,
)}`
  : ''}
</section>`;
}

// ---------------------------------------------------------------------------------------------
// Small pieces

function badge(status: Outcome): SafeHtml {
  return html`<span class="badge badge-${status}">${OUTCOME_LABELS[status]}</span>`;
}

function waiverBadge(state: WaiverState): SafeHtml {
  return html`<span class="badge waiver-${state}">${state.charAt(0).toUpperCase()}${state.slice(1)}</span>`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function levelsAtOrAbove(gate: Level): readonly Level[] {
  return LEVELS.slice(0, LEVELS.indexOf(gate) + 1);
}

/** `req-<id>` for each requirement, made safe as an HTML id and unique. */
function requirementAnchors(requirements: readonly RequirementResult[]): Map<RequirementResult, string> {
  const anchors = new Map<RequirementResult, string>();
  const used = new Set<string>();
  requirements.forEach((requirement, index) => {
    let anchor = `req-${requirement.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    if (used.has(anchor)) anchor = `${anchor}-${index}`;
    used.add(anchor);
    anchors.set(requirement, anchor);
  });
  return anchors;
}

// ---------------------------------------------------------------------------------------------
// The page's own style and behaviour. Both are constants, so the CSP can pin them by hash: even
// a markup injection that slipped past escaping could neither run script nor load anything.

const STYLE = `
:root {
  color-scheme: light;
  --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --bg: #ffffff; --soft: #f6f8fa;
  --pass-fg: #116329; --pass-bg: #dafbe1;
  --fail-fg: #a40e26; --fail-bg: #ffebe9;
  --error-fg: #8a3300; --error-bg: #fff1e5;
  --skip-fg: #424a53; --skip-bg: #eaeef2;
  --waived-fg: #0a3069; --waived-bg: #ddf4ff;
  --link: #0550ae;
}
* { box-sizing: border-box; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
}
code, pre { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
a { color: var(--link); }
.wrap { max-width: 1240px; margin: 0 auto; padding: 0 24px; }
h2 { font-size: 20px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--border); }
h3 { font-size: 16px; margin: 20px 0 8px; }
.banner { color: #fff; padding: 24px 0 20px; }
.banner code { background: rgba(255,255,255,.16); padding: 1px 6px; border-radius: 4px; }
.banner-conformant { background: #1a7f37; }
.banner-non-conformant { background: #b42318; }
.banner-inconclusive { background: #7d4e00; }
.eyebrow { margin: 0; font-size: 14px; opacity: .92; }
.verdict { margin: 4px 0; font-size: 34px; line-height: 1.2; }
.verdict-icon { display: inline-block; width: 1.2em; }
.verdict-reason { margin: 0 0 4px; font-size: 17px; }
.banner-target { margin: 0; font-size: 14px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); grid-auto-flow: row dense; gap: 8px 24px; margin: 0; }
.facts div { min-width: 0; }
.facts .wide { grid-column: span 2; }
.facts dt { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: separate; border-spacing: 0; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--border); }
thead th { position: sticky; top: 0; z-index: 1; background: var(--soft); font-size: 13px; border-bottom: 2px solid var(--border); }
table.counts { width: auto; min-width: 560px; }
table.counts td { text-align: right; font-variant-numeric: tabular-nums; }
table.counts td.zero { color: var(--muted); }
table.counts td.count-fail { color: var(--fail-fg); font-weight: 700; }
table.counts td.count-error { color: var(--error-fg); font-weight: 700; }
table.counts tr.total th, table.counts tr.total td { font-weight: 700; background: var(--soft); }
table.requirements { table-layout: fixed; }
.col-id { width: 15rem; } .col-level { width: 6rem; } .col-suite { width: 8.5rem; } .col-status { width: 6.5rem; }
table.requirements td { overflow-wrap: anywhere; }
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
.note, .hint, .check { color: var(--muted); font-size: 13px; }
.note { margin: 4px 0 0; }
summary { cursor: pointer; }
.evidence-details > summary { font-weight: 500; }
.evidence { margin: 8px 0 4px; padding-left: 12px; border-left: 2px solid var(--border); }
.failure { margin: 0 0 16px; }
.failure-title { margin: 8px 0 4px; font-weight: 600; }
.label { margin: 8px 0 2px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
pre { margin: 0; padding: 8px 10px; background: var(--soft); border: 1px solid var(--border); border-radius: 6px;
  white-space: pre-wrap; overflow-wrap: anywhere; max-height: 24em; overflow: auto; }
pre.message { border-left: 3px solid var(--fail-fg); }
.exchange { margin: 8px 0; display: grid; gap: 2px; }
.exchange div { display: flex; gap: 8px; }
.exchange dt { min-width: 8.5em; color: var(--muted); font-size: 13px; }
.exchange dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
details.headers { margin: 4px 0; font-size: 13px; }
.curl-head { display: flex; align-items: center; justify-content: space-between; }
button.copy { font: inherit; font-size: 12px; padding: 2px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); color: var(--fg); cursor: pointer; }
button.copy:hover { background: var(--soft); }
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 20px; margin: 0 0 12px; }
.filters[hidden] { display: none; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
.filters legend { float: left; margin-right: 10px; font-weight: 600; }
.filter-text input { margin-left: 6px; padding: 4px 8px; border: 1px solid var(--border); border-radius: 6px; font: inherit; min-width: 16rem; }
.filter-count { margin: 0; color: var(--muted); font-size: 13px; }
.attention, .legend { padding-left: 20px; }
.attention li, .legend li { margin: 3px 0; }
.reasons { margin: 4px 0; }
.checks { list-style: none; padding: 0; margin: 0; }
.checks li { margin: 2px 0; }
.waiver-note { margin: 4px 0; padding: 6px 10px; border-radius: 6px; color: var(--waived-fg); background: var(--waived-bg); }
.page-footer { margin: 40px auto 24px; color: var(--muted); font-size: 13px; }
`;

const SCRIPT = `
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

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${cspHash(STYLE)}`,
  `script-src ${cspHash(SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
