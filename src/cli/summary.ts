/**
 * The end-of-run summary a person reads in a terminal or a CI log: verdict, counts per level,
 * the requirements that need attention, where the reports are, and how to replay.
 */
import type { ConformanceReport, Outcome } from '../report/model.js';
import { LEVELS, OUTCOMES } from '../report/model.js';
import { baselineLines } from '../report/renderers/baseline.js';

export interface SummaryStyle {
  readonly color: boolean;
}

const PAINT = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;

function painter(style: SummaryStyle) {
  return (text: string, ...colors: (keyof typeof PAINT)[]): string => (style.color ? colors.map((c) => `\u001b[${PAINT[c]}m`).join('') + text + '\u001b[0m' : text);
}

const MARK: Readonly<Record<Outcome, string>> = { pass: '✓', fail: '✗', skip: '-', error: '!', waived: '~' };

export function summaryLines(report: ConformanceReport, files: readonly string[], style: SummaryStyle): string[] {
  const paint = painter(style);
  const verdictColor = report.verdict === 'conformant' ? 'green' : report.verdict === 'non-conformant' ? 'red' : 'yellow';
  const lines: string[] = [];
  lines.push('');
  lines.push(paint(`Verdict: ${report.verdict.toUpperCase()}`, 'bold', verdictColor) + paint(` (gating level ${report.run.gatingLevel}, exit code ${report.exitCode})`, 'dim'));
  lines.push(`Target:  ${report.target.baseUrl}${report.target.embeddedReference ? ' (embedded reference)' : ''}`);
  lines.push(`Spec:    ${report.spec.title} ${report.spec.version} (sha256 ${report.spec.sha256.slice(0, 12)})`);
  lines.push(`Profile: ${report.profile.name}`);
  if (report.run.shard) lines.push(`Shard:   ${report.run.shard.index}/${report.run.shard.total} (this report covers one shard; \`ledger-conformance merge\` joins them)`);
  if (report.run.mergedShards) lines.push(`Merged:  ${report.run.mergedShards} shards`);
  lines.push(`Run:     ${report.run.requests.total} requests (${report.run.requests.retried} retried, ${report.run.requests.transportErrors} without response) in ${(report.run.durationMs / 1000).toFixed(1)} s`);
  lines.push('');
  lines.push(`         ${OUTCOMES.map((o) => o.padStart(7)).join('')}`);
  for (const level of LEVELS) {
    const counts = report.counts.byLevel[level];
    if (OUTCOMES.every((o) => counts[o] === 0)) continue;
    lines.push(`  ${level.padEnd(7)}${OUTCOMES.map((o) => String(counts[o]).padStart(7)).join('')}`);
  }
  const attention = report.requirements.filter((r) => r.status === 'fail' || r.status === 'error' || r.status === 'waived');
  if (attention.length > 0) {
    lines.push('');
    for (const r of attention) {
      const color = r.status === 'fail' ? 'red' : r.status === 'error' ? 'yellow' : 'blue';
      const first = r.failures[0]?.title ?? r.reasons[0]?.split('\n')[0] ?? '';
      lines.push(`  ${paint(`${MARK[r.status]} ${r.status.padEnd(6)}`, color)} ${r.id} ${paint(r.level, 'dim')}  ${first}`);
    }
  }
  const waivers = report.waivers;
  for (const [kind, list] of [['expired', waivers.expired], ['unused', waivers.unused], ['unknown', waivers.unknown]] as const) {
    for (const w of list) lines.push(paint(`  waiver ${kind}: ${w.requirement} (${w.expires}): ${w.reason}`, 'yellow'));
  }
  const baseline = baselineLines(report);
  if (baseline.length > 0) lines.push('', ...baseline);
  lines.push('');
  if (report.fuzz) lines.push(`Fuzz:    ${report.fuzz.properties.length} properties, ${report.fuzz.runs} runs each`);
  lines.push(`Seed:    ${report.run.seed} (replay with --seed ${report.run.seed})`);
  if (files.length > 0) {
    lines.push(`Reports: ${files.join(', ')}`);
    const html = files.find((f) => f.endsWith('.html'));
    if (html) lines.push(paint(`HTML report: ${html}`, 'bold'));
  }
  return lines;
}
