/**
 * The suite proves itself: the whole catalog runs against the plain reference under several
 * seeds (it must find nothing) and against every fault of the catalog (it must find each, and
 * name the requirements the fault declares). The result is the kill matrix.
 */
import { runSession } from '../engine/session.js';
import { referenceSecrets, TOOL } from '../engine/target.js';
import { builtInProfile } from '../profile/load.js';
import { createReference, type Reference } from '../reference/index.js';
import type { ConformanceReport, Level } from '../report/model.js';
import type { LoadedSpec } from '../spec/load.js';
import { faultContext, type Fault } from './fault.js';

export interface SelftestOptions {
  readonly spec: LoadedSpec;
  readonly faults: readonly Fault[];
  /** Each seed is both the dataset seed and the run seed. */
  readonly seeds: readonly number[];
  readonly fuzzRuns: number;
  readonly onProgress?: (line: string) => void;
}

export interface FaultRow {
  readonly id: string;
  readonly title: string;
  readonly trips: readonly string[];
  /** Per seed: the run's verdict was non-conformant. */
  readonly nonConformant: readonly boolean[];
  /** Per declared requirement: failed on every seed. */
  readonly tripped: Readonly<Record<string, boolean>>;
  /** Every requirement that failed on some seed (declared or not). */
  readonly failed: readonly string[];
  /** Requirements that ended in error on some seed (a fault must not break the suite). */
  readonly errored: readonly string[];
  readonly killed: boolean;
}

export interface KillMatrix {
  readonly tool: { readonly name: string; readonly version: string };
  readonly spec: { readonly title: string; readonly version: string; readonly sha256: string };
  readonly seeds: readonly number[];
  readonly fuzzRuns: number;
  readonly durationMs: number;
  readonly reference: readonly { readonly seed: number; readonly verdict: string; readonly failed: readonly string[]; readonly errored: readonly string[]; readonly requests: number }[];
  readonly faults: readonly FaultRow[];
  readonly requirements: readonly { readonly id: string; readonly level: Level; readonly trippedBy: readonly string[] }[];
  /** Requirements no fault trips: checks nobody has shown can fail. */
  readonly untested: readonly string[];
  readonly summary: {
    readonly faultsKilled: number;
    readonly faultsTotal: number;
    readonly seedsClean: number;
    readonly seedsTotal: number;
    readonly requirementsCovered: number;
    readonly requirementsTotal: number;
  };
}

const of = (report: ConformanceReport, status: string): string[] => report.requirements.filter((r) => r.status === status).map((r) => r.id);

async function judge(spec: LoadedSpec, reference: Reference, fault: Fault | undefined, seed: number, fuzzRuns: number): Promise<ConformanceReport> {
  const handler = fault ? fault.build(faultContext(spec, reference.dataset, reference.identities, reference.handler)) : reference.handler;
  const { report } = await runSession({
    spec,
    profile: builtInProfile(reference.profile),
    destination: { kind: 'in-process', handler },
    secrets: referenceSecrets(reference.identities),
    seed,
    fuzzRuns,
    // Every level gates: a fault that only breaks a SHOULD must still make the run fail.
    gatingLevel: 'MAY',
    concurrency: 16,
    checkConcurrency: 8,
  });
  return report;
}

export async function runSelftest(options: SelftestOptions): Promise<KillMatrix> {
  const started = Date.now();
  const { spec, seeds, faults, fuzzRuns } = options;
  const say = options.onProgress ?? (() => {});
  const referenceRows: KillMatrix['reference'][number][] = [];
  const perFault = new Map<string, { nonConformant: boolean[]; failed: Set<string>[]; errored: Set<string> }>();
  for (const fault of faults) perFault.set(fault.id, { nonConformant: [], failed: [], errored: new Set() });

  for (const seed of seeds) {
    const reference = createReference(spec, { seed });
    const plain = await judge(spec, reference, undefined, seed, fuzzRuns);
    referenceRows.push({ seed, verdict: plain.verdict, failed: of(plain, 'fail'), errored: of(plain, 'error'), requests: plain.run.requests.total });
    say(`seed ${seed}: reference ${plain.verdict} (${plain.run.requests.total} requests, ${of(plain, 'fail').length} failed, ${of(plain, 'error').length} errors)`);
    for (const fault of faults) {
      const report = await judge(spec, reference, fault, seed, fuzzRuns);
      const row = perFault.get(fault.id)!;
      row.nonConformant.push(report.verdict === 'non-conformant');
      row.failed.push(new Set(of(report, 'fail')));
      for (const id of of(report, 'error')) row.errored.add(id);
    }
    say(`seed ${seed}: ${faults.length} faults judged`);
  }

  const faultRows: FaultRow[] = faults.map((fault) => {
    const row = perFault.get(fault.id)!;
    const tripped = Object.fromEntries(fault.trips.map((id) => [id, row.failed.every((set) => set.has(id))]));
    return {
      id: fault.id,
      title: fault.title,
      trips: fault.trips,
      nonConformant: row.nonConformant,
      tripped,
      failed: [...new Set(row.failed.flatMap((set) => [...set]))].sort(),
      errored: [...row.errored].sort(),
      killed: row.nonConformant.every(Boolean) && Object.values(tripped).every(Boolean),
    };
  });
  const requirements = spec.requirements.map((r) => ({
    id: r.id,
    level: r.level,
    trippedBy: faultRows.filter((f) => f.trips.includes(r.id) && f.tripped[r.id]).map((f) => f.id),
  }));
  const untested = requirements.filter((r) => r.trippedBy.length === 0).map((r) => r.id);
  return {
    tool: TOOL,
    spec: { title: spec.title, version: spec.version, sha256: spec.sha256 },
    seeds,
    fuzzRuns,
    durationMs: Date.now() - started,
    reference: referenceRows,
    faults: faultRows,
    requirements,
    untested,
    summary: {
      faultsKilled: faultRows.filter((f) => f.killed).length,
      faultsTotal: faultRows.length,
      seedsClean: referenceRows.filter((r) => r.failed.length === 0 && r.errored.length === 0 && r.verdict === 'conformant').length,
      seedsTotal: seeds.length,
      requirementsCovered: requirements.length - untested.length,
      requirementsTotal: requirements.length,
    },
  };
}

/** The one line the README quotes. */
export function summaryLine(matrix: KillMatrix): string {
  const s = matrix.summary;
  return `faults killed ${s.faultsKilled}/${s.faultsTotal}, seeds clean ${s.seedsClean}/${s.seedsTotal}, requirements covered ${s.requirementsCovered}/${s.requirementsTotal}`;
}

export function renderKillMatrixMarkdown(matrix: KillMatrix): string {
  const esc = (t: string): string => t.replace(/\|/g, '\\|');
  const lines: string[] = [];
  lines.push('# Kill matrix');
  lines.push('');
  lines.push(`**${summaryLine(matrix)}** — ${matrix.seeds.length} seeds (${matrix.seeds.join(', ')}), ${matrix.fuzzRuns} fuzz runs per property, ${(matrix.durationMs / 1000).toFixed(1)} s.`);
  lines.push('');
  lines.push(`Spec ${matrix.spec.title} ${matrix.spec.version} (sha256 ${matrix.spec.sha256.slice(0, 12)}), ${matrix.tool.name} ${matrix.tool.version}.`);
  lines.push('');
  lines.push('## The plain reference');
  lines.push('');
  lines.push('| seed | verdict | failed | errors | requests |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const r of matrix.reference) lines.push(`| ${r.seed} | ${r.verdict} | ${r.failed.join(', ') || '—'} | ${r.errored.join(', ') || '—'} | ${r.requests} |`);
  lines.push('');
  lines.push('## Faults');
  lines.push('');
  lines.push('A fault is killed when, on every seed, the run is non-conformant and every requirement it declares failed.');
  lines.push('');
  lines.push('| fault | mistake | killed | declared requirements | also failed |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const f of matrix.faults) {
    const declared = f.trips.map((id) => `${f.tripped[id] ? '✓' : '✗'} ${id}`).join('<br>');
    const also = f.failed.filter((id) => !f.trips.includes(id)).join(', ') || '—';
    lines.push(`| \`${f.id}\` | ${esc(f.title)} | ${f.killed ? '✓' : '✗'} ${f.nonConformant.filter(Boolean).length}/${f.nonConformant.length} | ${declared} | ${also} |`);
  }
  lines.push('');
  lines.push('## Requirements');
  lines.push('');
  lines.push('| requirement | level | tripped by |');
  lines.push('| --- | --- | --- |');
  for (const r of matrix.requirements) lines.push(`| ${r.id} | ${r.level} | ${r.trippedBy.map((id) => `\`${id}\``).join(', ') || '**untested**'} |`);
  lines.push('');
  if (matrix.untested.length > 0) lines.push(`Untested requirements (no fault trips them): ${matrix.untested.join(', ')}.`);
  else lines.push('Every requirement is tripped by at least one fault.');
  lines.push('');
  return lines.join('\n');
}
