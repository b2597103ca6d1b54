/**
 * Processes the benchmark starts beside itself: the reference server and the delay proxy, each
 * in its own process (on a two-core machine the measured client keeps a core to itself), and
 * whole command lines whose peak memory is read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/core/files.js';

export interface Child {
  readonly url: string;
  stop(): Promise<void>;
}

// What a user runs: the package's bin, the bundled command line (scripts/bundle.mjs).
export const CLI = join(PACKAGE_ROOT, 'dist', 'bundle', 'main.js');
const PROXY = join(PACKAGE_ROOT, 'dist', 'bench', 'delay-proxy.js');
export const PEAK_RSS = join(PACKAGE_ROOT, 'dist', 'bench', 'peak-rss.js');

/** Starts `node args…` and resolves with the URL it prints on its first stdout line. */
function startServing(args: readonly string[], what: string): Promise<Child> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /^(http:\/\/\S+)/m.exec(output)?.[1];
      if (url === undefined) return;
      child.stdout.off('data', onData);
      // Whatever it prints later must not fill the pipe and block it.
      child.stdout.resume();
      child.stderr.resume();
      resolve({ url, stop: () => stopChild(child) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code} before serving: ${output.slice(-400)}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The reference server (`ledger-conformance serve`) in a child process. */
export function startReference(): Promise<Child> {
  return startServing([CLI, 'serve', '--port', '0'], 'the reference server');
}

/** The delay proxy in front of `upstream`, in a child process. */
export function startProxy(upstream: string, delayMs: number): Promise<Child> {
  return startServing([PROXY, '--upstream', upstream, '--delay', String(delayMs)], 'the delay proxy');
}

/** What the benchmark reads of a finished command line: peak RSS, CPU time, exit code, wall time from spawn to exit. */
export interface CommandFigures {
  readonly peakMb: number;
  readonly cpuSeconds: number;
  readonly exitCode: number;
  readonly seconds: number;
}

/** Runs the command line with `args` to its end, from its spawn to its exit. */
function peakRssOf(args: readonly string[]): Promise<CommandFigures> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', PEAK_RSS, CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const peak = /^peak-rss-kb (\d+)$/m.exec(errors)?.[1];
      const cpu = /^cpu-us (\d+)$/m.exec(errors)?.[1];
      if (peak === undefined || cpu === undefined)
        reject(new Error(`no peak RSS reported (exit ${code}): ${errors.slice(-400)}`));
      else resolve({ peakMb: Number(peak) / 1024, cpuSeconds: Number(cpu) / 1e6, exitCode: code ?? -1, seconds });
    });
  });
}

/** What a run's conformance.json says that the benchmark reads. */
export interface ReportFigures {
  readonly verdict: string;
  readonly run: { readonly durationMs: number; readonly requests: { readonly total: number } };
  readonly preflight?: { readonly requests: number };
}

/**
 * Runs `ledger-conformance <args>` in a fresh process, as a user would (its reports in a
 * folder of its own, then removed): its peak RSS, exit code, wall time and report.
 */
export async function runCommandLine(args: readonly string[]): Promise<CommandFigures & { readonly report: ReportFigures }> {
  const reportDir = await mkdtemp(join(tmpdir(), 'ledger-bench-'));
  try {
    const measured = await peakRssOf([...args, '--quiet', '--format', 'json', '--report-dir', reportDir]);
    const report = JSON.parse(await readFile(join(reportDir, 'conformance.json'), 'utf8')) as ReportFigures;
    return { ...measured, report };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}
