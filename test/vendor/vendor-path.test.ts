/**
 * The vendor's path without guessing (issue 27): the mistakes a vendor made on the way from
 * `dataset export` to a certified mock each get a clear answer instead of silence.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../src/core/did-you-mean.js';
import { main, type CliIo } from '../../src/cli/main.js';

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
