/**
 * The CI files work as written: examples/github-actions/conformance.yml, examples/gitlab-ci.yml
 * and the YAML snippets of the README and docs/reports-and-ci.md parse as YAML, have the jobs the README promises, and every
 * `ledger-conformance` command they run parses with our command line (nothing is run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import { commandsIn, parses } from '../support/shell-commands.js';

function readYaml(file: string): unknown {
  const document = parseDocument(readFileSync(join(PACKAGE_ROOT, file), 'utf8'), { uniqueKeys: true, prettyErrors: true });
  expect(document.errors.map(String), `${file} is valid YAML`).toEqual([]);
  expect(document.warnings.map(String), `${file} parses without warnings`).toEqual([]);
  return document.toJS();
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
    expect((await Promise.all(commands.map(parses))).sort()).toEqual(['discover', 'merge', 'merge', 'merge', 'run']);
    expect(commands.find((c) => c[0] === 'run')).toEqual(expect.arrayContaining(['--shard', '2/4', '--seed', '42']));
  });

  it('watches each target for drift every night against its committed overlay', () => {
    const drift = workflow.jobs['drift']!;
    expect(Object.keys(workflow.on as object)).toContain('schedule');
    const script = drift.steps.map((s) => s.run ?? '').join('\n');
    expect(script).toMatch(/discover .*\n?.*--check "ci\/dialects\/\$TARGET.yaml"/);
    expect(script).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(script).toContain('exit $status');
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

describe('the YAML of the README and docs/reports-and-ci.md', () => {
  const blocks = ['README.md', 'docs/reports-and-ci.md'].flatMap((file) =>
    [...readFileSync(join(PACKAGE_ROOT, file), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!),
  );

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

describe('examples/github-actions/mutation.yml', () => {
  it('runs npm run mutation weekly, keeping the incremental file between runs, and keeps the report', () => {
    const workflow = readYaml('examples/github-actions/mutation.yml') as {
      on: { schedule: { cron: string }[] };
      jobs: { mutation: { steps: { run?: string; uses?: string; with?: { path?: string } }[] } };
    };
    expect(workflow.on.schedule[0]!.cron).toMatch(/^\S+ \S+ \* \* [0-6]$/);
    const steps = workflow.jobs.mutation.steps;
    expect(steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci --no-audit --no-fund', 'npm run mutation']);
    const scripts = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts['mutation']).toBe('stryker run');
    const config = readFileSync(join(PACKAGE_ROOT, 'stryker.config.mjs'), 'utf8');
    const incremental = /incrementalFile: '([^']+)'/.exec(config)![1];
    expect(steps.find((s) => s.uses?.startsWith('actions/cache'))!.with!.path).toBe(incremental);
  });
});
