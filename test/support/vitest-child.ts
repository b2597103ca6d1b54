/**
 * vitest run as a user runs it, in a child process with its own folder and config: the
 * integration's tests read what vitest printed, its exit code and its JSON report.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/core/files.js';

export interface VitestRun {
  readonly code: number;
  /** Standard output and error, without colour. */
  readonly output: string;
  /** Every test: its full name (describes and test, joined by " > "), status and failure messages. */
  readonly tests: readonly { readonly name: string; readonly status: string; readonly failures: readonly string[] }[];
}

const VITEST = join(PACKAGE_ROOT, 'node_modules', 'vitest', 'vitest.mjs');

/** `vitest run ARGS` in `folder`, with `env` over an environment free of this run's vitest and kit variables. */
export function runVitest(folder: string, args: readonly string[], env: Record<string, string> = {}): Promise<VitestRun> {
  const json = join(mkdtempSync(join(tmpdir(), 'vitest-child-')), 'results.json');
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(VITEST|LEDGER_CONFORMANCE_|CONFORMANCE_OPTIONS|NODE_ENV$|TEST$)/.test(name),
    ),
  );
  const argv = [VITEST, 'run', '--color=false', '--reporter=verbose', '--reporter=json', `--outputFile.json=${json}`, ...args];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      { cwd: folder, env: { ...inherited, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let tests: VitestRun['tests'] = [];
        try {
          const report = JSON.parse(readFileSync(json, 'utf8')) as {
            testResults: {
              assertionResults: { ancestorTitles: string[]; title: string; status: string; failureMessages: string[] }[];
            }[];
          };
          tests = report.testResults.flatMap((file) =>
            file.assertionResults.map((t) => ({
              name: [...t.ancestorTitles, t.title].join(' > '),
              status: t.status,
              failures: t.failureMessages,
            })),
          );
        } catch {
          // No report: vitest could not start; the output says why.
        }
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}`, tests });
      },
    );
  });
}
