/**
 * The CI files work as written: examples/github-actions/conformance.yml, examples/gitlab-ci.yml
 * and the README's YAML snippets parse as YAML, have the jobs the README promises, and every
 * `ledger-conformance` command they run parses with our command line (nothing is run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { createProgram } from '../../src/cli/main.js';
import { PACKAGE_ROOT } from '../../src/core/files.js';

/** What the variables the examples use stand for when a command is checked. */
const EXAMPLE_VALUES: Readonly<Record<string, string>> = {
  BASE_URL: 'https://eu.api.example.test',
  STAGING_URL: 'https://staging.example.test/gateway',
  TARGET: 'cluster-eu',
  SEED: '42',
  FUZZ_RUNS: '50000',
  SHARD: '2',
  SHARDS: '4',
};

function readYaml(file: string): unknown {
  const document = parseDocument(readFileSync(join(PACKAGE_ROOT, file), 'utf8'), { uniqueKeys: true, prettyErrors: true });
  expect(document.errors.map(String), `${file} is valid YAML`).toEqual([]);
  expect(document.warnings.map(String), `${file} parses without warnings`).toEqual([]);
  return document.toJS();
}

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
function commandsIn(script: string): string[][] {
  const words = shellWords(script);
  const commands: string[][] = [];
  words.forEach((word, k) => {
    if (word !== 'ledger-conformance' && word !== 'ledger-explode-conformance') return;
    const end = words.findIndex((w, j) => j > k && ENDS_A_COMMAND.has(w));
    commands.push(words.slice(k + 1, end === -1 ? undefined : end).map(resolve));
  });
  return commands;
}

/** Parses the arguments with the real command line, every action replaced by a recorder. */
async function parses(args: readonly string[]): Promise<string> {
  const errors: string[] = [];
  const program = await createProgram({ out: () => {}, err: (line) => errors.push(line), env: {}, color: false }, () => {});
  let ran: string | undefined;
  for (const command of program.commands as Command[]) command.action(() => void (ran = command.name()));
  await program.parseAsync([...args], { from: 'user' }).catch((error: Error) => {
    throw new Error(`ledger-conformance ${args.join(' ')}: ${error.message} ${errors.join(' ')}`);
  });
  expect(ran, `ledger-conformance ${args.join(' ')} names a command`).toBeDefined();
  return ran!;
}

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string };
type GithubWorkflow = {
  on: unknown;
  jobs: Record<string, { needs?: string | string[]; steps: Step[]; strategy?: { matrix: Record<string, unknown> } }>;
};

describe('examples/github-actions/conformance.yml', () => {
  const workflow = readYaml('examples/github-actions/conformance.yml') as GithubWorkflow;
  const scripts = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])));

  it('runs only commands our command line parses', async () => {
    const commands = scripts.flatMap(commandsIn);
    expect((await Promise.all(commands.map(parses))).sort()).toEqual(['merge', 'merge', 'merge', 'run']);
    expect(commands.find((c) => c[0] === 'run')).toEqual(expect.arrayContaining(['--shard', '2/4', '--seed', '42']));
  });

  it('checks out, installs, shards a matrix of targets, merges with a baseline, and publishes summary, JUnit and table', () => {
    const { shard, merge, table } = workflow.jobs;
    for (const job of [shard!, merge!, table!]) {
      const uses = job.steps.map((s) => s.uses ?? s.run ?? '');
      expect(uses[0]).toBe('actions/checkout@v4');
      expect(uses[1]).toBe('actions/setup-node@v4');
      expect(uses[2]).toMatch(/^npm ci/);
    }
    expect(Object.keys(shard!.strategy!.matrix)).toEqual(['target', 'shard']);
    expect(shard!.strategy!.matrix['shard']).toEqual([1, 2, 3, 4]);
    expect(merge!.needs).toBe('shard');
    expect(table!.needs).toBe('merge');
    const mergeScripts = merge!.steps.map((s) => s.run ?? '').join('\n');
    expect(mergeScripts).toContain('gh release download');
    expect(mergeScripts).toContain('--baseline');
    expect(mergeScripts).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(merge!.steps.some((s) => s.uses === 'actions/upload-artifact@v4' && s.with?.['path'] === 'merged/junit.xml')).toBe(
      true,
    );
  });
});

type GitlabJob = {
  stage?: string;
  script?: string[];
  before_script?: string[];
  needs?: string[];
  parallel?: { matrix: Record<string, unknown>[] };
  artifacts?: { reports?: { junit?: string } };
};

describe('examples/gitlab-ci.yml', () => {
  const pipeline = readYaml('examples/gitlab-ci.yml') as Record<string, unknown> & { default: { before_script: string[] } };
  const jobs = Object.fromEntries(
    Object.entries(pipeline).filter(([, v]) => typeof v === 'object' && v !== null && 'script' in v),
  ) as Record<string, GitlabJob>;

  it('runs only commands our command line parses', async () => {
    const commands = Object.values(jobs)
      .flatMap((job) => [...(job.before_script ?? []), ...(job.script ?? [])])
      .flatMap(commandsIn);
    expect((await Promise.all(commands.map(parses))).sort()).toEqual(['merge', 'merge', 'merge', 'run']);
  });

  it('installs, runs parallel shards per target, merges with a baseline and reports JUnit', () => {
    expect(pipeline.default.before_script[0]).toMatch(/^npm ci/);
    expect(jobs['certify']!.parallel!.matrix.map((m) => m['SHARD'])).toEqual([
      ['1', '2', '3', '4'],
      ['1', '2', '3', '4'],
    ]);
    expect(jobs['merge']!.needs).toEqual(['certify']);
    expect(jobs['merge']!.script!.join('\n')).toContain('--baseline baseline.json');
    expect(jobs['merge']!.artifacts!.reports!.junit).toBe('merged/$TARGET/junit.xml');
    expect(jobs['implementations']!.script!.join('\n')).toContain('merge --table');
  });
});

describe("the README's YAML", () => {
  const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('parses, every block, and the workflow snippet runs commands our command line parses', async () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    const parsed = blocks.map((text) => {
      const document = parseDocument(text, { uniqueKeys: true });
      expect(document.errors.map(String), text).toEqual([]);
      return document.toJS() as unknown;
    });
    const workflow = parsed.find((p): p is GithubWorkflow => typeof p === 'object' && p !== null && 'jobs' in p);
    expect(workflow, 'a GitHub Actions workflow').toBeDefined();
    const steps = Object.values(workflow!.jobs)[0]!.steps;
    expect(steps.map((s) => s.uses ?? s.run?.split(' ')[0])).toEqual(
      expect.arrayContaining(['actions/checkout@v4', 'actions/setup-node@v4', 'npm']),
    );
    const commands = steps.flatMap((s) => (s.run ? commandsIn(s.run) : []));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) await parses(command);
  });
});

describe('the command extraction this test relies on', () => {
  it('finds commands after npx, across continuations, up to the next shell operator', () => {
    expect(
      commandsIn('code=0\nnpx ledger-conformance run --base-url "$BASE_URL" \\\n  --shard "$SHARD/$SHARDS" --quiet || code=$?'),
    ).toEqual([['run', '--base-url', 'https://eu.api.example.test', '--shard', '2/4', '--quiet']]);
    expect(
      commandsIn(
        "if [ -f x ]; then npx ledger-conformance merge --report-dir 'a b' shards; else npx ledger-explode-conformance list; fi",
      ),
    ).toEqual([['merge', '--report-dir', 'a b', 'shards'], ['list']]);
    expect(() => commandsIn('npx ledger-conformance run --base-url "$UNKNOWN"')).toThrow(/\$UNKNOWN/);
  });

  it('tells a command our command line refuses', async () => {
    await expect(parses(['run', '--shard', '5/4'])).rejects.toThrow(/--shard: the index must be from 1 to 4/);
    await expect(parses(['merge', 'shards'])).rejects.toThrow(/required option '--report-dir <dir>' not specified/);
    await expect(parses(['run', '--fast'])).rejects.toThrow(/unknown option '--fast'/);
  });
});
