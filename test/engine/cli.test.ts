import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { basicAuthHeader, md5Hex } from '../../src/http/redact.js';
import { identitiesWith } from '../../src/reference/identities.js';
import { createReference } from '../../src/reference/index.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { spec } from '../support/harness.js';
import { servedTargets } from '../support/served.js';

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** A command line whose output is captured. */
function io(env: Record<string, string | undefined> = {}): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env, color: false, lines, errors };
}

const reportDir = (): string => mkdtempSync(join(tmpdir(), 'ledger-cli-'));
const readReport = (dir: string): ConformanceReport =>
  JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;

// Secrets that no demo identity uses, so a leak is unambiguous.
const SECRET = { user: 'qa.till.7', password: 'S3cret-Passw0rd!', token: 'tok-7f3a9c2e-not-for-reports' };
const identities = identitiesWith({ basicUser: SECRET.user, basicPassword: SECRET.password, oauthToken: SECRET.token });
const reference = createReference(spec, { identities });
const env = {
  LEDGER_CONFORMANCE_USER: SECRET.user,
  LEDGER_CONFORMANCE_PASSWORD: SECRET.password,
  LEDGER_CONFORMANCE_TOKEN: SECRET.token,
};
const fast = ['--suite', 'schema,auth,golden', '--fuzz-runs', '5', '--quiet'];

const served = servedTargets(reference);

describe('ledger-conformance run: exit codes', () => {
  it('0 for a conformant target, with all five reports written', async () => {
    const dir = reportDir();
    const cli = io(env);
    expect(await main(['run', '--base-url', served.plain.url, '--report-dir', dir, '--seed', '3', ...fast], cli)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['conformance.json', 'ctrf.json', 'junit.xml', 'report.html', 'summary.md']);
    expect(readReport(dir).verdict).toBe('conformant');
    expect(cli.lines.join('\n')).toMatch(/Verdict: CONFORMANT/);
    expect(cli.lines.join('\n')).toContain(`HTML report: ${join(dir, 'report.html')}`);
    expect(cli.errors).toContain('ledger-conformance: seed 3 (replay with --seed 3)');
    expect(cli.errors.some((l) => /^ledger-conformance: preflight: \d+ requests/.test(l))).toBe(true);
  });

  it('1 for a target that breaks a schema rule, and the report names the requirement', async () => {
    const dir = reportDir();
    expect(await main(['run', '--base-url', served.broken.url, '--report-dir', dir, ...fast], io(env))).toBe(1);
    const report = readReport(dir);
    expect(report.verdict).toBe('non-conformant');
    const body = report.requirements.find((r) => r.id === 'RESP-BODY')!;
    expect(body.status).toBe('fail');
    expect(body.failures[0]!.message).toMatch(/Received: \/events\/0\/eventLogId must be integer/);
    expect(body.failures[0]!.curl).toMatch(/^curl .*\$LEDGER_CONFORMANCE_USER/);
  });

  it.each<[string, string[], RegExp]>([
    ['an unknown gating level', ['--level', 'OFTEN'], /--level: must be one of MUST, SHOULD, MAY/],
    ['an unknown suite', ['--suite', 'speed'], /--suite: "speed" is not one of/],
    ['an unknown requirement', ['--requirement', 'RESP-NOPE'], /--requirement: "RESP-NOPE" is not a requirement of the spec/],
    ['a malformed seed', ['--seed', '-4'], /--seed: must be a whole number/],
    ['no target', ['--profile', 'reference'], /--base-url: is required/],
    ['two targets', ['--embedded', '--base-url', 'http://127.0.0.1:9'], /--base-url: cannot be combined with --embedded/],
    ['a base URL with credentials', ['--base-url', 'http://u:p@127.0.0.1:9'], /--base-url: must not carry credentials/],
    ['an unknown option', ['--base-url', 'http://127.0.0.1:9', '--fast'], /unknown option '--fast'/],
  ])('2 for %s, naming the option and the rule', async (_, args, message) => {
    const cli = io(env);
    expect(await main(['run', ...args], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(message);
  });

  it('2 for a bad profile, naming the file, the JSON pointer and the rule', async () => {
    const file = join(reportDir(), 'profile.yaml');
    const profile = structuredClone(reference.profile) as unknown as { customers: { lookups: { source: string }[] }[] };
    profile.customers[0]!.lookups[0]!.source = 'INSTORE ';
    writeFileSync(file, JSON.stringify(profile));
    const cli = io(env);
    expect(await main(['run', '--base-url', served.plain.url, '--profile', file], cli)).toBe(2);
    expect(cli.errors.join('\n')).toContain(`${file}: /customers/0/lookups/0/source: INSTORE  is not a source of the spec`);

    // Every problem at once, each with its pointer: a profile is fixed in one pass.
    writeFileSync(
      file,
      'customers:\n  - lookups: [{identifierName: mobile, identifierValue: 919800000001, source: INSTORE}]\n    events: [{eventName: TransactionAdd}]\n  - events: []\nbogus: 1\n',
    );
    const cli2 = io(env);
    expect(await main(['run', '--base-url', served.plain.url, '--profile', file], cli2)).toBe(2);
    const text = cli2.errors.join('\n');
    expect(text).toContain(`${file}: 4 problems`);
    expect(text).toContain(`${file}: /: must NOT have additional properties (bogus)`);
    expect(text).toContain(`${file}: /customers/0/lookups/0/identifierValue: must be string: quote it ("919800000001")`);
    expect(text).toContain(`${file}: /customers/0/events/0: needs eventLogId, or eventReferenceId`);
    expect(text).toContain(`${file}: /customers/1: must have required property 'lookups'`);
  });

  it('2 for a report folder that cannot be written, before anything is sent', async () => {
    const file = join(reportDir(), 'a-file');
    writeFileSync(file, '');
    const cli = io(env);
    expect(await main(['run', '--base-url', served.plain.url, '--report-dir', join(file, 'reports')], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(/--report-dir: cannot write to /);
    expect(cli.errors.join('\n')).not.toMatch(/seed/);
  });

  // Node 20's recursive mkdir never settles under /proc: the command must fail, not hang.
  it.runIf(process.platform === 'linux')(
    '2 for a report folder under a pseudo file system, without hanging',
    async () => {
      const cli = io(env);
      expect(await main(['run', '--base-url', served.plain.url, '--report-dir', '/proc/ledger-conformance/reports'], cli)).toBe(
        2,
      );
      expect(cli.errors.join('\n')).toMatch(/--report-dir: cannot write to \/proc\/ledger-conformance\/reports/);
    },
    10_000,
  );

  it('2 when no credentials are configured for a profile that is not the reference', async () => {
    const file = join(reportDir(), 'profile.json');
    writeFileSync(file, JSON.stringify({ ...reference.profile, name: 'staging' }));
    const cli = io({});
    expect(await main(['run', '--base-url', served.plain.url, '--profile', file], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(/credentials: none configured/);
  });

  it('3 when the target cannot be reached: one line from the preflight, nothing judged, the reports saying why', async () => {
    const port = await closedPort();
    const dir = reportDir();
    const cli = io(env);
    expect(
      await main(['run', '--base-url', `http://127.0.0.1:${port}`, '--report-dir', dir, '--timeout', '2', ...fast], cli),
    ).toBe(3);
    expect(cli.errors).toEqual([
      `ledger-conformance: the target does not answer: http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port} (ECONNREFUSED)`,
    ]);
    expect(readdirSync(dir).sort()).toEqual(['conformance.json', 'ctrf.json', 'junit.xml', 'report.html', 'summary.md']);
    const report = readReport(dir);
    expect(report.verdict).toBe('inconclusive');
    expect(report.aborted).toMatchObject({ code: 'CT_UNREACHABLE', stage: 'preflight' });
    expect(
      report.requirements.every((r) => r.status === 'error' && /^not judged: the target does not answer/.test(r.reasons[0]!)),
    ).toBe(true);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(
      /^> \*\*The run stopped in the preflight: the target does not answer/,
    );
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(
      /<testcase name="the run stopped in the preflight \(CT_UNREACHABLE\)"/,
    );
  });

  it('3 without the preflight too, with the reports still written', async () => {
    const port = await closedPort();
    const dir = reportDir();
    expect(
      await main(
        ['run', '--base-url', `http://127.0.0.1:${port}`, '--report-dir', dir, '--timeout', '2', '--no-preflight', ...fast],
        io(env),
      ),
    ).toBe(3);
    const report = readReport(dir);
    expect(report.verdict).toBe('inconclusive');
    expect(report.requirements.filter((r) => r.status === 'error').length).toBeGreaterThan(0);
    expect(report.requirements.filter((r) => r.status === 'fail')).toEqual([]);
  });

  it('3 for a target that answers garbage instead of HTTP', async () => {
    const garbage = createNetServer((socket) => socket.end('\u0000\u0001 this is not HTTP \r\n\r\n'));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', () => resolve()));
    const dir = reportDir();
    try {
      const code = await main(
        [
          'run',
          '--base-url',
          `http://127.0.0.1:${(garbage.address() as { port: number }).port}`,
          '--report-dir',
          dir,
          '--timeout',
          '2',
          '--no-preflight',
          ...fast,
        ],
        io(env),
      );
      expect(code).toBe(3);
      expect(readReport(dir).requirements.some((r) => r.reasons.some((x) => /CT_(PROTOCOL|CONNECTION)/.test(x)))).toBe(true);
    } finally {
      garbage.close();
    }
  });
});

describe('credentials never reach a report', () => {
  it('not the password, its MD5, the Basic header, its Base64 or the token, in any file', async () => {
    const dir = reportDir();
    // A failing run writes the most evidence (requests, headers, curl lines).
    expect(
      await main(['run', '--base-url', served.broken.url, '--report-dir', dir, '--suite', 'schema,auth', '--quiet'], io(env)),
    ).toBe(1);
    const header = basicAuthHeader(SECRET.user, SECRET.password);
    const forbidden = [
      SECRET.password,
      md5Hex(SECRET.password),
      header,
      header.slice('Basic '.length),
      SECRET.token,
      Buffer.from(`${SECRET.user}:${SECRET.password}`).toString('base64'),
    ];
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const secret of forbidden) expect(text.includes(secret), `${file} contains a secret`).toBe(false);
    }
    // The evidence is there, with the credentials replaced.
    expect(readFileSync(join(dir, 'conformance.json'), 'utf8')).toContain('Basic <redacted>');
  });
});

describe('ledger-conformance list and help', () => {
  it('lists the catalog', async () => {
    const cli = io();
    expect(await main(['list'], cli)).toBe(0);
    expect(cli.lines).toHaveLength(spec.requirements.length + 1);
    expect(cli.lines[0]).toMatch(/^RESP-STATUS\s+MUST\s+\w+\s+schema/);
  });

  it.each([['run'], ['serve'], ['list'], ['selftest']])('%s --help exits 0', async (command) => {
    const cli = io();
    expect(await main([command, '--help'], cli)).toBe(0);
    expect(cli.lines.join('\n')).toMatch(/Usage: ledger-conformance/);
  });
});
