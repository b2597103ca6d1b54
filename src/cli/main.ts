#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { SuiteError } from '../errors.js';
import { registerList } from './commands/list.js';

/** Streams the commands write to; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

/**
 * Runs the command line and resolves to the exit code: 0 conformant / done, 1 non-conformant,
 * 2 bad usage, configuration or profile, 3 the target could not be judged.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('ledger-conformance')
    .description('Conformance kit for GET /v2/pointsLedger/getLedgerExplodeInfo')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run with --help for usage)');
  registerList(program, io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof SuiteError) {
      io.err(`ledger-conformance: ${error.message}`);
      return error.code === 'CT_SPEC_INVALID' || error.code === 'CT_USAGE' || error.code === 'CT_PROFILE_INVALID' ? 2 : 3;
    }
    throw error;
  }
}

// Through npm's bin link, argv[1] is the link; compare real paths.
const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`ledger-conformance: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(3);
    },
  );
}
