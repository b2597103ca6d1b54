/**
 * `npm run bench`: how fast the pieces users wait for are.
 *
 * 1. The reference server against Prism's mock server (the tool most teams would use as a
 *    stand-in target), on the same spec and the same request, at concurrency 1 and 32, with
 *    autocannon: requests per second and latency p50/p99. Prism is fetched with npx when the
 *    benchmark runs; it is not a dependency of the project.
 * 2. A whole certification of the reference (every suite, default fuzz budget), in-process and
 *    over HTTP: wall time and requests per second.
 *
 * Results go to stdout and to reports/bench/bench.{json,md}. Both processes share this
 * machine's cores with the load generator, so the figures compare, they do not promise.
 */
import { buildCatalog } from '../suites/index.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_FUZZ_RUNS } from '../src/cli/commands/run.js';
import { runSession } from '../src/engine/session.js';
import { referenceSecrets } from '../src/engine/target.js';
import { basicAuthHeader } from '../src/http/redact.js';
import { builtInProfile } from '../src/profile/load.js';
import { createReference } from '../src/reference/index.js';
import { serveHandler } from '../src/reference/server.js';
import { DEFAULT_SPEC_PATH, PACKAGE_ROOT } from '../src/spec/files.js';
import { loadSpec } from '../src/spec/load.js';

const PRISM = '@stoplight/prism-cli@5.14.2';
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);

interface LoadFigures {
  readonly target: string;
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
}

async function load(target: string, url: string, headers: Record<string, string>, connections: number): Promise<LoadFigures> {
  const result = await autocannon({ url, connections, duration: SECONDS, headers, pipelining: 1 });
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

async function startPrism(port: number): Promise<{ process: ChildProcess; url: string } | { error: string }> {
  const child = spawn('npx', ['--yes', PRISM, 'mock', '-h', '127.0.0.1', '-p', String(port), DEFAULT_SPEC_PATH], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
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

async function main(): Promise<void> {
  const spec = loadSpec();
  const reference = createReference(spec);
  const customer = [...reference.profile.customers].sort((a, b) => b.events.length - a.events.length)[0]!;
  const lookup = customer.lookups[0]!;
  // A typical request: one customer, five events, bill details with breakup and currencies.
  const query = new URLSearchParams({
    identifierName: lookup.identifierName,
    identifierValue: lookup.identifierValue,
    source: lookup.source,
    eventIds: customer.events.slice(0, 5).map((e) => e.eventLogId).join(','),
    getBillDetails: 'true',
    getPointsEarnedBreakup: 'true',
    includeAlternateCurrencies: 'true',
  });
  const primary = reference.identities.find((i) => i.role === 'primary')!;
  const headers = { authorization: basicAuthHeader(primary.basicUser, primary.basicPassword), accept: 'application/json' };
  const path = `${spec.endpointPath}?${query}`;

  console.log(`machine: ${cpus().length} cores, Node ${process.version}; ${SECONDS} s per measurement`);
  const server = await serveHandler(reference.handler);
  const figures: LoadFigures[] = [];
  for (const connections of [1, 32]) figures.push(await load('reference', server.url + path, headers, connections));

  let prismNote: string | undefined;
  const prism = await startPrism(4010 + Math.floor(Math.random() * 1000));
  if ('error' in prism) prismNote = prism.error;
  else {
    try {
      for (const connections of [1, 32]) figures.push(await load('prism mock', prism.url + path, headers, connections));
    } finally {
      prism.process.kill();
    }
  }

  const certification: { mode: string; seconds: number; requests: number; requestsPerSecond: number; verdict: string }[] = [];
  for (const mode of ['in-process', 'http'] as const) {
    const started = Date.now();
    const { report } = await runSession({
      spec,
      profile: builtInProfile(reference.profile),
      catalog: buildCatalog(spec),
      destination: mode === 'http' ? { kind: 'http', baseUrl: server.url } : { kind: 'in-process', handler: reference.handler },
      secrets: referenceSecrets(),
      seed: 1,
      fuzzRuns: DEFAULT_FUZZ_RUNS,
      gatingLevel: 'MUST',
    });
    const seconds = (Date.now() - started) / 1000;
    certification.push({ mode, seconds, requests: report.run.requests.total, requestsPerSecond: Math.round(report.run.requests.total / seconds), verdict: report.verdict });
  }
  await server.close();

  const ratio = (connections: number): string => {
    const ours = figures.find((f) => f.target === 'reference' && f.connections === connections);
    const theirs = figures.find((f) => f.target === 'prism mock' && f.connections === connections);
    return ours && theirs && theirs.requestsPerSecond > 0 ? `${(ours.requestsPerSecond / theirs.requestsPerSecond).toFixed(1)}×` : 'n/a';
  };
  const lines = [
    '# Benchmark',
    '',
    `${cpus().length} cores, Node ${process.version}, ${SECONDS} s per load measurement (autocannon, keep-alive), request: \`GET ${spec.endpointPath}\` with 5 events, bill details, breakup and currencies.`,
    '',
    '| target | connections | requests/s | p50 ms | p99 ms | errors | non-2xx |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...figures.map((f) => `| ${f.target} | ${f.connections} | ${f.requestsPerSecond} | ${f.p50Ms} | ${f.p99Ms} | ${f.errors} | ${f.non2xx} |`),
    '',
    prismNote ? `Prism (${PRISM}) could not be measured: ${prismNote}` : `Reference throughput over Prism (${PRISM}): ${ratio(1)} at 1 connection, ${ratio(32)} at 32.`,
    '',
    '| whole certification | seconds | requests | requests/s | verdict |',
    '| --- | --- | --- | --- | --- |',
    ...certification.map((c) => `| ${c.mode} | ${c.seconds.toFixed(2)} | ${c.requests} | ${c.requestsPerSecond} | ${c.verdict} |`),
    '',
  ];
  const text = lines.join('\n');
  console.log(text);
  const dir = join(PACKAGE_ROOT, 'reports', 'bench');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'bench.md'), text);
  await writeFile(join(dir, 'bench.json'), JSON.stringify({ figures, prism: prismNote ?? PRISM, certification }, null, 2) + '\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
