/**
 * The end-of-run summary a person reads in a terminal or a CI log: verdict and how much of it
 * was proven, the dialect, counts per level, the requirements that need attention (with what
 * stands behind each), skips grouped by cause, where the reports are, and how to replay.
 */
import type { ConformanceReport, Outcome } from '../core/report-model.js';
import { LEVELS, OUTCOMES } from '../core/report-model.js';
import { shardLabel } from '../engine/shard.js';
import { baselineLines } from '../report/renderers/baseline.js';
import { skipGroups } from '../report/renderers/skip-groups.js';
import {
  basisText,
  coverageSentence,
  deviationLine,
  dialectHeadline,
  localDecisionLine,
  overlaysText,
  verdictTone,
} from '../report/renderers/verdict-text.js';
import type { VerdictTone } from '../report/renderers/verdict-text.js';
import { appliedByKind, causesHeadline, groupLine, restsOnLines, waiverScope, waiverText } from '../report/renderers/triage.js';

export interface SummaryStyle {
  readonly color: boolean;
}

const PAINT = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;

type Paint = (text: string, ...colors: (keyof typeof PAINT)[]) => string;

function painter(style: SummaryStyle): Paint {
  return (text, ...colors) => (style.color ? colors.map((c) => `\u001b[${PAINT[c]}m`).join('') + text + '\u001b[0m' : text);
}

const MARK: Readonly<Record<Outcome, string>> = { pass: '✓', fail: '✗', skip: '-', error: '!', waived: '~' };

const TONE_COLOR: Readonly<Record<VerdictTone, keyof typeof PAINT>> = {
  conformant: 'green',
  unproven: 'yellow',
  'non-conformant': 'red',
  inconclusive: 'yellow',
};

/** Requirement ids listed per skip group before "and N more". */
const IDS_PER_SKIP_GROUP = 6;

export function summaryLines(report: ConformanceReport, files: readonly string[], style: SummaryStyle): string[] {
  const paint = painter(style);
  return [
    '',
    ...headerLines(report, paint),
    '',
    ...countLines(report),
    ...attentionLines(report, paint),
    ...skipLines(report, paint),
    ...waiverLines(report, paint),
    ...baselineSection(report),
    '',
    ...footerLines(report, files, paint),
  ];
}

function headerLines(report: ConformanceReport, paint: Paint): string[] {
  const color = TONE_COLOR[verdictTone(report)];
  const overlays = overlaysText(report);
  return [
    paint(`Verdict: ${report.verdict.toUpperCase()}`, 'bold', color) +
      paint(` (gating level ${report.run.gatingLevel}, exit code ${report.exitCode})`, 'dim'),
    `         ${paint(coverageSentence(report), color)}`,
    ...(report.aborted
      ? [paint(`Stopped: ${report.aborted.message.split('\n')[0]} (in the ${report.aborted.stage})`, 'bold', 'yellow')]
      : []),
    `Target:  ${report.target.baseUrl}${report.target.embeddedReference ? ' (embedded reference)' : ''}`,
    `Spec:    ${report.spec.title} ${report.spec.version} (sha256 ${report.spec.sha256.slice(0, 12)})${overlays ? `; overlays: ${overlays}` : ''}`,
    `Dialect: ${dialectHeadline(report).replace(/^dialect: /, '')}`,
    ...report.dialect.deviations.map((deviation) => `           ${deviationLine(deviation)}`),
    ...(report.dialect.localDecisions ?? []).map((decision) => paint(`           ${localDecisionLine(decision)}`, 'yellow')),
    `Profile: ${report.profile.name}`,
    ...(report.run.shard
      ? [`Shard:   ${shardLabel(report.run.shard)} (this report covers one shard; \`ledger-conformance merge\` joins them)`]
      : []),
    ...(report.run.mergedShards ? [`Merged:  ${report.run.mergedShards} shards`] : []),
    `Run:     ${report.run.requests.total} requests (${report.run.requests.retried} retried, ${report.run.requests.transportErrors} without response${report.run.requests.throttled ? `, ${report.run.requests.throttled} rate-limited answers waited out` : ''}) in ${(report.run.durationMs / 1000).toFixed(1)} s`,
  ];
}

function countLines(report: ConformanceReport): string[] {
  const lines = [`         ${OUTCOMES.map((o) => o.padStart(7)).join('')}`];
  for (const level of LEVELS) {
    const counts = report.counts.byLevel[level];
    if (OUTCOMES.every((o) => counts[o] === 0)) continue;
    lines.push(`  ${level.padEnd(7)}${OUTCOMES.map((o) => String(counts[o]).padStart(7)).join('')}`);
  }
  return lines;
}

/**
 * Failed, errored and waived requirements, each with its basis: "the docs say so" or "we
 * decided". Requirements a stopped run never reached are one line, not one each: they all
 * say the same thing.
 */
function attentionLines(report: ConformanceReport, paint: Paint): string[] {
  const unreached = report.requirements.filter((r) => r.status === 'error' && stoppedBy(report, r));
  const attention = report.requirements.filter(
    (r) => (r.status === 'fail' || r.status === 'error' || r.status === 'waived') && !unreached.includes(r),
  );
  if (attention.length === 0 && unreached.length === 0) return [];
  return [
    '',
    ...attention.flatMap((r) => {
      const color = r.status === 'fail' ? 'red' : r.status === 'error' ? 'yellow' : 'blue';
      const first = r.failures[0]?.title ?? r.reasons[0]?.split('\n')[0] ?? '';
      const line = `  ${paint(`${MARK[r.status]} ${r.status.padEnd(6)}`, color)} ${r.id} ${paint(r.level, 'dim')} ${paint(`[${basisText(r)}]`, 'dim')}  ${first}`;
      return [line, ...(r.status === 'fail' ? evidenceLines(r.failures[0]?.message ?? '') : []), ...triageLines(r, paint)];
    }),
    ...(unreached.length > 0
      ? [
          `  ${paint(`${MARK.error} ${String(unreached.length).padStart(3)}`, 'yellow')}    not judged: the run stopped (${report.aborted!.code})`,
          paint(`         ${unreached.map((r) => r.id).join(', ')}`, 'dim'),
        ]
      : []),
  ];
}

/** Groups shown per requirement in the terminal before "and N more causes". */
const CAUSES_SHOWN = 5;

/** Under a failed requirement: its causes with counts, what it rests on, and what the kit's own request did. */
function triageLines(r: ConformanceReport['requirements'][number], paint: Paint): string[] {
  const pad = '             ';
  const groups = r.failureGroups ?? [];
  const lines: string[] = [];
  if (groups.length > 1 || (groups[0]?.count ?? 0) > 1) lines.push(`${pad}${causesHeadline(r)}:`);
  for (const group of groups.slice(0, CAUSES_SHOWN)) {
    lines.push(paint(`${pad}  ${cut(groupLine(group), EVIDENCE_WIDTH)}`, group.waiver ? 'blue' : 'dim'));
    const request = group.failure.exchange?.request.url;
    // Cut as the evidence lines are: the whole request is in the reports and its curl line.
    if (request !== undefined) lines.push(paint(`${pad}    GET ${cut(request, EVIDENCE_WIDTH)}`, 'dim'));
    for (const note of group.failure.requestNotes ?? [])
      lines.push(paint(`${pad}    note: ${cut(note, EVIDENCE_WIDTH)}`, 'yellow'));
  }
  if (groups.length > CAUSES_SHOWN)
    lines.push(paint(`${pad}  … and ${groups.length - CAUSES_SHOWN} more causes (see report.html)`, 'dim'));
  for (const line of restsOnLines(r)) lines.push(`${pad}rests on ${cut(line, EVIDENCE_WIDTH)}`);
  return lines;
}

/**
 * Whether every reason of an errored requirement is the run's stop: not judged, cut off by it,
 * or (for a target that stopped answering) one of the failures that showed it had.
 */
function stoppedBy(report: ConformanceReport, requirement: ConformanceReport['requirements'][number]): boolean {
  const aborted = report.aborted;
  if (!aborted) return false;
  const marks = ['not judged: ', 'CT_STOPPED_ANSWERING', 'CT_RUN_DEADLINE'];
  if (aborted.code === 'CT_STOPPED_ANSWERING') marks.push('no response to a request: ');
  return requirement.reasons.length > 0 && requirement.reasons.every((reason) => marks.some((mark) => reason.includes(mark)));
}

/** Lines of a failure's message shown under its requirement, and the width each is cut to: the rest is in the reports. */
const EVIDENCE_LINES = 4;
const EVIDENCE_WIDTH = 200;

/**
 * The first failure's Received/Documented lines, indented under its requirement, so that a CI log
 * says what was wrong without opening summary.md or report.html.
 */
function evidenceLines(message: string): string[] {
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  const shown = lines
    .slice(0, EVIDENCE_LINES)
    .map((line) => `           ${line.length > EVIDENCE_WIDTH ? `${line.slice(0, EVIDENCE_WIDTH - 1)}…` : line}`);
  return lines.length > EVIDENCE_LINES ? [...shown, '           … (the rest in the reports)'] : shown;
}

function skipLines(report: ConformanceReport, paint: Paint): string[] {
  const groups = skipGroups(report.requirements);
  if (groups.length === 0) return [];
  const lines = ['', `Skipped: ${report.counts.byOutcome.skip}, by reason:`];
  for (const group of groups) {
    const ids = group.requirements.map((r) => r.id);
    const shown =
      ids.slice(0, IDS_PER_SKIP_GROUP).join(', ') +
      (ids.length > IDS_PER_SKIP_GROUP ? ` and ${ids.length - IDS_PER_SKIP_GROUP} more` : '');
    lines.push(
      `  ${paint(`${MARK.skip} ${String(ids.length).padStart(3)}`, 'dim')}  ${group.reason}`,
      paint(`         ${shown}`, 'dim'),
    );
  }
  return lines;
}

function baselineSection(report: ConformanceReport): string[] {
  const baseline = baselineLines(report);
  return baseline.length > 0 ? ['', ...baseline] : [];
}

function waiverLines(report: ConformanceReport, paint: Paint): string[] {
  const { expired, unused, unknown } = report.waivers;
  const { knownDefects, disputed } = appliedByKind(report.waivers.applied);
  const kinds = [
    ['expired', expired],
    ['stale (matched nothing)', unused],
    ['unknown', unknown],
  ] as const;
  const applied = [
    ...knownDefects.map((w) => paint(`  waived, known defect: ${w.requirement} (${waiverScope(w)}): ${waiverText(w)}`, 'blue')),
    ...disputed.map((w) => paint(`  waived, disputed:     ${w.requirement} (${waiverScope(w)}): ${waiverText(w)}`, 'blue')),
    ...(disputed.length > 0
      ? [paint('  each disputed waiver has a ready-to-file text in summary.md and conformance.json (waivers.disputes)', 'dim')]
      : []),
  ];
  const lines = kinds.flatMap(([kind, list]) =>
    list.map((w) => paint(`  waiver ${kind}: ${w.requirement} (${waiverScope(w)}, ${w.expires}): ${w.reason}`, 'yellow')),
  );
  return applied.length + lines.length > 0 ? ['', ...applied, ...lines] : [];
}

function footerLines(report: ConformanceReport, files: readonly string[], paint: Paint): string[] {
  const lines: string[] = [];
  if (report.fuzz) {
    const count = report.fuzz.properties.length;
    lines.push(`Fuzz:    ${count} ${count === 1 ? 'property' : 'properties'}, ${report.fuzz.runs} runs each`);
  }
  lines.push(`Seed:    ${report.run.seed} (replay with --seed ${report.run.seed})`);
  if (files.length > 0) {
    lines.push(`Reports: ${files.join(', ')}`);
    const html = files.find((f) => f.endsWith('.html'));
    if (html) lines.push(paint(`HTML report: ${html}`, 'bold'));
  }
  return lines;
}

/** A line cut to `width` characters, marked where it was cut. */
function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
