#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Help } from 'commander';
import { TOOL } from '../core/tool.js';
import { SuiteError, USAGE_ERROR_CODES } from '../core/errors.js';
import { COMMANDS, commandNamed, type CommandEntry } from './command-table.js';
import { limitHeapGrowth } from './heap.js';
import { processIo, type CliIo } from './io.js';

export type { CliIo } from './io.js';

/**
 * Runs the command line and resolves to the exit code: 0 conformant (or done), 1
 * non-conformant, 2 bad usage, configuration or profile, 3 the target could not be judged.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = await createProgram(io, (code) => (exitCode = code), argv);
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

/**
 * The command line; commands that end with a verdict report it to `setExitCode`. Given `argv`,
 * only the command it runs is loaded and registered in full: the others are listed by name and
 * description for the help (see command-table.ts). Without, every command is registered in full.
 */
export async function createProgram(io: CliIo, setExitCode: (code: number) => void, argv?: readonly string[]): Promise<Command> {
  const program = new Command('ledger-conformance')
    .description('Conformance kit for GET /v2/pointsLedger/getLedgerExplodeInfo')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run with --help for usage)');
  const wanted = argv === undefined ? undefined : commandNamed(argv);
  const listed = new Map<Command, CommandEntry>();
  for (const entry of COMMANDS) {
    if (argv === undefined || entry === wanted) (await entry.load())(program, io, setExitCode);
    else listed.set(program.command(entry.name).description(entry.description), entry);
  }
  if (listed.size > 0)
    program.configureHelp({
      subcommandTerm(command) {
        return listed.get(command)?.term ?? Help.prototype.subcommandTerm.call(this, command);
      },
    });
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
