/**
 * An implementation of the endpoint that this project did not write (implementations/<name>/,
 * each written clean-room from the public sources, its brief in BRIEF.md), certified the way a
 * QA engineer certifies a real cluster: a minimal profile written from its QA sheet, `discover`,
 * then `run --overlay` with what discover wrote. Everything goes through the built command line,
 * as a user's would.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { ConformanceReport } from '../../src/core/report-model.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The command a user runs: the package's bin, the bundle the build makes (scripts/bundle.mjs).
const cli = join(root, 'dist/bundle/main.js');

/** What `qa-sheet.json` of an implementation holds: what a tester is handed, no more. */
export interface QaSheet {
  readonly start: string;
  readonly credentials: {
    readonly basic: { readonly username: string; readonly password: string };
    readonly oauth?: { readonly key: string; readonly secret: string };
    readonly forbidden?: { readonly username: string; readonly password: string };
  };
  readonly customers: readonly {
    readonly identifierName: string;
    readonly identifierValue: string;
    readonly source?: string;
    readonly eventIds: readonly (string | number)[];
  }[];
  readonly group?: { readonly identifierName: string; readonly identifierValue: string; readonly source?: string };
}

export interface Implementation {
  readonly name: string;
  readonly folder: string;
  readonly sheet: QaSheet;
  /** The runtime its start command needs (`java`, `python3`), and whether this machine has it. */
  readonly runtime: string;
  readonly available: boolean;
}

export function implementation(name: string): Implementation {
  const folder = join(root, 'implementations', name);
  const sheet = JSON.parse(readFileSync(join(folder, 'qa-sheet.json'), 'utf8')) as QaSheet;
  const runtime = sheet.start.split(/\s+/)[0]!;
  const available = spawnSync(runtime, ['--version'], { stdio: 'ignore' }).status === 0;
  return { name, folder, sheet, runtime, available };
}

export interface Started {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts it as its QA sheet says, on a free loopback port, with the planted faults named. */
export async function start(impl: Implementation, faults: readonly string[] = []): Promise<Started> {
  const [command, ...args] = impl.sheet.start.split(/\s+/);
  const child: ChildProcess = spawn(command!, [...args, '--port', '0', ...faults.flatMap((f) => ['--fault', f])], {
    cwd: impl.folder,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [url] = (await Promise.race([
    once(createInterface({ input: child.stdout! }), 'line'),
    once(child, 'exit').then(() => {
      throw new Error(`${impl.sheet.start} exited before printing its URL: ${stderr}`);
    }),
  ])) as [string];
  return {
    url: url.trim(),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The profile a QA engineer writes from the sheet: each customer by its one lookup, its event ids, the group. */
export function minimalProfile(sheet: QaSheet): Record<string, unknown> {
  return {
    customers: sheet.customers.map((c) => ({
      lookups: [{ identifierName: c.identifierName, identifierValue: String(c.identifierValue), source: c.source ?? 'INSTORE' }],
      events: c.eventIds.map(String),
    })),
    ...(sheet.group
      ? {
          groups: [
            {
              lookups: [
                {
                  identifierName: sheet.group.identifierName,
                  identifierValue: String(sheet.group.identifierValue),
                  source: sheet.group.source ?? 'INSTORE',
                },
              ],
            },
          ],
        }
      : {}),
  };
}

/** The credentials of the sheet as the kit reads them, from the environment. */
export function credentialEnv(sheet: QaSheet): Record<string, string> {
  const { basic, oauth, forbidden } = sheet.credentials;
  return {
    LEDGER_CONFORMANCE_USER: basic.username,
    LEDGER_CONFORMANCE_PASSWORD: basic.password,
    ...(oauth ? { LEDGER_CONFORMANCE_OAUTH_KEY: oauth.key, LEDGER_CONFORMANCE_OAUTH_SECRET: oauth.secret } : {}),
    ...(forbidden
      ? { LEDGER_CONFORMANCE_FORBIDDEN_USER: forbidden.username, LEDGER_CONFORMANCE_FORBIDDEN_PASSWORD: forbidden.password }
      : {}),
  };
}

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export async function kit(args: readonly string[], env: Record<string, string>): Promise<CommandResult> {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

export interface Certification {
  readonly folder: string;
  readonly discover: CommandResult;
  readonly run: CommandResult;
  readonly report: ConformanceReport;
  readonly overlay: string;
}

/** A fresh folder with the minimal profile, for one implementation. */
export function workFolder(impl: Implementation): { folder: string; profile: string } {
  const folder = mkdtempSync(join(tmpdir(), `fairness-${impl.name}-`));
  const profile = join(folder, 'profile.yaml');
  writeFileSync(profile, stringify(minimalProfile(impl.sheet)));
  return { folder, profile };
}

/** `discover` against a started implementation: the overlay it wrote, and what it printed. */
export async function discoverDialect(impl: Implementation, url: string, folder: string, profile: string) {
  const overlay = join(folder, 'dialect.yaml');
  const result = await kit(['discover', '--base-url', url, '--profile', profile, '--out', overlay], credentialEnv(impl.sheet));
  return { overlay, result };
}

/** `run --overlay` against a started implementation; the conformance.json it wrote. */
export async function certifyWith(
  impl: Implementation,
  url: string,
  folder: string,
  profile: string,
  overlay: string,
  extra: readonly string[] = [],
): Promise<{ run: CommandResult; report: ConformanceReport | undefined; reportDir: string; seedReports: ConformanceReport[] }> {
  const reportDir = mkdtempSync(join(folder, 'reports-'));
  const run = await kit(
    [
      'run',
      '--base-url',
      url,
      '--profile',
      profile,
      '--overlay',
      overlay,
      '--report-dir',
      reportDir,
      '--seed',
      '1',
      '--concurrency',
      '8',
      ...extra,
    ],
    credentialEnv(impl.sheet),
  );
  // Under --seeds, each seed's reports are in seed-<s>/, in the order the seeds ran.
  const seedReports = readdirSync(reportDir)
    .filter((entry) => /^seed-\d+$/.test(entry) && existsSync(join(reportDir, entry, 'conformance.json')))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))
    .map((entry) => JSON.parse(readFileSync(join(reportDir, entry, 'conformance.json'), 'utf8')) as ConformanceReport);
  // A run the preflight stops (exit 2) may leave no report; every other run leaves one.
  const file = join(reportDir, 'conformance.json');
  const report = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport) : seedReports[0];
  if (!report && run.code !== 2)
    throw new Error(`run wrote no conformance.json (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  return { run, report, reportDir, seedReports };
}

/** The MUST requirements a report failed, each with its first failure's title. */
export function mustFailures(report: ConformanceReport): string[] {
  return report.requirements
    .filter((r) => r.level === 'MUST' && r.status === 'fail')
    .map((r) => `${r.id}: ${r.failures[0]?.title ?? ''} | ${(r.failures[0]?.message ?? '').replace(/\n/g, ' | ').slice(0, 400)}`);
}
