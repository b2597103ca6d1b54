/**
 * The command line loads only the command it runs (src/cli/command-table.ts); the others are
 * listed from the table, whose names, terms and descriptions must stay those of the modules.
 */
import { Help, type Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandNamed } from '../../src/cli/command-table.js';
import { createProgram, type CliIo } from '../../src/cli/main.js';

const io: CliIo = { out: () => {}, err: () => {}, env: {}, color: false };
const noop = (): void => {};

describe('the command table', () => {
  it('lists every command as its module registers it: name, help term and description, in order', async () => {
    const full = await createProgram(io, noop);
    const help = new Help();
    expect(full.commands.map((c: Command) => [c.name(), help.subcommandTerm(c), c.description()])).toEqual(
      COMMANDS.map((entry) => [entry.name, entry.term, entry.description]),
    );
  });

  it('gives the top-level help of the fully registered command line without loading a command', async () => {
    const full = await createProgram(io, noop);
    const lazy = await createProgram(io, noop, ['--help']);
    expect(lazy.commands.every((c: Command) => c.options.length === 0)).toBe(true);
    expect(lazy.helpInformation()).toBe(full.helpInformation());
  });

  it('registers in full only the command the arguments run (also after help)', async () => {
    for (const argv of [
      ['list', '--json'],
      ['help', 'list'],
      ['--quiet', 'list'],
    ]) {
      const program = await createProgram(io, noop, argv);
      const loaded = program.commands.filter((c: Command) => c.options.length > 0).map((c: Command) => c.name());
      expect(loaded, argv.join(' ')).toEqual(['list']);
    }
    expect(commandNamed(['--version'])).toBeUndefined();
    expect(commandNamed(['runn'])).toBeUndefined();
  });
});
