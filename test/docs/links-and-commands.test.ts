/**
 * The README and the guides of docs/ as a reader uses them: every link leads somewhere (a file
 * that exists and ships in the npm package, a heading that exists), and every `ledger-conformance`
 * command they quote in a shell block parses with the real command line; the cheap ones (`list`,
 * `profile`) are run.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import { commandsIn, parses } from '../support/shell-commands.js';

/**
 * Guides other branches add (issue 27 links them from the README before they land). A link to one
 * of these may lead nowhere only while the file is absent; once it exists it is checked like any.
 * The lead removes this list once every branch is merged.
 */
const GUIDES_LANDING_ELSEWHERE = new Set<string>([]);

const DOCUMENTS = [
  'README.md',
  ...readdirSync(join(PACKAGE_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const read = (file: string): string => readFileSync(join(PACKAGE_ROOT, file), 'utf8');

/** The text outside fenced code blocks and inline code, where Markdown links live. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Every `[text](target)` and `![alt](target)` of a document. */
function linksOf(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const headings = [...markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) => slugOf(m[1]!));
  return new Set(headings);
}

let packing: Promise<string[]> | undefined;
/** The files `npm pack` would ship (no build needed: the check is about documentation files). */
function packed(): Promise<string[]> {
  packing ??= promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: PACKAGE_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  }).then(({ stdout }) => (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
  return packing;
}

/** What is wrong with one link of `file`, or undefined when it leads where it says. */
async function problemOf(file: string, link: string): Promise<string | undefined> {
  if (/^(https?:|mailto:)/.test(link)) return undefined;
  const [path, anchor] = link.split('#') as [string, string | undefined];
  const target = path === '' ? file : relative(PACKAGE_ROOT, resolve(dirname(join(PACKAGE_ROOT, file)), path));
  if (!existsSync(join(PACKAGE_ROOT, target)))
    return GUIDES_LANDING_ELSEWHERE.has(target) ? undefined : `${link}: ${target} does not exist`;
  const shipped = await packed();
  const isFolder = statSync(join(PACKAGE_ROOT, target)).isDirectory();
  if (!shipped.some((f) => (isFolder ? f.startsWith(`${target.replace(/\/$/, '')}/`) : f === target)))
    return `${link}: ${target} is not in the npm package (package.json "files"), so the link breaks for an npm user`;
  if (anchor !== undefined && target.endsWith('.md') && !anchorsOf(read(target)).has(anchor))
    return `${link}: ${target} has no heading whose anchor is #${anchor}`;
  return undefined;
}

/** The `ledger-conformance` commands of a document's shell blocks, comments and a trailing `&` removed. */
function quotedCommands(markdown: string): string[][] {
  const blocks = [...markdown.matchAll(/^```(?:sh|bash)\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
  return blocks.flatMap(
    (block) =>
      commandsIn(
        block
          .split('\n')
          .map((line) => line.replace(/(^|\s)#.*$/, '').replace(/\s&\s*$/, ''))
          .join('\n'),
      ).filter((command) => command.length > 0), // `npm install --save-dev ledger-explode-conformance` names the package, not a command
  );
}

function io(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env: {}, color: false, lines, errors };
}

describe('the README and docs/', () => {
  it('keep the README a front door: at most about 300 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(300);
  });

  it.each(DOCUMENTS)('%s: every link leads to a shipped file and an existing heading', async (file) => {
    const links = linksOf(read(file));
    const problems = (await Promise.all(links.map((link) => problemOf(file, link)))).filter((p) => p !== undefined);
    expect(problems).toEqual([]);
  });

  it.each(DOCUMENTS)('%s: every quoted ledger-conformance command parses with the command line', async (file) => {
    const commands = quotedCommands(read(file));
    // A guide may quote none: then there is nothing to parse, and that is the finding.
    expect(Array.isArray(commands)).toBe(true);
    for (const command of commands) {
      if (command.includes('--help')) expect(await main(command, io()), command.join(' ')).toBe(0);
      else await parses(command);
    }
  });

  it('run the cheap commands they quote (list, profile) for real, and those succeed', async () => {
    const cheap = DOCUMENTS.flatMap((file) => quotedCommands(read(file))).filter(
      (command) => command[0] === 'list' || (command[0] === 'profile' && command[1] !== 'init'),
    );
    expect(cheap.length).toBeGreaterThan(0);
    for (const command of cheap) {
      const cli = io();
      expect(await main(command, cli), `ledger-conformance ${command.join(' ')}: ${cli.errors.join(' ')}`).toBe(0);
      expect(cli.lines.length).toBeGreaterThan(0);
    }
  });
});

describe('the checks this test relies on', () => {
  it('find a broken link, a missing heading and a file the package does not ship', async () => {
    expect(await problemOf('README.md', 'docs/no-such-guide.md')).toMatch(/does not exist/);
    expect(await problemOf('README.md', 'docs/vendors.md#no-such-heading')).toMatch(
      /no heading whose anchor is #no-such-heading/,
    );
    expect(await problemOf('README.md', 'test/vendor/vendor-mock.test.ts')).toMatch(/not in the npm package/);
    expect(await problemOf('docs/vendors.md', '../openapi/ERRATA.md')).toBeUndefined();
    expect(await problemOf('docs/vendors.md', '#the-golden-contract')).toBeUndefined();
  });

  it('finds the commands of a shell block, comments and background jobs aside', async () => {
    expect(quotedCommands('```sh\nnpx ledger-conformance serve --port 8080 &   # the stand-in\n```\n')).toEqual([
      ['serve', '--port', '8080'],
    ]);
    await expect(parses(['run', '--no-such-option'])).rejects.toThrow(/unknown option/);
    expect(slugOf('Replaying a transcript: `run --transcript FILE`')).toBe('replaying-a-transcript-run---transcript-file');
  });
});
