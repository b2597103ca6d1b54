/**
 * The `ledger-conformance` commands quoted in shell scripts (CI files, the README, docs/), found
 * and parsed with the real command line, every action replaced by a recorder: nothing is run.
 */
import type { Command } from 'commander';
import { expect } from 'vitest';
import { createProgram } from '../../src/cli/main.js';

/** What the variables the examples use stand for when a command is checked. */
export const EXAMPLE_VALUES: Readonly<Record<string, string>> = {
  BASE_URL: 'https://eu.api.example.test',
  STAGING_URL: 'https://staging.example.test/gateway',
  TARGET: 'cluster-eu',
  SEED: '42',
  FUZZ_RUNS: '50000',
  SHARD: '2',
  SHARDS: '4',
  URL: 'https://eu.api.example.test',
  k: '3',
  IMAGE_DIGEST: 'sha256:4f1c0a7e9b2d3c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6',
};

/** A variable's place in a word, resolved only in the commands this test checks. */
const marker = (name: string): string => `\u0001${name}\u0002`;

/** `$VAR` and `${VAR}` of a checked command replaced by their example values. */
function resolve(word: string): string {
  return word.replace(/\u0001(\w+)\u0002/g, (_, name: string) => {
    if (!(name in EXAMPLE_VALUES)) throw new Error(`a command uses $${name}: give it an example value in EXAMPLE_VALUES`);
    return EXAMPLE_VALUES[name]!;
  });
}

/** Shell words of a script, variables marked; operators are words of their own. */
function shellWords(script: string): string[] {
  const words: string[] = [];
  const text = script.replace(/\\\n/g, ' ');
  let word: string | undefined;
  const variable = (at: number): [string, number] => {
    const match = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/.exec(text.slice(at));
    return match ? [marker(match[1] ?? match[2]!), at + match[0].length] : ['$', at + 1];
  };
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    const operator = /^(\|\||&&|[;|<>\n]|2>)/.exec(text.slice(i))?.[0];
    if (/\s/.test(c) && c !== '\n') {
      if (word !== undefined) words.push(word);
      word = undefined;
      i += 1;
    } else if (operator !== undefined && word === undefined) {
      words.push(operator);
      i += operator.length;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      word ??= '';
      for (i += 1; text[i] !== '"';) {
        if (text[i] === '$') {
          const [value, next] = variable(i);
          word += value;
          i = next;
        } else word += text[i++];
      }
      i += 1;
    } else if (c === '$') {
      const [value, next] = variable(i);
      word = (word ?? '') + value;
      i = next;
    } else if (operator !== undefined) {
      words.push(word!, operator);
      word = undefined;
      i += operator.length;
    } else {
      word = (word ?? '') + c;
      i += 1;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

const ENDS_A_COMMAND = new Set(['||', '&&', ';', '|', '<', '>', '2>', '\n', 'then', 'else', 'fi', 'do', 'done']);

/** The arguments of every `ledger-conformance` (or `ledger-explode-conformance`) command in a script. */
export function commandsIn(script: string): string[][] {
  const words = shellWords(script);
  const commands: string[][] = [];
  words.forEach((word, k) => {
    if (word !== 'ledger-conformance' && word !== 'ledger-explode-conformance') return;
    // `npm install --save-dev ledger-explode-conformance vitest` names the package, not a command.
    if (['install', 'i', 'add'].includes(words[k - 1] ?? '') || (words[k - 1] ?? '').startsWith('-')) return;
    const end = words.findIndex((w, j) => j > k && ENDS_A_COMMAND.has(w));
    commands.push(words.slice(k + 1, end === -1 ? undefined : end).map(resolve));
  });
  return commands;
}

/** Parses the arguments with the real command line, every action replaced by a recorder. */
export async function parses(args: readonly string[]): Promise<string> {
  const errors: string[] = [];
  const program = await createProgram({ out: () => {}, err: (line) => errors.push(line), env: {}, color: false }, () => {});
  let ran: string | undefined;
  // Every command and subcommand (`profile init`, `dataset export`…) records itself instead of running.
  const record = (commands: readonly Command[]): void => {
    for (const command of commands) {
      command.action(() => void (ran = command.name()));
      record(command.commands);
    }
  };
  record(program.commands);
  await program.parseAsync([...args], { from: 'user' }).catch((error: Error) => {
    throw new Error(`ledger-conformance ${args.join(' ')}: ${error.message} ${errors.join(' ')}`);
  });
  expect(ran, `ledger-conformance ${args.join(' ')} names a command`).toBeDefined();
  return ran!;
}
