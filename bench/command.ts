/**
 * The whole command as a user waits for it: a fresh `ledger-conformance` process, timed from
 * its spawn to its exit (Node's own start, loading, the preflight, the run, the reports).
 *
 * - Start-up: `--help`, and the time until `run`'s first request reaches the target, each
 *   beside a bare `node` doing the least of the same (exiting; sending one GET), since on a
 *   busy machine a process start alone can take hundreds of milliseconds.
 * - The default certification (`run --base-url … --profile reference`, preflight included)
 *   through the delay proxy at each concurrency: wall time over the latency floor
 *   (`requests × delay ÷ concurrency`, the preflight's requests counted), beside a bare undici
 *   loop replaying the very requests the command sent, through the same proxy.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Reference } from '../src/reference/index.js';
import { CLI, PEAK_RSS, runCommandLine } from './children.js';
import { recordRequests, replay } from './replay.js';
import { BENCH_SEED, median } from './workload.js';

export interface StartupFigures {
  readonly samples: number;
  /** Medians, in seconds: `--help` and a bare `node -e 0`, spawn to exit. */
  readonly helpSeconds: number;
  readonly helpCpuSeconds: number;
  readonly bareExitSeconds: number;
  readonly bareExitCpuSeconds: number;
  /** Medians, in seconds: spawn to the first request of `run`, and of a bare node that sends one GET. */
  readonly firstRequestSeconds: number;
  readonly bareFirstRequestSeconds: number;
}

export interface CommandRow {
  readonly workload: string;
  readonly concurrency: number;
  readonly delayMs: number;
  /** Every request the command sent, the preflight's included. */
  readonly requests: number;
  readonly preflightRequests: number;
  /** Spawn to exit. */
  readonly seconds: number;
  /** The CPU time the command's process used. */
  readonly cpuSeconds: number;
  readonly floorSeconds: number;
  readonly ratio: number;
  /** The bare loop replaying the command's requests through the same proxy at the same concurrency. */
  readonly loopSeconds: number;
  readonly verdict: string;
}

/** Spawns `node args…`; resolves when it exits with its wall time and the CPU time it reports. */
function timed(args: readonly string[]): Promise<{ seconds: number; cpuSeconds: number; exitCode: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', PEAK_RSS, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const cpu = /^cpu-us (\d+)$/m.exec(errors)?.[1];
      if (cpu === undefined) reject(new Error(`no CPU time reported (exit ${code}): ${errors.slice(-400)}`));
      else resolve({ seconds: (performance.now() - started) / 1000, cpuSeconds: Number(cpu) / 1e6, exitCode: code ?? -1 });
    });
  });
}

/** Spawns `node args…` against a server that never answers; resolves with the seconds until its first request arrives. */
async function secondsToFirstRequest(args: (url: string) => readonly string[]): Promise<number> {
  let arrived: () => void = () => {};
  const first = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer(() => arrived());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const started = performance.now();
  const child = spawn(process.execPath, args(url), { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const outcome = await Promise.race([first.then(() => 'request' as const), exited.then(() => 'exit' as const)]);
  const seconds = (performance.now() - started) / 1000;
  child.kill('SIGKILL');
  await exited;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (outcome === 'exit') throw new Error(`node ${args(url).join(' ')} exited before sending a request`);
  return seconds;
}

export async function measureStartup(samples: number): Promise<StartupFigures> {
  const help: { seconds: number; cpuSeconds: number }[] = [];
  const bare: { seconds: number; cpuSeconds: number }[] = [];
  const first: number[] = [];
  const bareFirst: number[] = [];
  // Interleaved, so that a machine that slows down slows both sides.
  for (let i = 0; i < samples; i++) {
    help.push(await timed([CLI, '--help']));
    bare.push(await timed(['-e', '0']));
    first.push(await secondsToFirstRequest((url) => [CLI, 'run', '--base-url', url, '--profile', 'reference', '--quiet']));
    bareFirst.push(await secondsToFirstRequest((url) => ['-e', `require('node:http').get(${JSON.stringify(url)})`]));
  }
  const figures: StartupFigures = {
    samples,
    helpSeconds: median(help.map((h) => h.seconds)),
    helpCpuSeconds: median(help.map((h) => h.cpuSeconds)),
    bareExitSeconds: median(bare.map((b) => b.seconds)),
    bareExitCpuSeconds: median(bare.map((b) => b.cpuSeconds)),
    firstRequestSeconds: median(first),
    bareFirstRequestSeconds: median(bareFirst),
  };
  console.error(
    `  start-up: --help ${figures.helpSeconds.toFixed(3)} s (bare node ${figures.bareExitSeconds.toFixed(3)} s), first request ${figures.firstRequestSeconds.toFixed(3)} s (bare node ${figures.bareFirstRequestSeconds.toFixed(3)} s)`,
  );
  return figures;
}

/** The default certification's command line against `baseUrl`, as a user types it (reports aside). */
function certification(baseUrl: string, fuzzRuns: number, concurrency: number): string[] {
  return [
    'run',
    '--base-url',
    baseUrl,
    '--profile',
    'reference',
    '--seed',
    String(BENCH_SEED),
    '--fuzz-runs',
    String(fuzzRuns),
    '--concurrency',
    String(concurrency),
  ];
}

export async function measureCommand(
  reference: Reference,
  proxyUrl: string,
  delayMs: number,
  workload: { readonly name: string; readonly fuzzRuns: number },
  concurrencies: readonly number[],
): Promise<CommandRow[]> {
  // The requests the command sends, the preflight's included, as the target receives them.
  const requests = await recordRequests(reference.handler, async (url) => {
    await runCommandLine(certification(url, workload.fuzzRuns, 4));
  });
  const rows: CommandRow[] = [];
  for (const concurrency of concurrencies) {
    const command = await runCommandLine(certification(proxyUrl, workload.fuzzRuns, concurrency));
    const sent = command.report.run.requests.total;
    if (sent !== requests.length) throw new Error(`the command sent ${sent} requests, the recording holds ${requests.length}`);
    const loop = await replay(proxyUrl, requests, concurrency);
    if (loop.failures > 0) throw new Error(`${loop.failures} replayed requests failed`);
    const floorSeconds = (sent * delayMs) / 1000 / concurrency;
    rows.push({
      workload: workload.name,
      concurrency,
      delayMs,
      requests: sent,
      preflightRequests: command.report.preflight?.requests ?? 0,
      seconds: command.seconds,
      cpuSeconds: command.cpuSeconds,
      floorSeconds,
      ratio: command.seconds / floorSeconds,
      loopSeconds: loop.seconds,
      verdict: command.report.verdict,
    });
    console.error(
      `  whole command: ${workload.name}, concurrency ${concurrency}: ${command.seconds.toFixed(2)} s (CPU ${command.cpuSeconds.toFixed(2)} s), floor ${floorSeconds.toFixed(2)} s, bare loop ${loop.seconds.toFixed(2)} s`,
    );
  }
  return rows;
}
