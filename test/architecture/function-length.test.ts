/**
 * No function in src/cli, src/contract, src/engine or src/fuzz is longer than about 80 lines: long
 * orchestration is split into named steps. Measured by scripts/function-lengths.mjs.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 80;
const FOLDERS = ['src/cli', 'src/contract', 'src/engine', 'src/fuzz'];

interface FunctionLength {
  readonly file: string;
  readonly name: string;
  readonly line: number;
  readonly lines: number;
}

describe('function length', () => {
  it(`no function in ${FOLDERS.join(', ')} is longer than ${MAX_LINES} lines`, () => {
    const output = execFileSync(
      process.execPath,
      ['scripts/function-lengths.mjs', '--json', '--max', String(MAX_LINES), ...FOLDERS],
      { cwd: new URL('../../', import.meta.url), encoding: 'utf8' },
    );
    const over = JSON.parse(output) as FunctionLength[];
    expect(over.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`)).toEqual([]);
  });
});
