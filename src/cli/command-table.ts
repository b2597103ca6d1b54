/**
 * The commands, each loaded only when it runs: a command's module brings in what it uses (the
 * engine, the reference, the reports…), so `--help`, `list` or `serve` do not load `run`'s.
 *
 * The top-level help lists every command from this table without loading any: its name as the
 * help prints it and its one-line description are written here as well as in its module, and a
 * test (test/engine/cli.test.ts) holds the two the same.
 */
import type { Command } from 'commander';
import type { CliIo } from './io.js';

/** What a command module exports: it adds the command (options, help, action) to `program`. */
export type RegisterCommand = (program: Command, io: CliIo, setExitCode: (code: number) => void) => void;

export interface CommandEntry {
  readonly name: string;
  /** The command as the top-level help lists it (commander's `subcommandTerm`). */
  readonly term: string;
  readonly description: string;
  readonly load: () => Promise<RegisterCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'run',
    term: 'run [options]',
    description: 'certify a target: run the conformance catalog against it and write the reports',
    load: async () => (await import('./commands/run.js')).registerRun,
  },
  {
    name: 'merge',
    term: 'merge [options] <dirs...>',
    description: 'merge the shard reports of one run (run --shard i/n) into one, or (--table) tabulate several targets',
    load: async () => (await import('./commands/merge.js')).registerMerge,
  },
  {
    name: 'serve',
    term: 'serve [options]',
    description: 'serve the reference implementation; the first stdout line is its base URL',
    load: async () => (await import('./commands/serve.js')).registerServe,
  },
  {
    name: 'list',
    term: 'list [options]',
    description: 'print the requirement catalog of the spec (id, level, basis, suite, title)',
    load: async () => (await import('./commands/list.js')).registerList,
  },
  {
    name: 'profile',
    term: 'profile',
    description:
      'print the reference profile of a dataset, or (profile init) learn a full profile from a minimal one and the target',
    load: async () => (await import('./commands/profile.js')).registerProfile,
  },
  {
    name: 'dataset',
    term: 'dataset',
    description: 'the reference dataset and its golden transcript as files, for a mock built without this tool',
    load: async () => (await import('./commands/dataset.js')).registerDataset,
  },
  {
    name: 'discover',
    term: 'discover [options]',
    description: 'probe a target at every knob with evidenced alternatives and write the overlay that describes its dialect',
    load: async () => (await import('./commands/discover.js')).registerDiscover,
  },
  {
    name: 'record',
    term: 'record [options]',
    description:
      'certify a real cluster and keep its answers as a golden transcript with personal data pseudonymised, with the profile and a dataset serve --dataset serves',
    load: async () => (await import('./commands/record.js')).registerRecord,
  },
  {
    name: 'attest',
    term: 'attest [options]',
    description: "sign a run's conformance.json as an in-toto Statement v1 in a DSSE envelope (Ed25519)",
    load: async () => (await import('./commands/attest.js')).registerAttest,
  },
  {
    name: 'verify',
    term: 'verify [options]',
    description: 'check an attestation: its signature against a public key, and its statement against the report it names',
    load: async () => (await import('./commands/attest.js')).registerVerify,
  },
  // Last: the kill matrix is for the kit's own developers, not for certifying a target.
  {
    name: 'selftest',
    term: 'selftest [options]',
    description:
      "for the kit's own developers: prove the suite against the reference (must pass) and every fault of the catalog (must fail); write the kill matrix",
    load: async () => (await import('./commands/selftest.js')).registerSelftest,
  },
];

/**
 * The command `argv` runs: its first word that is not an option (after `help`, the word that
 * follows). Undefined when it names none of the commands (`--help`, `--version`, a typo).
 */
export function commandNamed(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.filter((word) => !word.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((entry) => entry.name === name);
}
