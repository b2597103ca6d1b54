/** The benchmark's one table: every measure as a ratio to its yardstick, with the goal beside it. */
import type { CommandRow, StartupFigures } from './command.js';
import type { LatencyRow } from './latency.js';
import type { MemoryRow } from './memory.js';
import type { LoadFigures } from './prism.js';
import type { ThroughputRow } from './throughput.js';

export interface BenchResults {
  readonly quick: boolean;
  readonly cores: number;
  readonly node: string;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly delayMs: number;
  readonly startup: StartupFigures;
  readonly command: readonly CommandRow[];
  /** The rest is absent with `--command`. */
  readonly latency?: readonly LatencyRow[];
  readonly throughput?: ThroughputRow;
  readonly memory?: readonly MemoryRow[];
  readonly prism?: { readonly figures: readonly LoadFigures[]; readonly note?: string } | undefined;
  readonly prismVersion?: string;
  readonly certification?: { readonly seconds: number; readonly requests: number; readonly verdict: string };
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const seconds = (s: number): string => `${s.toFixed(2)} s`;
const times = (r: number): string => `${r.toFixed(2)}×`;

const ms = (s: number): string => `${Math.round(s * 1000)} ms`;

function startupRows(results: BenchResults): string[] {
  const s = results.startup;
  const of = s.samples > 1 ? `, median of ${s.samples}` : '';
  return [
    `| \`ledger-conformance --help\`, spawn to exit${of} | ${ms(s.helpSeconds)} (CPU ${ms(s.helpCpuSeconds)}) | bare \`node -e 0\` ${ms(s.bareExitSeconds)} (CPU ${ms(s.bareExitCpuSeconds)}) | **+${ms(s.helpSeconds - s.bareExitSeconds)}** | < 150 ms |`,
    `| \`run --base-url … --profile reference\`, spawn to its first request${of} | ${ms(s.firstRequestSeconds)} | bare node sending one GET ${ms(s.bareFirstRequestSeconds)} | **+${ms(s.firstRequestSeconds - s.bareFirstRequestSeconds)}** | < 300 ms |`,
  ];
}

function commandRows(results: BenchResults): string[] {
  return results.command.map((row) => {
    const what = `whole command: ${row.workload} (\`run --base-url … --profile reference\`), spawn to exit, ${count(row.requests)} requests (${count(row.preflightRequests)} of the preflight), ${row.delayMs} ms link, concurrency ${row.concurrency}`;
    return `| ${what} | ${seconds(row.seconds)} (CPU ${seconds(row.cpuSeconds)}) | floor ${seconds(row.floorSeconds)}; bare loop ${seconds(row.loopSeconds)} (${times(row.loopSeconds / row.floorSeconds)}) | **${times(row.ratio)}** | ≤ 1.3× |`;
  });
}

function latencyRows(results: BenchResults): string[] {
  return (results.latency ?? []).map((row) => {
    const what = `engine alone, warm: ${row.workload}, ${count(row.requests)} requests, ${row.delayMs} ms link, concurrency ${row.concurrency}`;
    return `| ${what} | ${seconds(row.seconds)} | floor ${seconds(row.floorSeconds)}; bare loop ${seconds(row.loopSeconds)} (${times(row.loopSeconds / row.floorSeconds)}) | **${times(row.ratio)}** | ≤ 1.3× |`;
  });
}

function throughputRow(results: BenchResults): string[] {
  const t = results.throughput;
  if (!t) return [];
  const spread = t.pairs > 1 ? ` (${t.ratioMin.toFixed(2)}–${t.ratioMax.toFixed(2)}, ${t.pairs} pairs)` : '';
  return [
    `| engine vs a bare undici loop replaying its ${count(t.requests)} requests (${t.workload}), concurrency ${t.concurrency} | ${count(t.engine)} req/s | ${count(t.loop)} req/s | **${times(t.ratio)}**${spread} | ≥ 0.6× |`,
    `| the same, client CPU time per request (loop over engine) | ${count(t.engineCpuUs)} µs | ${count(t.loopCpuUs)} µs | ${times(t.loopCpuUs / t.engineCpuUs)} | |`,
  ];
}

function memoryRows(results: BenchResults): string[] {
  const [small, large] = results.memory ?? [];
  if (!small || !large) return [];
  const growth = large.peakMb - small.peakMb;
  return [
    `| peak RSS, \`run --embedded --suite fuzz --fuzz-runs ${small.fuzzRuns}\` (${count(small.requests)} requests) | ${small.peakMb.toFixed(0)} MB | | | |`,
    `| peak RSS, \`run --embedded --suite fuzz --fuzz-runs ${large.fuzzRuns}\` (${count(large.requests)} requests) | ${large.peakMb.toFixed(0)} MB | ${small.peakMb.toFixed(0)} MB at ${count(small.requests)} | **${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB** | ≤ 250 MB, growth ≤ 50 MB |`,
  ];
}

function prismRows(results: BenchResults): string[] {
  const figures = results.prism?.figures ?? [];
  return [1, 32].flatMap((connections) => {
    const ours = figures.find((f) => f.target === 'reference' && f.connections === connections);
    const theirs = figures.find((f) => f.target === 'prism mock' && f.connections === connections);
    if (!ours || !theirs || theirs.requestsPerSecond === 0) return [];
    return [
      `| reference server vs Prism mock (autocannon, ${connections} connection${connections > 1 ? 's' : ''}) | ${count(ours.requestsPerSecond)} req/s | ${count(theirs.requestsPerSecond)} req/s | ${(ours.requestsPerSecond / theirs.requestsPerSecond).toFixed(1)}× | |`,
    ];
  });
}

export function renderBench(results: BenchResults): string {
  const c = results.certification;
  const inProcess = c
    ? [`| whole certification in-process (every suite, ${c.requests} requests) | ${seconds(c.seconds)} | | | |`]
    : [];
  const lines = [
    `# Benchmark${results.quick ? ' (--quick: a smoke run, the figures mean nothing)' : ''}`,
    '',
    `${results.cores} cores, Node ${results.node}; load average ${results.loadBefore.map((l) => l.toFixed(2)).join(' ')} at the start, ${results.loadAfter.map((l) => l.toFixed(2)).join(' ')} at the end. The reference and the delay proxy run in child processes; the engine and the replay loop in the benchmark's. Start-up rows: the command's time over a bare node doing the least of the same, the difference being what the command adds. Latency rows: the floor is requests × delay ÷ concurrency; the bare loop replays the same requests through the same proxy with nothing waiting on an answer (what the machine allowed at that moment); whole-command rows are fresh command lines timed from their spawn to their exit, preflight and reports included; the engine-alone rows are warm runs in this process (each workload ran once before, untimed).`,
    '',
    '| measure | ours | yardstick | ratio | goal |',
    '| --- | ---: | ---: | ---: | --- |',
    ...startupRows(results),
    ...commandRows(results),
    ...latencyRows(results),
    ...throughputRow(results),
    ...memoryRows(results),
    ...prismRows(results),
    ...inProcess,
    '',
  ];
  const figures = results.prism?.figures ?? [];
  if (figures.length > 0) {
    lines.push(
      '| load (autocannon, keep-alive) | connections | requests/s | p50 ms | p99 ms | errors | non-2xx |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const f of figures)
      lines.push(
        `| ${f.target} | ${f.connections} | ${count(f.requestsPerSecond)} | ${f.p50Ms} | ${f.p99Ms} | ${f.errors} | ${f.non2xx} |`,
      );
    lines.push('');
  }
  if (results.prism?.note) lines.push(`Prism (${results.prismVersion ?? ''}) could not be measured: ${results.prism.note}`, '');
  return lines.join('\n');
}
