/**
 * `npm run bench`: how close the engine comes to what the wire allows, side by side in one run.
 *
 * - The whole command (`command.ts`): `--help` and the time to `run`'s first request beside a
 *   bare node; the default certification as a fresh command line, spawn to exit, preflight
 *   included, through a proxy that holds every request 50 ms (`delay-proxy.ts`), at concurrency
 *   4, 16 and 32: wall time over `requests × 50 ms ÷ concurrency`, beside a bare loop of the
 *   same requests.
 * - Latency floor of the engine alone: the same workloads and `--suite fuzz --fuzz-runs 1000`
 *   run warm in this process through the proxy.
 * - Engine against the wire: 5,000 fuzz requests, the engine over a bare undici loop replaying
 *   the same requests against the same server at the same concurrency (`replay.ts`).
 * - Memory: peak RSS of `run --embedded --suite fuzz` at 5,000 and 50,000 requests.
 * - The reference server against Prism's mock (autocannon), and the whole certification.
 *
 * The reference and the proxy run in child processes; the engine and the loop in this one.
 * Results go to stdout and to reports/bench/bench.{json,md}. `--quick` runs every measurement
 * small (a smoke run for CI: it shows the benchmark works, not what the figures are) and
 * writes reports/bench/bench-quick.{json,md}. `--command` measures the whole command only
 * (start-up and its latency rows) and writes reports/bench/bench-command.{json,md}.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FUZZ_RUNS } from '../src/cli/commands/run.js';
import { limitHeapGrowth } from '../src/cli/heap.js';
import { basicAuthHeader } from '../src/http/redact.js';
import { createReference, type Reference } from '../src/reference/index.js';
import { PACKAGE_ROOT } from '../src/core/files.js';
import { loadSpec, type LoadedSpec } from '../src/contract/load.js';
import { startProxy, startReference } from './children.js';
import { measureCommand, measureStartup } from './command.js';
import { measureLatency } from './latency.js';
import { measureMemory } from './memory.js';
import { measureAgainstPrism, PRISM } from './prism.js';
import { renderBench, type BenchResults } from './render.js';
import { measureThroughput } from './throughput.js';
import { timeRun, type Workload } from './workload.js';

interface Settings {
  readonly delayMs: number;
  readonly concurrencies: readonly number[];
  readonly certification: Workload;
  readonly fuzz: Workload;
  readonly throughputConcurrency: number;
  readonly pairs: number;
  readonly memoryBudgets: readonly number[];
  readonly prismSeconds: number | undefined;
  readonly startupSamples: number;
}

const FULL: Settings = {
  delayMs: 50,
  concurrencies: [4, 16, 32],
  certification: { name: 'default certification', fuzzRuns: DEFAULT_FUZZ_RUNS },
  fuzz: { name: '--suite fuzz --fuzz-runs 1000', suites: ['fuzz'], fuzzRuns: 1000 },
  throughputConcurrency: 4,
  pairs: 3,
  memoryBudgets: [1000, 10000],
  prismSeconds: Number(process.env['BENCH_SECONDS'] ?? 5),
  startupSamples: 5,
};

const QUICK: Settings = {
  delayMs: 10,
  concurrencies: [4],
  certification: { name: 'default certification, --fuzz-runs 10', fuzzRuns: 10 },
  fuzz: { name: '--suite fuzz --fuzz-runs 20', suites: ['fuzz'], fuzzRuns: 20 },
  throughputConcurrency: 4,
  pairs: 1,
  memoryBudgets: [20, 200],
  prismSeconds: undefined,
  startupSamples: 1,
};

/** A typical request for the load measurements: one customer, five events, bill details with breakup and currencies. */
function typicalRequest(spec: LoadedSpec, reference: Reference): { path: string; headers: Record<string, string> } {
  const customer = [...reference.profile.customers].sort((a, b) => b.events.length - a.events.length)[0]!;
  const lookup = customer.lookups[0]!;
  const query = new URLSearchParams({
    identifierName: lookup.identifierName,
    identifierValue: lookup.identifierValue,
    source: lookup.source,
    eventIds: customer.events
      .slice(0, 5)
      .map((e) => e.eventLogId)
      .join(','),
    getBillDetails: 'true',
    getPointsEarnedBreakup: 'true',
    includeAlternateCurrencies: 'true',
  });
  const primary = reference.identities.find((i) => i.role === 'primary')!;
  return {
    path: `${spec.endpointPath}?${query}`,
    headers: { authorization: basicAuthHeader(primary.basicUser, primary.basicPassword), accept: 'application/json' },
  };
}

/** The whole command: start-up, and the default certification as a fresh command line through the proxy. */
async function measureWholeCommand(reference: Reference, upstream: string, settings: Settings) {
  const startup = await measureStartup(settings.startupSamples);
  const proxy = await startProxy(upstream, settings.delayMs);
  try {
    const command = await measureCommand(reference, proxy.url, settings.delayMs, settings.certification, settings.concurrencies);
    return { startup, command };
  } finally {
    await proxy.stop();
  }
}

/** Everything else: the engine alone through the proxy and against the wire, memory, the reference against Prism. */
async function measureEngine(spec: LoadedSpec, reference: Reference, upstream: string, settings: Settings) {
  const latency = await measureLatency(
    spec,
    reference,
    upstream,
    settings.delayMs,
    [settings.certification, settings.fuzz],
    settings.concurrencies,
  );
  const throughput = await measureThroughput(
    spec,
    reference,
    upstream,
    settings.fuzz,
    settings.throughputConcurrency,
    settings.pairs,
  );
  const memory = await measureMemory(settings.memoryBudgets);
  const { path, headers } = typicalRequest(spec, reference);
  const prism =
    settings.prismSeconds === undefined ? undefined : await measureAgainstPrism(upstream, path, headers, settings.prismSeconds);
  // The whole certification in this process, against the reference called as a function.
  const certification = await timeRun(
    spec,
    reference,
    { kind: 'in-process', handler: reference.handler },
    { name: 'default certification', fuzzRuns: DEFAULT_FUZZ_RUNS },
    4,
  );
  return { latency, throughput, memory, prism, prismVersion: PRISM, certification };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const commandOnly = process.argv.includes('--command');
  const settings = quick ? QUICK : FULL;
  // The engine measured as the command line runs it.
  limitHeapGrowth();
  const spec = loadSpec();
  const reference = createReference(spec);
  const loadBefore = loadavg();
  console.error(
    `bench${quick ? ' --quick' : ''}${commandOnly ? ' --command' : ''}: ${cpus().length} cores, Node ${process.version}, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  );

  const server = await startReference();
  let results: BenchResults;
  try {
    const whole = await measureWholeCommand(reference, server.url, settings);
    const engine = commandOnly ? {} : await measureEngine(spec, reference, server.url, settings);
    results = {
      quick,
      cores: cpus().length,
      node: process.version,
      loadBefore,
      loadAfter: loadavg(),
      delayMs: settings.delayMs,
      ...whole,
      ...engine,
    };
  } finally {
    await server.stop();
  }
  const text = renderBench(results);
  console.log(text);
  const dir = join(PACKAGE_ROOT, 'reports', 'bench');
  const name = quick ? 'bench-quick' : commandOnly ? 'bench-command' : 'bench';
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}.md`), text);
  await writeFile(join(dir, `${name}.json`), JSON.stringify(results, null, 2) + '\n');
  // Figures of runs that did not certify the reference would measure something else.
  const verdicts = [
    ...results.command.map((r) => r.verdict),
    ...(results.latency ?? []).map((r) => r.verdict),
    ...(results.certification ? [results.certification.verdict] : []),
  ];
  const broken =
    verdicts.filter((v) => v !== 'conformant').length + (results.memory ?? []).filter((m) => m.exitCode !== 0).length;
  if (broken > 0)
    throw new Error(`${broken} measured run(s) did not certify the reference: the figures above are not comparable`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
