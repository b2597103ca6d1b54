#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { TOOL } from '../engine/target.js';
import { SuiteError, USAGE_ERROR_CODES } from '../core/errors.js';
import { registerAttest } from './commands/attest.js';
import { registerDataset } from './commands/dataset.js';
import { registerDiscover } from './commands/discover.js';
import { registerList } from './commands/list.js';
import { registerRecord } from './commands/record.js';
import { registerMerge } from './commands/merge.js';
import { registerProfile } from './commands/profile.js';
import { registerRun } from './commands/run.js';
import { registerSelftest } from './commands/selftest.js';
import { registerServe } from './commands/serve.js';
import { limitHeapGrowth } from './heap.js';
import { processIo, type CliIo } from './io.js';

export type { CliIo } from './io.js';

/**
 * Runs the command line and resolves to the exit code: 0 conformant (or done), 1
 * non-conformant, 2 bad usage, configuration or profile, 3 the target could not be judged.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = createProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof SuiteError) {
      io.err(`ledger-conformance: ${error.message}`);
      return USAGE_ERROR_CODES.has(error.code) ? 2 : 3;
    }
    throw error;
  }
}

/** The command line with every command registered; commands that end with a verdict report it to `setExitCode`. */
export function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('ledger-conformance')
    .description('Conformance kit for GET /v2/pointsLedger/getLedgerExplodeInfo')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run with --help for usage)');
  registerRun(program, io, setExitCode);
  registerMerge(program, io, setExitCode);
  registerServe(program, io);
  registerList(program, io);
  registerProfile(program, io, setExitCode);
  registerDataset(program, io);
  registerDiscover(program, io, setExitCode);
  registerRecord(program, io, setExitCode);
  registerAttest(program, io, setExitCode);
  // Last: the kill matrix is for the kit's own developers, not for certifying a target.
  registerSelftest(program, io, setExitCode);
  return program;
}

// Through npm's bin link, argv[1] is the link; compare real paths.
const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  limitHeapGrowth();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // Everything is closed by now; should a stray handle keep the loop alive, do not hang.
      setTimeout(() => process.exit(code), 2000).unref();
    },
    (error: unknown) => {
      process.stderr.write(`ledger-conformance: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 3;
    },
  );
}
