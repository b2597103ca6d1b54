/**
 * `report.html`: one self-contained page (inline CSS, script and SVG, no external assets) that
 * works offline and from `file://`. Every text taken from the model is escaped (html-markup.ts):
 * response bodies and headers are written by the target, which may be hostile.
 */
import { LEVELS, OUTCOMES } from '../../core/report-model.js';
import type {
  ConformanceReport,
  ExchangeEvidence,
  FailureEvidence,
  Outcome,
  RequirementResult,
  Waiver,
} from '../../core/report-model.js';
import { baselineHtml } from './baseline.js';
import { CONTENT_SECURITY_POLICY, SCRIPT, STYLE } from './html-assets.js';
import { resultsChart } from './html-chart.js';
import { html, plural, raw, type HtmlValue, type SafeHtml } from './html-markup.js';
import { formatDuration, OUTCOME_LABELS, requestLine } from './plain-text.js';
import { skipCause, skipGroups } from './skip-groups.js';
import { causesHeadline, groupLine, restsOnLines, waiverScope } from './triage.js';
import {
  BASIS_MEANING,
  coverageSentence,
  deviationLine,
  dialectHeadline,
  localDecisionLine,
  stoppedSentence,
  verdictTone,
  verdictWord,
} from './verdict-text.js';
import type { VerdictTone } from './verdict-text.js';

/** Renders the report as a single offline HTML page. */
export function renderHtml(report: ConformanceReport): string {
  const anchors = new Anchors(report.requirements);
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
${skipsSection(report, anchors)}
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
// Banner and run facts

const TONE_ICON: Readonly<Record<VerdictTone, string>> = {
  conformant: '✓',
  unproven: '✓',
  'non-conformant': '✗',
  inconclusive: '?',
};

function pageTitle(report: ConformanceReport): string {
  const title = `${verdictWord(report)}: ${report.spec.title} conformance`;
  // html-validate's long-title rule, and what a browser tab can show anyway.
  return title.length > 70 ? `${title.slice(0, 69)}…` : title;
}

function banner(report: ConformanceReport): SafeHtml {
  const tone = verdictTone(report);
  return html`<header class="banner banner-${tone}">
<div class="wrap">
<p class="eyebrow">${report.spec.title} ${report.spec.version} · conformance report</p>
<h1 class="verdict"><span class="verdict-icon" aria-hidden="true">${TONE_ICON[tone]}</span> Verdict: ${verdictWord(report)}</h1>
<p class="verdict-coverage">${capitalize(coverageSentence(report))}</p>
<p class="verdict-reason">${verdictReason(report)}</p>
${stoppedSentence(report) ? html`<p class="verdict-stopped"><strong>${stoppedSentence(report)}</strong></p>` : ''}
<p class="banner-target">Target <code>${report.target.baseUrl}</code>${report.target.embeddedReference ? ' (embedded reference server)' : ''}</p>
<div class="banner-dialect"><p>${capitalize(dialectHeadline(report))}</p>
${report.dialect.deviations.length > 0 ? html`<ul>${report.dialect.deviations.map((d) => html`<li><code>${deviationLine(d)}</code></li>`)}</ul>` : ''}
${(report.dialect.localDecisions ?? []).length > 0 ? html`<ul class="local-decisions">${(report.dialect.localDecisions ?? []).map((d) => html`<li>${localDecisionLine(d)}</li>`)}</ul>` : ''}</div>
</div>
</header>`;
}

function verdictReason(report: ConformanceReport): string {
  const gated = LEVELS.slice(0, LEVELS.indexOf(report.run.gatingLevel) + 1);
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
    case 'conformant': {
      const unproven =
        report.coverage.notProven.length > 0 ? ' Not proven is not failed: see the skips, waivers and errors below.' : '';
      return `No requirement at or above ${gate} failed${failedBelow > 0 ? `; ${plural(failedBelow, 'requirement')} below it did.` : '.'}${unproven}`;
    }
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
  if (spec.overlays.length > 0) {
    facts.splice(3, 0, [
      'Overlays',
      html`<ul>${spec.overlays.map((o) => html`<li><code>${o.name}</code> sha256 <code title="${o.sha256}">${o.sha256.slice(0, 12)}</code></li>`)}</ul>`,
    ]);
    facts.splice(4, 0, [
      'Effective sha256',
      html`<code title="${spec.effectiveSha256}">${spec.effectiveSha256.slice(0, 12)}</code>`,
    ]);
  }
  facts.push(['Dialect', dialectFact(report)]);
  if (run.requirementFilter.length > 0) facts.push(['Requirements selected', run.requirementFilter.join(', ')]);
  return html`<section aria-labelledby="run-heading">
<h2 id="run-heading">Run</h2>
<dl class="facts">
${facts.map(
  ([term, detail]) => html`<div${WIDE_FACTS.has(term) ? raw(' class="wide"') : ''}><dt>${term}</dt><dd>${detail}</dd></div>
`,
)}</dl>
</section>`;
}

/** Facts whose values are long enough to deserve two grid columns. */
const WIDE_FACTS: ReadonlySet<string> = new Set(['Target', 'Suites', 'Requirements selected', 'Overlays', 'Dialect']);

function dialectFact(report: ConformanceReport): SafeHtml {
  const deviations = report.dialect.deviations;
  if (deviations.length === 0) return html`canonical: no knob deviates from the spec as published`;
  return html`${dialectHeadline(report).replace(/^dialect: /, '')}<ul>${deviations.map(
    (d) =>
      html`<li><code>${d.knob}</code>: <code>${d.canonical}</code> → <code>${d.value}</code>${d.sources.length > 0 ? ` (${d.sources.join(', ')})` : ''}${d.requirements.length > 0 ? html`; changes ${d.requirements.join(', ')}` : ''}</li>`,
  )}</ul>`;
}

// ---------------------------------------------------------------------------------------------
// Counts, attention and skips

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
<h2 id="counts-heading">Results</h2>
<table class="counts">
<caption class="note">By level</caption>
<thead><tr><th scope="col">Level</th>${OUTCOMES.map((o) => html`<th scope="col">${OUTCOME_LABELS[o]}</th>`)}<th scope="col">Total</th></tr></thead>
<tbody>
${LEVELS.map((level) => row(level, report.counts.byLevel[level], false))}${row('All levels', report.counts.byOutcome, true)}</tbody>
</table>
${resultsChart(report)}
</section>`;
}

function attentionSection(report: ConformanceReport, anchors: Anchors): SafeHtml {
  const problems = report.requirements.filter((r) => r.status === 'fail' || r.status === 'error');
  const { expired, unknown } = report.waivers;
  if (problems.length === 0 && expired.length === 0 && unknown.length === 0) return html``;
  return html`<section aria-labelledby="attention-heading">
<h2 id="attention-heading">Needs attention</h2>
<ul class="attention">
${problems.map(
  (r) => html`<li>${badge(r.status)} ${anchors.link(r.id)} <span class="level">${r.level}</span> ${basisPill(r)} ${r.title}</li>
`,
)}${expired.map(
    (
      w,
    ) => html`<li>${waiverBadge('expired')} waiver for <code>${w.requirement}</code> expired on ${w.expires}: renew or remove it.</li>
`,
  )}${unknown.map(
    (w) => html`<li>${waiverBadge('unknown')} waiver names <code>${w.requirement}</code>, which the spec does not define.</li>
`,
  )}</ul>
</section>`;
}

function skipsSection(report: ConformanceReport, anchors: Anchors): SafeHtml {
  const groups = skipGroups(report.requirements);
  if (groups.length === 0) return html``;
  return html`<section aria-labelledby="skips-heading">
<h2 id="skips-heading">Skipped, by reason</h2>
<ul class="skip-groups">
${groups.map(
  (group) => html`<li><strong>${group.requirements.length}</strong> ${group.reason}<span class="ids">${group.requirements.map(
    (r, n) => html`${n > 0 ? ', ' : ''}${anchors.link(r.id)} <span class="level">${r.level}</span>`,
  )}</span></li>
`,
)}</ul>
</section>`;
}

// ---------------------------------------------------------------------------------------------
// The requirement table

function requirementsSection(report: ConformanceReport, anchors: Anchors): SafeHtml {
  const present = OUTCOMES.filter((outcome) => report.counts.byOutcome[outcome] > 0);
  return html`<section aria-labelledby="requirements-heading">
<h2 id="requirements-heading">Requirements</h2>
<div class="filters" id="filters" hidden>
<fieldset>
<legend>Show</legend>
${(present.length > 0 ? present : OUTCOMES).map(
  (
    outcome,
  ) => html`<label class="filter-status"><input type="checkbox" value="${outcome}" checked> ${OUTCOME_LABELS[outcome]} (${report.counts.byOutcome[outcome]})</label>
`,
)}</fieldset>
<label class="filter-text">Filter <input type="search" id="filter-text" placeholder="id, title, suite or level" autocomplete="off"></label>
<p class="filter-count" id="filter-count" aria-live="polite"></p>
</div>
<ul class="legend">
${(['documented', 'observed', 'decided'] as const).map(
  (basis) => html`<li>${basisPill({ basis, sources: [] })} ${BASIS_MEANING[basis]}</li>
`,
)}</ul>
<table class="requirements" id="requirements">
<colgroup><col class="col-id"><col class="col-level"><col class="col-suite"><col><col class="col-basis"><col class="col-status"></colgroup>
<thead><tr><th scope="col">ID</th><th scope="col">Level</th><th scope="col">Suite</th><th scope="col">Requirement</th><th scope="col">Basis</th><th scope="col">Status</th></tr></thead>
<tbody>
${report.requirements.map((requirement, index) => requirementRow(requirement, index, anchors))}</tbody>
</table>
</section>`;
}

function requirementRow(requirement: RequirementResult, index: number, anchors: Anchors): SafeHtml {
  const search = [requirement.id, requirement.title, requirement.suite, requirement.level, requirement.status, requirement.basis]
    .join(' ')
    .toLowerCase();
  return html`<tr id="${anchors.of(requirement.id, index)}" class="row-${requirement.status}" data-status="${requirement.status}" data-search="${search}">
<td class="cell-id"><code>${requirement.id}</code></td>
<td class="cell-level level">${requirement.level}</td>
<td class="cell-suite">${requirement.suite}</td>
<td class="cell-title">${requirementCell(requirement, index, anchors)}</td>
<td class="cell-basis">${basisPill(requirement)}${requirement.sources.length > 0 ? html`<span class="sources">${requirement.sources.join(', ')}</span>` : ''}</td>
<td class="cell-status">${badge(requirement.status)}</td>
</tr>
`;
}

function requirementCell(requirement: RequirementResult, index: number, anchors: Anchors): SafeHtml {
  switch (requirement.status) {
    case 'pass':
      return html`${requirement.title}`;
    case 'skip':
      return html`${requirement.title}<p class="note">Skipped: ${skipCause(requirement)}</p>`;
    case 'fail':
    case 'error':
    case 'waived': {
      const count = requirement.failureCount;
      const hint =
        requirement.status === 'error'
          ? 'what broke'
          : `${plural(count, 'failure')}${requirement.status === 'waived' ? ', waived' : ''}`;
      return html`<details class="evidence-details">
<summary>${requirement.title} <span class="hint">(${hint})</span></summary>
<div class="evidence">
${requirement.waiver ? html`<p class="waiver-note">Waived: ${requirement.waiver.reason} (expires ${requirement.waiver.expires})</p>` : ''}
${requirement.reasons.length > 0 ? html`<ul class="reasons">${requirement.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : ''}
${restsOnBlock(requirement)}
${causesBlock(requirement)}
${keptFailures(requirement, index)}
${count > requirement.failures.length ? html`<p class="note">… and ${count - requirement.failures.length} more not kept in the report.</p>` : ''}
${checksList(requirement)}
${specRefsList(requirement, anchors)}
</div>
</details>`;
    }
  }
}

/** What the requirement rests on, in the source's words, next to what was received. */
function restsOnBlock(requirement: RequirementResult): SafeHtml {
  const lines = restsOnLines(requirement);
  if (lines.length === 0) return html``;
  return html`<div class="rests-on"><p class="label">Rests on</p><ul>${lines.map((line) => html`<li>${line}</li>`)}</ul></div>`;
}

/** The causes of the failures: one line per group, with its count, its first request and its waiver. */
function causesBlock(requirement: RequirementResult): SafeHtml {
  const groups = requirement.failureGroups ?? [];
  if (groups.length === 0) return html``;
  return html`<div class="causes"><p class="label">${causesHeadline(requirement)}</p><ul>${groups.map(
    (group) =>
      html`<li>${groupLine(group)}${group.failure.exchange ? html` <code>${requestLine(group.failure.exchange)}</code>` : ''}</li>`,
  )}</ul></div>`;
}

/** The first kept failure in full; the others one click further, so a row stays readable. */
function keptFailures(requirement: RequirementResult, index: number): SafeHtml {
  const [first, ...others] = requirement.failures.map((failure, n) =>
    failureEvidence(requirement, failure, `curl-${index}-${n}`),
  );
  if (!first) return html``;
  if (others.length === 0) return first;
  return html`${first}<details class="more-failures">
<summary>${plural(others.length, 'more kept failure')}</summary>
${others}
</details>`;
}

function failureEvidence(requirement: RequirementResult, failure: FailureEvidence, curlId: string): SafeHtml {
  return html`<div class="failure">
<p class="failure-title">${failure.title} ${basisPill(requirement)} <span class="check">check <code>${failure.check}</code></span></p>
<pre class="message">${failure.message}</pre>
${(failure.requestNotes ?? []).map((note) => html`<p class="request-note">Note: ${note}</p>`)}
${failure.exchange ? exchangeEvidence(failure.exchange) : ''}
${
  failure.fuzz
    ? html`<dl class="exchange"><div><dt>Fuzz</dt><dd>seed <code>${failure.fuzz.seed}</code>, after ${failure.fuzz.numRuns} runs and ${failure.fuzz.shrinks} shrinks, path <code>${failure.fuzz.path}</code></dd></div></dl>
<p class="label">Counterexample</p>
<pre class="body">${failure.fuzz.counterexample}</pre>`
    : ''
}
${
  failure.curl
    ? html`<div class="curl">
<div class="curl-head"><span class="label">Reproduce</span> <button type="button" class="copy" data-copy="${curlId}" hidden>Copy</button></div>
<pre id="${curlId}">${failure.curl}</pre>
</div>`
    : ''
}
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
${
  response
    ? html`<p class="label">Response headers</p>
<pre>${headerLines(response.headers) || '(none)'}</pre>`
    : ''
}
</details>
${
  response
    ? html`<p class="label">Response body excerpt${response.bodyTruncated ? ' (truncated)' : ''}</p>
<pre class="body scroll" tabindex="0">${response.bodyExcerpt || '(empty)'}</pre>`
    : ''
}`;
}

function checksList(requirement: RequirementResult): SafeHtml {
  if (requirement.checks.length === 0) return html``;
  return html`<p class="label">Checks</p>
<ul class="checks">
${requirement.checks.map(
  (check) => html`<li>${badge(check.status)} ${check.title}${checkCost(check)}${check.reason ? html` — ${check.reason}` : ''}</li>
`,
)}</ul>`;
}

/** " (12 requests, 340 ms)"; nothing for an observer or a check that sent nothing. */
function checkCost(check: RequirementResult['checks'][number]): SafeHtml {
  if (check.requests === 0 && check.durationMs === 0) return html``;
  return html` <span class="hint">(${plural(check.requests, 'request')}, ${formatDuration(check.durationMs)})</span>`;
}

/** The spec parts the requirement governs, by name; a rule another requirement owns links to its row. */
function specRefsList(requirement: RequirementResult, anchors: Anchors): SafeHtml {
  if (requirement.specRefLabels.length === 0) return html``;
  return html`<p class="label">Spec</p>
<ul class="spec-refs">
${requirement.specRefLabels.map((ref) => {
  const owner =
    ref.requirement !== undefined && ref.requirement !== requirement.id && anchors.has(ref.requirement)
      ? ref.requirement
      : undefined;
  const name = owner ? html`<a href="#${anchors.of(owner)}">${ref.label}</a> (${owner})` : html`${ref.label}`;
  return html`<li>${name} <code>${ref.pointer}</code></li>
`;
})}</ul>`;
}

// ---------------------------------------------------------------------------------------------
// Waivers and fuzzing

type WaiverState = 'applied' | 'expired' | 'unused' | 'unknown';

const WAIVER_STATES: readonly { state: WaiverState; meaning: string }[] = [
  { state: 'applied', meaning: 'covered a failure, which is reported as waived' },
  { state: 'expired', meaning: 'past its date, so not applied: renew or remove it' },
  { state: 'unused', meaning: 'stale: nothing it names failed, remove the waiver' },
  { state: 'unknown', meaning: 'names a requirement the spec does not define' },
];

function waiversSection(report: ConformanceReport, anchors: Anchors): SafeHtml {
  const rows = WAIVER_STATES.flatMap(({ state }) => report.waivers[state].map((waiver) => ({ state, waiver })));
  const requirementLink = (waiver: Waiver): SafeHtml => anchors.link(waiver.requirement);
  return html`<section aria-labelledby="waivers-heading">
<h2 id="waivers-heading">Waivers</h2>
${
  rows.length === 0
    ? html`<p class="note">No waivers were configured for this run.</p>`
    : html`<ul class="legend">
${WAIVER_STATES.map(
  ({ state, meaning }) => html`<li>${waiverBadge(state)} ${meaning} (${report.waivers[state].length})</li>
`,
)}</ul>
<table class="waivers">
<thead><tr><th scope="col">State</th><th scope="col">Kind</th><th scope="col">Requirement</th><th scope="col">Covers</th><th scope="col">Reason</th><th scope="col">Owner</th><th scope="col">Expires</th></tr></thead>
<tbody>
${rows.map(
  ({ state, waiver }) =>
    html`<tr><td>${waiverBadge(state)}</td><td>${waiver.kind ?? 'known-defect'}</td><td>${requirementLink(waiver)}</td><td>${waiverScope(waiver)}</td><td>${waiver.reason}</td><td>${waiver.owner ?? ''}</td><td>${waiver.expires}</td></tr>
`,
)}</tbody>
</table>
${(report.waivers.disputes ?? []).map(
  (dispute) => html`<details class="dispute"><summary>Disputed ${dispute.requirement}: ready-to-file text</summary>
<pre>${dispute.text}</pre>
</details>
`,
)}`
}
</section>`;
}

function fuzzSection(report: ConformanceReport, anchors: Anchors): SafeHtml {
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
${fuzz.properties.map(
  (
    property,
  ) => html`<tr><td>${anchors.link(property.requirement)}</td><td>${property.name}</td><td>${property.runs}</td><td>${badge(property.status)}</td></tr>
`,
)}</tbody>
</table>
${
  counterexamples.length > 0
    ? html`<h3>Counterexamples</h3>
${counterexamples.map(
  ({ requirement, fuzz: found, title }) => html`<div class="failure">
<p class="failure-title">${anchors.link(requirement.id)} ${title}</p>
<p class="note">seed <code>${found.seed}</code>, ${plural(found.numRuns, 'run')}, ${plural(found.shrinks, 'shrink')}, path <code>${found.path}</code></p>
<pre class="body">${found.counterexample}</pre>
</div>
`,
)}`
    : ''
}
</section>`;
}

// ---------------------------------------------------------------------------------------------
// Small pieces

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function badge(status: Outcome): SafeHtml {
  return html`<span class="badge badge-${status}">${OUTCOME_LABELS[status]}</span>`;
}

/** "documented", "observed" or "decided", told apart by colour and border as well as by word. */
function basisPill(requirement: Pick<RequirementResult, 'basis' | 'sources'>): SafeHtml {
  const { basis } = requirement;
  return html`<span class="basis basis-${basis}" title="${BASIS_MEANING[basis]}">${basis}</span>`;
}

function waiverBadge(state: WaiverState): SafeHtml {
  return html`<span class="badge waiver-${state}">${capitalize(state)}</span>`;
}

/** `req-<id>` for each requirement, made safe as an HTML id and unique. */
class Anchors {
  private readonly byId = new Map<string, string>();
  private readonly byIndex: string[] = [];

  constructor(requirements: readonly RequirementResult[]) {
    const used = new Set<string>();
    requirements.forEach((requirement, index) => {
      let anchor = `req-${requirement.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
      if (used.has(anchor)) anchor = `${anchor}-${index}`;
      used.add(anchor);
      this.byIndex.push(anchor);
      if (!this.byId.has(requirement.id)) this.byId.set(requirement.id, anchor);
    });
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The row's anchor: by position when given (ids may repeat), else the first row with the id. */
  of(id: string, index?: number): string {
    return (index !== undefined ? this.byIndex[index] : undefined) ?? this.byId.get(id) ?? '';
  }

  /** The id as code, linked to its row when the report has one. */
  link(id: string): SafeHtml {
    const anchor = this.byId.get(id);
    return anchor ? html`<a href="#${anchor}"><code>${id}</code></a>` : html`<code>${id}</code>`;
  }
}
