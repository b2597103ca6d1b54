/**
 * The vendor's path without guessing (issue 27): the mistakes a vendor made on the way from
 * `dataset export` to a certified mock each get a clear answer instead of silence.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../src/core/did-you-mean.js';
import { main, type CliIo } from '../../src/cli/main.js';
import { seedsOf, worstExitCode } from '../../src/cli/run/seeds.js';
import { createReference } from '../../src/reference/index.js';
import { serveHandler } from '../../src/reference/server.js';
import { spec } from '../support/harness.js';

function io(env: Record<string, string | undefined> = {}): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env, color: false, lines, errors };
}

const folder = (): string => mkdtempSync(join(tmpdir(), 'ledger-vendor-path-'));
const credentials = { LEDGER_CONFORMANCE_USER: 'demo.till', LEDGER_CONFORMANCE_PASSWORD: 'demo-password' };

describe('--dataset-seed and --dataset-size beside a profile file', () => {
  it('exit 2, naming the option, instead of being ignored against a remote target', async () => {
    const dir = folder();
    expect(await main(['dataset', 'export', '--out', dir], io())).toBe(0);
    for (const option of ['--dataset-seed', '--dataset-size']) {
      const cli = io(credentials);
      const args = ['run', '--base-url', 'http://127.0.0.1:9', '--profile', join(dir, 'profile.json'), option, '7'];
      expect(await main(args, cli)).toBe(2);
      expect(cli.errors.join('\n')).toContain(
        `ledger-conformance: ${option}: chooses the reference dataset that --embedded serves`,
      );
      const init = io(credentials);
      const initArgs = ['profile', 'init', '--base-url', 'http://127.0.0.1:9', '--profile', join(dir, 'profile.json')];
      expect(await main([...initArgs, '--out', join(dir, 'x.yaml'), option, '7'], init)).toBe(2);
      expect(init.errors.join('\n')).toContain(`${option}: chooses the reference dataset`);
    }
  });

  it('still choose the dataset with --embedded, and with the built-in reference profile', async () => {
    const cli = io();
    const args = ['run', '--embedded', '--dataset-seed', '7', '--suite', 'schema', '--fuzz-runs', '1', '--quiet'];
    expect(await main([...args, '--report-dir', folder()], cli)).toBe(0);
  });
});

describe('a misspelt profile key', () => {
  it('is named with the key it most likely meant, at every depth', async () => {
    const dir = folder();
    const file = join(dir, 'typo.yaml');
    writeFileSync(
      file,
      'customers:\n  - lokups: [{ identifierName: mobile, identifierValue: "1", source: INSTORE }]\ncanonicalDatset: { seed: 1, size: 16 }\n',
    );
    const cli = io(credentials);
    expect(await main(['run', '--base-url', 'http://127.0.0.1:9', '--profile', file], cli)).toBe(2);
    const text = cli.errors.join('\n');
    expect(text).toContain('/: must NOT have additional properties (canonicalDatset; did you mean "canonicalDataset"?)');
    expect(text).toContain('/customers/0: must NOT have additional properties (lokups; did you mean "lookups"?)');
  });

  it('gets no guess when nothing allowed is close', () => {
    expect(closestName('zzzzzz', ['customers', 'groups'])).toBeUndefined();
    expect(closestName('Customers', ['customers', 'groups'])).toBe('customers');
    expect(closestName('gorups', ['customers', 'groups'])).toBe('groups');
    expect(editDistance('lookups', 'lokups')).toBe(1);
    expect(editDistance('abc', 'acb')).toBe(1);
  });
});

describe('the commands dataset export and dataset transcript print', () => {
  let served: Awaited<ReturnType<typeof serveHandler>>;
  beforeAll(async () => {
    served = await serveHandler(createReference(spec).handler);
  });
  afterAll(async () => {
    await served?.close();
  });

  /** The command a hint line quotes, aimed at the served reference instead of port 8080. */
  const quoted = (line: string): { env: Record<string, string>; args: string[] } => {
    const words = line
      .slice(line.indexOf(' with: ') + 7)
      .replace(/ \(.*$/, '')
      .replaceAll('http://127.0.0.1:8080', served.url)
      .split(' ');
    const env = Object.fromEntries(words.filter((w) => /^[A-Z_]+=/.test(w)).map((w) => w.split('=') as [string, string]));
    const start = words.indexOf('ledger-conformance');
    return { env, args: words.slice(start + 1) };
  };

  it('a replay command that runs as printed (with --base-url), and passes against the reference', async () => {
    const dir = folder();
    const cli = io();
    expect(await main(['dataset', 'transcript', '--out', join(dir, 'golden.ndjson')], cli)).toBe(0);
    const hint = cli.errors.find((line) => line.includes('replay it against a target'))!;
    expect(hint).toContain('--base-url http://127.0.0.1:8080');
    const { args } = quoted(hint);
    expect(await main([...args, '--quiet', '--report-dir', folder()], io())).toBe(0);
  });

  it('a serve command on the port the certification command targets, and the credentials the exported profile needs', async () => {
    const dir = folder();
    const cli = io();
    expect(await main(['dataset', 'export', '--out', dir], cli)).toBe(0);
    expect(cli.errors.find((line) => line.includes('serve it with:'))).toMatch(/serve --dataset \S+dataset\.json --port 8080$/);
    const hint = cli.errors.find((line) => line.includes('certify a target serving it'))!;
    const { env, args } = quoted(hint);
    expect(env).toEqual(credentials);
    expect(args).toContain('--seeds');
    const one = args.map((arg, k) => (args[k - 1] === '--seeds' ? '1' : arg));
    expect(
      await main([...one, '--suite', 'schema,golden', '--fuzz-runs', '5', '--quiet', '--report-dir', folder()], io(env)),
    ).toBe(0);
    expect(await main([...one, '--suite', 'schema', '--quiet', '--report-dir', folder()], io())).toBe(2);
  });
});

describe('--seeds', () => {
  it('takes the seed and the ones after it, and the worst exit code', () => {
    expect(seedsOf(41, 3)).toEqual([41, 42, 43]);
    expect(seedsOf(2147483647, 2)).toEqual([2147483647, 0]);
    expect(worstExitCode([0, 0, 0])).toBe(0);
    expect(worstExitCode([0, 3, 0])).toBe(3);
    expect(worstExitCode([3, 1, 0])).toBe(1);
  });

  it('refuses --shard: every shard of a run shares its seed', async () => {
    const cli = io();
    expect(await main(['run', '--embedded', '--seeds', '2', '--shard', '1/2', '--report-dir', folder()], cli)).toBe(2);
    expect(cli.errors.join('\n')).toContain('--seeds: cannot be combined with --shard');
  });
});
