/**
 * The reference server against Prism's mock server (the tool most teams would use as a
 * stand-in target), on the same spec and the same request, with autocannon: requests per
 * second and latency p50/p99. Prism is fetched with npx when the benchmark runs; it is not a
 * dependency of the project.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { DEFAULT_SPEC_PATH } from '../src/core/files.js';

export const PRISM = '@stoplight/prism-cli@5.14.2';

export interface LoadFigures {
  readonly target: string;
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
}

export async function load(
  target: string,
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<LoadFigures> {
  const result = await autocannon({ url, connections, duration: seconds, headers, pipelining: 1 });
  return {
    target,
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Stops npx and the Prism server it started: they share a process group of their own. */
function stopPrism(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

async function startPrism(port: number): Promise<{ process: ChildProcess; url: string } | { error: string }> {
  // Detached: npx runs Prism as its own child, which killing npx alone would leave behind.
  const child = spawn('npx', ['--yes', PRISM, 'mock', '-h', '127.0.0.1', '-p', String(port), DEFAULT_SPEC_PATH], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return new Promise((resolve) => {
    let output = '';
    const timer = setTimeout(() => {
      stopPrism(child);
      resolve({ error: `Prism did not start within 120 s: ${output.slice(-300)}` });
    }, 120_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve({ process: child, url: `http://127.0.0.1:${port}` });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ error: `Prism exited with ${code}: ${output.slice(-300)}` });
    });
  });
}

/** The reference (at `referenceUrl`) and Prism under the same load; a note when Prism cannot be measured. */
export async function measureAgainstPrism(
  referenceUrl: string,
  path: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<{ figures: LoadFigures[]; note?: string }> {
  const figures: LoadFigures[] = [];
  for (const connections of [1, 32]) figures.push(await load('reference', referenceUrl + path, headers, connections, seconds));
  const prism = await startPrism(4010 + Math.floor(Math.random() * 1000));
  if ('error' in prism) return { figures, note: prism.error };
  try {
    for (const connections of [1, 32]) figures.push(await load('prism mock', prism.url + path, headers, connections, seconds));
  } finally {
    stopPrism(prism.process);
  }
  return { figures };
}
