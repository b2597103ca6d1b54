/**
 * `ledger-conformance discover` as a user runs it: against the embedded reference it writes an
 * overlay with no action; against a target with a dialect it pins it (and the run under the
 * written overlay is conformant); only GET to the endpoint leaves the process; exit codes as run's.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main, type CliIo } from '../../src/cli/main.js';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import { startHandlerServer, type TestServer } from '../http/support/servers.js';
import { effective, referenceOf } from './support.js';

function io(env: Record<string, string | undefined> = {}): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env, color: false, lines, errors };
}

const folder = mkdtempSync(join(tmpdir(), 'ledger-discover-'));
const jvm = join(PACKAGE_ROOT, 'openapi', 'dialects', 'jvm-cluster.yaml');
let target: TestServer;

beforeAll(async () => {
  target = await startHandlerServer(referenceOf(effective([jvm])).handler);
});
afterAll(() => target.close());

describe('ledger-conformance discover', () => {
  it('writes an overlay with no action for the embedded reference (exit 0)', async () => {
    const out = join(folder, 'embedded.yaml');
    const cli = io();
    expect(await main(['discover', '--embedded', '--out', out], cli)).toBe(0);
    expect((parse(readFileSync(out, 'utf8')) as { actions: unknown[] }).actions).toEqual([]);
    expect(cli.lines.at(-1)).toMatch(/^dialect: 0 deviation\(s\) from the spec, \d+ requests; overlay written to /);
  });

  it('pins the dialect of a target, sends only GET to the endpoint, and the run under it is conformant', async () => {
    const out = join(folder, 'jvm.yaml');
    const before = target.seen.length;
    expect(await main(['discover', '--base-url', target.url, '--out', out], io())).toBe(0);
    const sent = target.seen.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((r) => r.method !== 'GET' || !r.url.startsWith('/v2/pointsLedger/getLedgerExplodeInfo?'))).toEqual([]);
    const written = readFileSync(out, 'utf8');
    expect((parse(written) as { actions: unknown[] }).actions).toHaveLength(4);
    // Each action says what it pins and shows the request, credentials as placeholders.
    expect(written).toContain('# x-ledger-parsing.booleans: canonical "literal", observed "spring"');
    expect(written).toMatch(/# curl .*\$LEDGER_CONFORMANCE_USER/);
    expect(written).not.toContain('demo-password');

    const report = join(folder, 'report');
    const run = io();
    const code = await main(
      ['run', '--base-url', target.url, '--overlay', out, '--seed', '5', '--fuzz-runs', '20', '--report-dir', report, '--quiet'],
      run,
    );
    expect(run.lines.join('\n')).toContain('Dialect: 4 deviations from the canonical spec');
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(report, 'conformance.json'), 'utf8')).spec.overlays).toEqual([
      { name: out, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  it('exits 2 for an overlay that selects nothing, naming the file and the action', async () => {
    const cli = io();
    const bad = join(folder, 'nothing.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.nope\n    update: {a: 1}\n");
    expect(await main(['discover', '--embedded', '--overlay', bad, '--out', join(folder, 'x.yaml')], cli)).toBe(2);
    expect(cli.errors.join('\n')).toContain(`${bad}: /actions/0/target: $.nope selects nothing in the spec`);
  });

  it('exits 3 for a target that does not answer', async () => {
    const cli = io({ LEDGER_CONFORMANCE_USER: 'u', LEDGER_CONFORMANCE_PASSWORD: 'p' });
    expect(
      await main(['discover', '--base-url', 'http://127.0.0.1:9', '--timeout', '2', '--out', join(folder, 'none.yaml')], cli),
    ).toBe(3);
  });
});
