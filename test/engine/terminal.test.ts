/**
 * What a person sees in a terminal when the machine, not the target, is in the way: a port
 * already taken, a reader that closes the pipe early. One clear line each, never a stack trace.
 * Run through the built command line (npm test builds first), as a user runs it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { createProgress } from '../../src/cli/progress.js';
import { PACKAGE_ROOT } from '../../src/core/files.js';

const CLI = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');

function io(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env: {}, color: false, lines, errors };
}

describe('serve on a port that is taken', () => {
  let taken: Server;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('exits 2 with one line naming the option', async () => {
    const port = (taken.address() as { port: number }).port;
    const cli = io();
    expect(await main(['serve', '--port', String(port)], cli)).toBe(2);
    expect(cli.errors).toEqual([
      `ledger-conformance: --port: ${port} is already in use on 127.0.0.1: choose another port, or --port 0 for any free one`,
    ]);
  });
});

describe('a reader that closes the pipe early (list | head)', () => {
  it('ends with exit code 0 and one line, no stack trace', async () => {
    // The reference profile of a big dataset is far more than a pipe buffer holds.
    const child = spawn(process.execPath, [CLI, 'profile', '--dataset-size', '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await once(child.stdout, 'data');
    child.stdout.destroy();
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')).toEqual([
      'ledger-conformance: standard output was closed (EPIPE); nothing more is printed there',
    ]);
  });
});

describe('progress', () => {
  it('moves with every request during a long check, redrawn at most ten times a second', () => {
    const drawn: string[] = [];
    let now = 0;
    const progress = createProgress({ ...io(), live: (line) => drawn.push(line) }, () => now);
    for (let requests = 1; requests <= 30; requests++) {
      now += 40; // one request every 40 ms, through one long fuzz check
      progress.update({ requests, checksDone: 0, checksTotal: 70, passes: 0, failures: 0, errors: 0 });
    }
    expect(drawn.length).toBeGreaterThanOrEqual(10);
    expect(drawn.at(-1)).toMatch(/^requests (28|29|30) · checks 0\/70/);
  });
});
