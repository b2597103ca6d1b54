/**
 * The results by level and by suite as stacked bars: one small inline SVG per bar, with its
 * label and totals in HTML beside it, so the text stays readable at phone width while the bars
 * scale. No external asset, no script; the numbers are also in each bar's accessible name.
 */
import { countsOf } from '../../engine/verdict.js';
import { LEVELS, OUTCOMES } from '../../core/report-model.js';
import type { ConformanceReport, Outcome } from '../../core/report-model.js';
import { html, type SafeHtml } from './html-markup.js';
import { OUTCOME_LABELS } from './plain-text.js';

type Counts = Readonly<Record<Outcome, number>>;

interface Bar {
  readonly label: string;
  readonly counts: Counts;
}

/** The chart section's figure; empty when the run judged nothing. */
export function resultsChart(report: ConformanceReport): SafeHtml {
  const byLevel: Bar[] = LEVELS.map((level) => ({ label: level, counts: report.counts.byLevel[level] })).filter(
    (bar) => total(bar.counts) > 0,
  );
  const bySuite: Bar[] = suitesInOrder(report).map((suite) => ({ label: suite, counts: suiteCounts(report, suite) }));
  const widest = Math.max(1, ...[...byLevel, ...bySuite].map((bar) => total(bar.counts)));
  if (report.requirements.length === 0) return html``;
  return html`<figure class="chart" aria-labelledby="chart-caption">
<figcaption id="chart-caption">Requirements by outcome, per level and per suite (bar length: number of requirements)</figcaption>
<ul class="chart-legend">${OUTCOMES.map((outcome) => html`<li><span class="swatch seg-${outcome}"></span>${OUTCOME_LABELS[outcome]}</li>`)}</ul>
<p class="chart-group">By level</p>
<div class="chart-rows">
${byLevel.map((bar) => barRow(bar, widest))}</div>
<p class="chart-group">By suite</p>
<div class="chart-rows">
${bySuite.map((bar) => barRow(bar, widest))}</div>
</figure>`;
}

function barRow(bar: Bar, widest: number): SafeHtml {
  const sum = total(bar.counts);
  const parts = OUTCOMES.filter((outcome) => bar.counts[outcome] > 0);
  const name = `${bar.label}: ${parts.map((outcome) => `${bar.counts[outcome]} ${OUTCOME_LABELS[outcome].toLowerCase()}`).join(', ')}`;
  let x = 0;
  const segments = parts.map((outcome) => {
    const width = bar.counts[outcome];
    const segment = html`<rect class="seg-${outcome}" x="${x}" y="0" width="${width}" height="1"><title>${bar.label}: ${width} ${OUTCOME_LABELS[outcome].toLowerCase()}</title></rect>`;
    x += width;
    return segment;
  });
  return html`<div class="chart-row">
<span class="chart-label">${bar.label}</span>
<svg class="chart-bar" viewBox="0 0 ${widest} 1" preserveAspectRatio="none" role="img" aria-label="${name}">${segments}</svg>
<span class="chart-total">${bar.counts.pass} of ${sum} passed</span>
</div>
`;
}

function suitesInOrder(report: ConformanceReport): string[] {
  return [...new Set(report.requirements.map((r) => r.suite))];
}

function suiteCounts(report: ConformanceReport, suite: string): Counts {
  return countsOf(report.requirements.filter((r) => r.suite === suite)).byOutcome;
}

function total(counts: Counts): number {
  return OUTCOMES.reduce((sum, outcome) => sum + counts[outcome], 0);
}
