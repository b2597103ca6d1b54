/**
 * The suite proves itself: the whole catalog runs against the plain reference under several
 * seeds (it must find nothing) and against every fault of the catalog (it must find each, and
 * name the requirements the fault declares). The result is the kill matrix.
 */
import { buildCatalog } from '../../suites/index.js';
import { suiteOf, type Catalog } from '../check/check.js';
import { runSession } from '../engine/session.js';
import { referenceSecrets } from '../reference/identities.js';
import { TOOL } from '../engine/target.js';
import { builtInProfile } from '../profile/load.js';
import { createReference, type Reference } from '../reference/index.js';
import type { ConformanceReport, Level } from '../core/report-model.js';
import type { LoadedSpec, SpecSource } from '../contract/load.js';
import { faultContext, type Fault } from './fault.js';

export interface SelftestOptions {
  readonly spec: LoadedSpec;
  /** Where `spec` came from: worker threads load the same effective spec from it. */
  readonly specSource?: SpecSource;
  readonly faults: readonly Fault[];
  /** Each seed is both the dataset seed and the run seed. */
  readonly seeds: readonly number[];
  readonly fuzzRuns: number;
  /** Faults are judged under the first this-many seeds (the plain reference under all). */
  readonly faultSeeds?: number;
  /** Worker threads; 0 runs everything in this thread (as the tests do). */
  readonly workers?: number;
  /** Judge every fault with the whole catalog (slower; the matrix then shows every side effect). */
  readonly full?: boolean;
  readonly onProgress?: (line: string) => void;
}

export interface FaultRow {
  readonly id: string;
  readonly title: string;
  readonly trips: readonly string[];
  /** Per fault seed: the run's verdict was non-conformant. */
  readonly nonConformant: readonly boolean[];
  /** Per declared requirement: failed on every fault seed. */
  readonly tripped: Readonly<Record<string, boolean>>;
  /** Every requirement that failed on some seed (declared or not). */
  readonly failed: readonly string[];
  /** Requirements that ended in error on some seed (a fault must not break the suite). */
  readonly errored: readonly string[];
  /** Per fault seed, per failed requirement, the checks and observers that failed it. */
  readonly failedChecksBySeed: readonly Readonly<Record<string, readonly string[]>>[];
  /** The suites that judged the fault (every suite when judged by the whole catalog). */
  readonly suites: readonly string[];
  readonly killed: boolean;
}

/** One check or observer, and the faults under which it alone failed its requirement. */
export interface CheckRow {
  readonly id: string;
  readonly requirement: string;
  readonly isolatedBy: readonly string[];
}

export interface KillMatrix {
  readonly tool: { readonly name: string; readonly version: string };
  readonly spec: { readonly title: string; readonly version: string; readonly sha256: string };
  readonly seeds: readonly number[];
  /** The seeds faults were judged under. */
  readonly faultSeeds: readonly number[];
  /** Whether faults were judged by the whole catalog, or by the suites of their requirements. */
  readonly full: boolean;
  readonly fuzzRuns: number;
  readonly durationMs: number;
  readonly reference: readonly {
    readonly seed: number;
    readonly verdict: string;
    readonly failed: readonly string[];
    readonly errored: readonly string[];
    readonly requests: number;
  }[];
  readonly faults: readonly FaultRow[];
  readonly requirements: readonly { readonly id: string; readonly level: Level; readonly trippedBy: readonly string[] }[];
  /** Requirements no fault trips: checks nobody has shown can fail. */
  readonly untested: readonly string[];
  /**
   * Every check and observer: a requirement proven by several checks is tripped when any one
   * fails, so each check must be shown to fail alone, by a fault under which it is the only
   * failing check of its requirement (with every check of that requirement judged).
   */
  readonly checks: readonly CheckRow[];
  /** Checks no fault isolates: checks nobody has shown can fail on their own. */
  readonly unisolated: readonly string[];
  readonly summary: {
    readonly faultsKilled: number;
    readonly faultsTotal: number;
    readonly seedsClean: number;
    readonly seedsTotal: number;
    readonly requirementsCovered: number;
    readonly requirementsTotal: number;
    readonly checksIsolated: number;
    readonly checksTotal: number;
  };
}

const of = (report: ConformanceReport, status: string): string[] =>
  report.requirements.filter((r) => r.status === status).map((r) => r.id);

/** One run to judge: the plain reference (faultId null) or one fault, under one seed. */
export interface Job {
  readonly seed: number;
  readonly faultId: string | null;
  readonly fuzzRuns: number;
  /** Judge with the whole catalog rather than the fault's own suites. */
  readonly full: boolean;
}

export interface Judgement {
  readonly verdict: string;
  readonly failed: readonly string[];
  readonly errored: readonly string[];
  readonly requests: number;
  /** Per failed requirement, its checks that failed. */
  readonly failedChecks: Readonly<Record<string, readonly string[]>>;
}

const references = new Map<string, Reference>();

/**
 * The suites that judge a fault: those that prove the requirements it declares, plus the
 * schema observers (every answer's status, type and body). The whole catalog when `full`.
 */
export function suitesJudging(fault: Fault | undefined, full: boolean, catalog: Catalog): string[] | undefined {
  if (!fault || full) return undefined;
  const proving = [...catalog.checks, ...catalog.observers].filter((c) => fault.trips.includes(c.requirement)).map(suiteOf);
  return [...new Set(['schema', ...proving])].sort();
}

/** Runs the catalog once, in-process, against the reference of `seed` with `fault` planted. */
export async function judgeOnce(
  spec: LoadedSpec,
  catalog: Catalog,
  fault: Fault | undefined,
  seed: number,
  fuzzRuns: number,
  full = false,
  /** The spec the reference (and the fault) is built from, when it is not the one judged by (local decisions). */
  referenceSpec: LoadedSpec = spec,
): Promise<Judgement> {
  // The effective spec: two dialects of one file serve different answers.
  const key = `${referenceSpec.effectiveSha256} ${seed}`;
  let reference = references.get(key);
  if (!reference) references.set(key, (reference = createReference(referenceSpec, { seed })));
  const handler = fault
    ? fault.build(faultContext(referenceSpec, reference.dataset, reference.identities, reference.handler))
    : reference.handler;
  const { report } = await runSession({
    spec,
    profile: builtInProfile(reference.profile),
    catalog,
    destination: { kind: 'in-process', handler },
    secrets: referenceSecrets(reference.identities),
    seed,
    fuzzRuns,
    // Every level gates: a fault that only breaks a SHOULD must still make the run fail.
    gatingLevel: 'MAY',
    concurrency: 16,
    checkConcurrency: 8,
    ...(suitesJudging(fault, full, catalog) ? { suites: suitesJudging(fault, full, catalog)! } : {}),
  });
  return {
    verdict: report.verdict,
    failed: of(report, 'fail'),
    errored: of(report, 'error'),
    requests: report.run.requests.total,
    failedChecks: Object.fromEntries(
      report.requirements
        .filter((r) => r.status === 'fail')
        .map((r) => [r.id, r.checks.filter((c) => c.status === 'fail').map((c) => c.id)]),
    ),
  };
}

/** Runs jobs on `workers` threads (0: in this thread), calling back as each ends. */
async function runJobs(
  options: SelftestOptions,
  jobs: readonly Job[],
  done: (job: Job, judgement: Judgement) => void,
): Promise<void> {
  const { spec, faults } = options;
  const workers = options.workers ?? 0;
  if (workers === 0) {
    const byId = new Map(faults.map((f) => [f.id, f]));
    const catalog = buildCatalog(spec);
    for (const job of jobs)
      done(
        job,
        await judgeOnce(
          spec,
          catalog,
          job.faultId === null ? undefined : byId.get(job.faultId),
          job.seed,
          job.fuzzRuns,
          job.full,
        ),
      );
    return;
  }
  const { Worker } = await import('node:worker_threads');
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: Math.min(workers, queue.length) }, async () => {
      const worker = new Worker(new URL('./selftest-worker.js', import.meta.url), { workerData: options.specSource ?? {} });
      try {
        for (let job = queue.shift(); job; job = queue.shift()) {
          const current = job;
          const reply = await new Promise<{ judgement?: Judgement; error?: string }>((resolve, reject) => {
            // Both listeners go once either fires: one worker serves many jobs, and listeners
            // left behind pile up (MaxListenersExceededWarning).
            const onMessage = (message: { judgement?: Judgement; error?: string }): void => {
              worker.off('error', onError);
              resolve(message);
            };
            const onError = (error: Error): void => {
              worker.off('message', onMessage);
              reject(error);
            };
            worker.once('message', onMessage);
            worker.once('error', onError);
            worker.postMessage(current);
          });
          if (reply.error !== undefined)
            throw new Error(`self-test job ${current.faultId ?? 'reference'} seed ${current.seed}: ${reply.error}`);
          done(current, reply.judgement!);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
}

export async function runSelftest(options: SelftestOptions): Promise<KillMatrix> {
  const started = Date.now();
  const { spec, seeds, faults, fuzzRuns } = options;
  const say = options.onProgress ?? (() => {});
  const faultSeeds = seeds.slice(0, Math.max(1, Math.min(options.faultSeeds ?? seeds.length, seeds.length)));
  const jobs: Job[] = [
    ...seeds.map((seed) => ({ seed, faultId: null, fuzzRuns, full: true })),
    ...faultSeeds.flatMap((seed) => faults.map((f) => ({ seed, faultId: f.id, fuzzRuns, full: options.full === true }))),
  ];
  const plain = new Map<number, Judgement>();
  const perFault = new Map<string, Map<number, Judgement>>(faults.map((f) => [f.id, new Map()]));
  let finished = 0;
  await runJobs(options, jobs, (job, judgement) => {
    finished += 1;
    if (job.faultId === null) {
      plain.set(job.seed, judgement);
      say(
        `seed ${job.seed}: reference ${judgement.verdict} (${judgement.requests} requests, ${judgement.failed.length} failed, ${judgement.errored.length} errors)`,
      );
    } else perFault.get(job.faultId)!.set(job.seed, judgement);
    if (finished % 25 === 0) say(`${finished}/${jobs.length} runs judged`);
  });

  const referenceRows = seeds.map((seed) => {
    const j = plain.get(seed)!;
    return { seed, verdict: j.verdict, failed: j.failed, errored: j.errored, requests: j.requests };
  });
  const catalog = buildCatalog(spec);
  const allSuites = [...new Set([...catalog.checks, ...catalog.observers].map(suiteOf))].sort();
  const faultRows: FaultRow[] = faults.map((fault) => {
    const runs = faultSeeds.map((seed) => perFault.get(fault.id)!.get(seed)!);
    const tripped = Object.fromEntries(fault.trips.map((id) => [id, runs.every((r) => r.failed.includes(id))]));
    const nonConformant = runs.map((r) => r.verdict === 'non-conformant');
    return {
      id: fault.id,
      title: fault.title,
      trips: fault.trips,
      nonConformant,
      tripped,
      failed: [...new Set(runs.flatMap((r) => r.failed))].sort(),
      errored: [...new Set(runs.flatMap((r) => r.errored))].sort(),
      failedChecksBySeed: runs.map((r) => r.failedChecks),
      suites: suitesJudging(fault, options.full === true, catalog) ?? allSuites,
      killed: nonConformant.every(Boolean) && Object.values(tripped).every(Boolean),
    };
  });
  const requirements = spec.requirements.map((r) => ({
    id: r.id,
    level: r.level,
    trippedBy: faultRows.filter((f) => f.trips.includes(r.id) && f.tripped[r.id]).map((f) => f.id),
  }));
  const untested = requirements.filter((r) => r.trippedBy.length === 0).map((r) => r.id);
  const checks = isolation(catalog, faultRows);
  const unisolated = checks.filter((c) => c.isolatedBy.length === 0).map((c) => c.id);
  return {
    tool: TOOL,
    spec: { title: spec.title, version: spec.version, sha256: spec.sha256 },
    seeds,
    faultSeeds,
    full: options.full === true,
    fuzzRuns,
    durationMs: Date.now() - started,
    reference: referenceRows,
    faults: faultRows,
    requirements,
    untested,
    checks,
    unisolated,
    summary: {
      faultsKilled: faultRows.filter((f) => f.killed).length,
      faultsTotal: faultRows.length,
      seedsClean: referenceRows.filter((r) => r.failed.length === 0 && r.errored.length === 0 && r.verdict === 'conformant')
        .length,
      seedsTotal: seeds.length,
      requirementsCovered: requirements.length - untested.length,
      requirementsTotal: requirements.length,
      checksIsolated: checks.length - unisolated.length,
      checksTotal: checks.length,
    },
  };
}

/**
 * For each check and observer, the faults under which it was the only failing check of its
 * requirement, every check of that requirement having been judged (its suites were selected).
 * Decided (issue 25): a check may fail beside the observers of its requirement and still be
 * isolated. An observer judges every answer of the run, the answers a check provokes included,
 * so a check that sends the requests an observer judges (fuzz/no-server-error beside
 * schema/no-server-error) can never fail alone; what the fault shows is that the check's own
 * judgement fails, which is what "isolated" is for. An observer must fail alone.
 */
export function isolation(catalog: Catalog, faultRows: readonly FaultRow[]): CheckRow[] {
  const all = [...catalog.checks, ...catalog.observers];
  const observers = new Set(catalog.observers.map((o) => o.id));
  const suitesOf = new Map<string, Set<string>>();
  for (const c of all) suitesOf.set(c.requirement, (suitesOf.get(c.requirement) ?? new Set()).add(suiteOf(c)));
  const alone = (id: string, failing: readonly string[]): boolean => {
    const rivals = observers.has(id) ? failing : failing.filter((other) => !observers.has(other));
    return rivals.length === 1 && rivals[0] === id;
  };
  return all
    .map((c) => ({
      id: c.id,
      requirement: c.requirement,
      isolatedBy: faultRows
        .filter((f) => [...suitesOf.get(c.requirement)!].every((suite) => f.suites.includes(suite)))
        .filter((f) => f.failedChecksBySeed.some((failed) => alone(c.id, failed[c.requirement] ?? [])))
        .map((f) => f.id),
    }))
    .sort((a, b) => a.requirement.localeCompare(b.requirement) || a.id.localeCompare(b.id));
}

/** The one line the README quotes. */
export function summaryLine(matrix: KillMatrix): string {
  const s = matrix.summary;
  return `faults killed ${s.faultsKilled}/${s.faultsTotal}, seeds clean ${s.seedsClean}/${s.seedsTotal}, requirements covered ${s.requirementsCovered}/${s.requirementsTotal}, checks isolated ${s.checksIsolated}/${s.checksTotal}`;
}

export function renderKillMatrixMarkdown(matrix: KillMatrix): string {
  const esc = (t: string): string => t.replace(/\|/g, '\\|');
  const lines: string[] = [];
  lines.push('# Kill matrix');
  lines.push('');
  lines.push(
    `**${summaryLine(matrix)}** — the plain reference under ${matrix.seeds.length} seeds (${matrix.seeds.join(', ')}), each fault under ${matrix.faultSeeds.length} (${matrix.faultSeeds.join(', ')}), ${matrix.fuzzRuns} fuzz runs per property, ${(matrix.durationMs / 1000).toFixed(1)} s.`,
  );
  lines.push('');
  lines.push(
    `Spec ${matrix.spec.title} ${matrix.spec.version} (sha256 ${matrix.spec.sha256.slice(0, 12)}), ${matrix.tool.name} ${matrix.tool.version}.`,
  );
  lines.push('');
  lines.push('## The plain reference');
  lines.push('');
  lines.push('| seed | verdict | failed | errors | requests |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const r of matrix.reference)
    lines.push(`| ${r.seed} | ${r.verdict} | ${r.failed.join(', ') || '—'} | ${r.errored.join(', ') || '—'} | ${r.requests} |`);
  lines.push('');
  lines.push('## Faults');
  lines.push('');
  lines.push(
    `A fault is killed when, under every fault seed, the run is non-conformant and every requirement it declares failed. ${matrix.full ? 'Each fault was judged by the whole catalog.' : 'Each fault was judged by the suites that prove its declared requirements plus the schema observers (`--full` judges it with the whole catalog), so "also failed" lists side effects within those suites.'}`,
  );
  lines.push('');
  lines.push('| fault | mistake | killed | declared requirements | also failed |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const f of matrix.faults) {
    const declared = f.trips.map((id) => `${f.tripped[id] ? '✓' : '✗'} ${id}`).join('<br>');
    const also = f.failed.filter((id) => !f.trips.includes(id)).join(', ') || '—';
    lines.push(
      `| \`${f.id}\` | ${esc(f.title)} | ${f.killed ? '✓' : '✗'} ${f.nonConformant.filter(Boolean).length}/${f.nonConformant.length} | ${declared} | ${also} |`,
    );
  }
  lines.push('');
  lines.push('## Requirements');
  lines.push('');
  lines.push('| requirement | level | tripped by |');
  lines.push('| --- | --- | --- |');
  for (const r of matrix.requirements)
    lines.push(`| ${r.id} | ${r.level} | ${r.trippedBy.map((id) => `\`${id}\``).join(', ') || '**untested**'} |`);
  lines.push('');
  if (matrix.untested.length > 0) lines.push(`Untested requirements (no fault trips them): ${matrix.untested.join(', ')}.`);
  else lines.push('Every requirement is tripped by at least one fault.');
  lines.push('');
  lines.push('## Checks');
  lines.push('');
  lines.push(
    "A check or observer is isolated by a fault under which, on some fault seed, it is the only failing check of its requirement (every check of that requirement judged; a check may fail beside the requirement's observers, which judge the answers it provokes): it is then shown to fail on its own, not only beside another.",
  );
  lines.push('');
  lines.push('| check | requirement | isolated by |');
  lines.push('| --- | --- | --- |');
  for (const c of matrix.checks)
    lines.push(`| \`${c.id}\` | ${c.requirement} | ${c.isolatedBy.map((id) => `\`${id}\``).join(', ') || '**no fault**'} |`);
  lines.push('');
  if (matrix.unisolated.length > 0) lines.push(`Checks no fault isolates: ${matrix.unisolated.join(', ')}.`);
  else lines.push('Every check and observer is isolated by at least one fault.');
  lines.push('');
  return lines.join('\n');
}
