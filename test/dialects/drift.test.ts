/**
 * Drift watch: `discover --check dialect.yaml` against a target that answers as the committed
 * overlay says exits 0; against one where one knob changed, it exits 1 and names that knob (and
 * only it); against a target that does not answer, 3. The overlay is the one discover wrote
 * against the plain reference; the changed target is the reference served with an overlay that
 * moves one knob to another evidenced alternative.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { startHandlerServer, type TestServer } from '../http/support/servers.js';
import { effective, referenceOf } from './support.js';

function io(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env: {}, color: false, lines, errors };
}

const folder = mkdtempSync(join(tmpdir(), 'ledger-drift-'));
const committed = join(folder, 'dialect.yaml');
const springBooleans = join(folder, 'spring-booleans.yaml');
let plain: TestServer;
let changed: TestServer;

beforeAll(async () => {
  writeFileSync(
    springBooleans,
    [
      'overlay: 1.0.0',
      'info: { title: booleans read the Spring way, version: "1" }',
      'actions:',
      `  - target: $['paths']['/v2/pointsLedger/getLedgerExplodeInfo']['get']['x-ledger-parsing']`,
      '    update: { booleans: spring }',
      '',
    ].join('\n'),
  );
  plain = await startHandlerServer(referenceOf(effective([])).handler);
  changed = await startHandlerServer(referenceOf(effective([springBooleans])).handler);
  expect(await main(['discover', '--base-url', plain.url, '--out', committed], io())).toBe(0);
}, 60_000);
afterAll(async () => {
  await plain.close();
  await changed.close();
});

describe('discover --check', () => {
  it('exits 0 when nothing changed, and writes nothing', async () => {
    const cli = io();
    expect(
      await main(['discover', '--base-url', plain.url, '--check', committed, '--out', join(folder, 'unused.yaml')], cli),
    ).toBe(0);
    expect(cli.lines.filter((l) => l.startsWith('changed'))).toEqual([]);
    expect(cli.lines.at(-1)).toMatch(/^drift: 0 knob\(s\) changed since .*dialect\.yaml, 0 not judged, \d+ requests$/);
  });

  it('exits 1 and names each knob that changed, and only those', async () => {
    const cli = io();
    expect(await main(['discover', '--base-url', changed.url, '--check', committed], cli)).toBe(1);
    const changes = cli.lines.filter((l) => l.startsWith('changed'));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatch(
      /^changed {4}x-ledger-parsing\.booleans: committed "literal", observed "spring": getBillDetails=yes/,
    );
    expect(cli.lines.at(-1)).toMatch(/^drift: 1 knob\(s\) changed since /);
  });

  it('is judged against the committed overlay, not the spec: an overlay that pins the change makes it no drift', async () => {
    const cli = io();
    expect(await main(['discover', '--base-url', changed.url, '--check', springBooleans], cli)).toBe(0);
    // …and the plain target has drifted away from that overlay.
    const back = io();
    expect(await main(['discover', '--base-url', plain.url, '--check', springBooleans], back)).toBe(1);
    expect(back.lines.filter((l) => l.startsWith('changed'))).toEqual([
      expect.stringMatching(/^changed {4}x-ledger-parsing\.booleans: committed "spring", observed "literal"/),
    ]);
  });

  it('exits 3 when the target cannot be judged, and 2 for an overlay that does not load', async () => {
    const closed = await startHandlerServer(referenceOf(effective([])).handler);
    const url = closed.url;
    await closed.close();
    const cli = io();
    expect(await main(['discover', '--base-url', url, '--check', committed, '--timeout', '2'], cli)).toBe(3);
    const bad = io();
    expect(await main(['discover', '--base-url', plain.url, '--check', join(folder, 'missing.yaml')], bad)).toBe(2);
  });
});
