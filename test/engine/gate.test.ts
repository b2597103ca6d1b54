/**
 * Release gates through the command line: `run --baseline` (exit 1 only for a regression),
 * `merge` (shard reports checked and joined, shards of different runs refused) and
 * `merge --table` (the implementations table over several targets).
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { createReference } from '../../src/reference/index.js';
import type { RunningServer } from '../../src/reference/server.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { readReportFile } from '../../src/report/read.js';
import { spec } from '../support/harness.js';
import { BROKEN_REQUIREMENT, servedTargets } from '../support/served.js';

function io(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env: {}, color: false, lines, errors };
}

const folder = (): string => mkdtempSync(join(tmpdir(), 'ledger-gate-'));
const readReport = (dir: string): ConformanceReport =>
  JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
const fast = ['--suite', 'schema,auth,golden,errors', '--fuzz-runs', '5', '--quiet', '--seed', '11'];
const reference = createReference(spec);

const served = servedTargets(reference);
const FAILING = BROKEN_REQUIREMENT;

/** Runs the CLI against a target and returns the report folder and exit code. */
async function run(
  target: RunningServer,
  extra: string[] = [],
): Promise<{ dir: string; code: number; cli: ReturnType<typeof io> }> {
  const dir = folder();
  const cli = io();
  const code = await main(['run', '--base-url', target.url, '--report-dir', dir, ...fast, ...extra], cli);
  return { dir, code, cli };
}

describe('run --baseline: gate on regressions only', () => {
  let brokenBaseline: string;
  let cleanBaseline: string;
  beforeAll(async () => {
    const failing = await run(served.broken);
    expect(failing.code).toBe(1);
    expect(readReport(failing.dir).requirements.find((r) => r.id === FAILING)!.status).toBe('fail');
    brokenBaseline = join(failing.dir, 'conformance.json');
    const clean = await run(served.plain);
    expect(clean.code).toBe(0);
    cleanBaseline = join(clean.dir, 'conformance.json');
  });

  it('exit 0 when the baseline already holds the failure, and every format says so', async () => {
    const { dir, code, cli } = await run(served.broken, ['--baseline', brokenBaseline]);
    expect(code).toBe(0);
    const report = readReport(dir);
    expect(report.verdict).toBe('non-conformant');
    expect(report.exitCode).toBe(0);
    expect(report.baseline!.regressions).toEqual([]);
    expect(report.baseline!.stillFailing.map((e) => e.id)).toContain(FAILING);
    expect(report.baseline!.newFailures).toEqual([]);
    expect(cli.lines.join('\n')).toContain(`Baseline: no regressions against ${brokenBaseline}`);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(`no regressions against ${brokenBaseline}`);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(
      new RegExp(`\\| Still failing \\| ${FAILING} \\| MUST \\| failed → failed`),
    );
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/Still failing \(\d+\)[\s\S]*<code>RESP-BODY<\/code>/);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/<property name="baseline-still-failing" value="[^"]*RESP-BODY/);
    const ctrf = JSON.parse(readFileSync(join(dir, 'ctrf.json'), 'utf8')) as {
      results: { extra: { baseline: { summary: string } } };
    };
    expect(ctrf.results.extra.baseline.summary).toBe(`no regressions against ${brokenBaseline}`);
    // The published schema accepts it: a non-conformant verdict with exit code 0 under a baseline.
    expect(readReportFile(join(dir, 'conformance.json'), 'test').report.exitCode).toBe(0);
  });

  it('exit 1 when a clean baseline meets the same failure: a regression, listed as a new failure', async () => {
    const { dir, code, cli } = await run(served.broken, ['--baseline', cleanBaseline]);
    expect(code).toBe(1);
    const report = readReport(dir);
    expect(report.baseline!.regressions).toContain(FAILING);
    expect(report.baseline!.newFailures.find((e) => e.id === FAILING)).toMatchObject({ before: 'pass', now: 'fail' });
    expect(cli.lines.join('\n')).toMatch(/Baseline: \d+ regressions? against .*RESP-BODY/);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(
      /\| New failures \| RESP-BODY \| MUST \| passed → failed \(regression\)/,
    );
    expect(readReportFile(join(dir, 'conformance.json'), 'test').report.baseline!.regressions).toContain(FAILING);
    // A report claiming exit code 0 despite a regression breaks the schema.
    const lie = join(folder(), 'conformance.json');
    writeFileSync(lie, JSON.stringify({ ...report, exitCode: 0 }));
    expect(() => readReportFile(lie, 'test')).toThrow(new RegExp(`${lie}: /exitCode: must be equal to constant`));
  });

  it('lists what a release fixed', async () => {
    const { dir, code } = await run(served.plain, ['--baseline', brokenBaseline]);
    expect(code).toBe(0);
    expect(readReport(dir).baseline!.fixed.map((e) => e.id)).toContain(FAILING);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/Fixed \(\d+\)[\s\S]*<code>RESP-BODY<\/code>/);
  });

  it('exit 2 for a baseline that is not a conformance report, naming the file, the JSON pointer and the rule, before sending anything', async () => {
    const file = join(folder(), 'conformance.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(cleanBaseline, 'utf8')), verdict: 'great' }));
    const { code, cli } = await run(served.plain, ['--baseline', file]);
    expect(code).toBe(2);
    expect(cli.errors.join('\n')).toMatch(
      new RegExp(
        `${file}: /verdict: must be equal to one of the allowed values \\(schemas/conformance-report.schema.json #/properties/verdict/enum\\)`,
      ),
    );
    expect(cli.errors.join('\n')).not.toMatch(/seed/);
    writeFileSync(file, '{"reportVersion": 1,');
    const truncated = await run(served.plain, ['--baseline', file]);
    expect(truncated.code).toBe(2);
    expect(truncated.cli.errors.join('\n')).toMatch(new RegExp(`${file}: /: not valid JSON`));
  });
});

describe('merge', () => {
  /** The shards of one run against `target`, each in `root/shard-i`. */
  async function shards(target: RunningServer, total: number, root = folder(), extra: string[] = []): Promise<string> {
    for (let index = 1; index <= total; index += 1) {
      const cli = io();
      await main(
        [
          'run',
          '--base-url',
          target.url,
          '--report-dir',
          join(root, `shard-${index}`),
          ...fast,
          '--shard',
          `${index}/${total}`,
          ...extra,
        ],
        cli,
      );
    }
    return root;
  }

  it('joins the shards of a run into the five reports of the whole run, with its exit code', async () => {
    const root = await shards(served.broken, 2);
    const out = folder();
    const cli = io();
    // The folder of folders, as a CI artifact download leaves it.
    expect(await main(['merge', '--report-dir', out, root], cli)).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['conformance.json', 'ctrf.json', 'junit.xml', 'report.html', 'summary.md']);
    const merged = readReport(out);
    const whole = readReport((await run(served.broken)).dir);
    expect(merged.requirements.map((r) => [r.id, r.status])).toEqual(whole.requirements.map((r) => [r.id, r.status]));
    expect(merged.run.mergedShards).toBe(2);
    expect(cli.lines.join('\n')).toMatch(/Merged: {2}2 shards/);
  });

  it('refuses one shard as a baseline, naming the file and the pointer', async () => {
    const root = await shards(served.plain, 2);
    const cli = io();
    const shard = join(root, 'shard-1', 'conformance.json');
    expect(await main(['merge', '--report-dir', folder(), '--baseline', shard, root], cli)).toBe(2);
    expect(cli.errors.join('\n')).toContain(
      `${shard}: /run/shard: is shard 1/2 of a run: give the merged report of the whole run (ledger-conformance merge)`,
    );
  });

  it('gates the merged run on a baseline', async () => {
    const root = await shards(served.broken, 2);
    const clean = await run(served.plain);
    const out = folder();
    expect(
      await main(
        [
          'merge',
          '--report-dir',
          out,
          '--baseline',
          join(clean.dir, 'conformance.json'),
          join(root, 'shard-1'),
          join(root, 'shard-2'),
        ],
        io(),
      ),
    ).toBe(1);
    expect(readReport(out).baseline!.regressions).toContain(FAILING);
  });

  it('refuses shards of different runs, naming the file, the JSON pointer and the difference', async () => {
    const root = folder();
    await shards(served.broken, 2, root);
    const cli = io();
    await main(
      ['run', '--base-url', served.broken.url, '--report-dir', join(root, 'shard-2'), ...fast, '--seed', '12', '--shard', '2/2'],
      cli,
    );
    const merge = io();
    expect(await main(['merge', '--report-dir', folder(), root], merge)).toBe(2);
    expect(merge.errors.join('\n')).toContain(
      `${join(root, 'shard-2', 'conformance.json')}: /run/seed: seed 12 differs from 11 in ${join(root, 'shard-1', 'conformance.json')}: shards of different runs cannot be merged`,
    );
  });

  it.each<[string, (root: string) => void, RegExp]>([
    [
      'a missing shard',
      (root) => rmSync(join(root, 'shard-3'), { recursive: true }),
      /merge: shard 3\/3 missing: every shard of the run is needed \(given: 1, 2\)/,
    ],
    ['a shard folder left empty', (root) => rmSync(join(root, 'shard-3', 'conformance.json')), /merge: shard 3\/3 missing/],
    [
      'the same shard twice',
      (root) => copyFileSync(join(root, 'shard-2', 'conformance.json'), join(root, 'shard-3', 'conformance.json')),
      /shard-3\/conformance.json: \/run\/shard\/index: shard 2\/3 is also .*shard-2/,
    ],
  ])('refuses %s', async (_, spoil, message) => {
    const root = await shards(served.plain, 3);
    spoil(root);
    const cli = io();
    expect(await main(['merge', '--report-dir', folder(), root], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(message);
  });

  it('refuses a folder that holds no report', async () => {
    const cli = io();
    const empty = folder();
    expect(await main(['merge', '--report-dir', folder(), empty], cli)).toBe(2);
    expect(cli.errors.join('\n')).toContain(`merge: ${empty} holds no conformance.json, nor do its immediate subfolders`);
  });
});

describe('merge --table', () => {
  it('writes implementations.md and implementations.html: one row per requirement, one column per target', async () => {
    const root = folder();
    const eu = join(root, 'cluster-eu');
    const acme = join(root, 'acme-mock');
    expect(await main(['run', '--base-url', served.plain.url, '--report-dir', eu, ...fast], io())).toBe(0);
    // A sharded target counts as one column.
    for (const index of [1, 2])
      await main(
        ['run', '--base-url', served.broken.url, '--report-dir', join(acme, `shard-${index}`), ...fast, '--shard', `${index}/2`],
        io(),
      );
    const out = folder();
    const cli = io();
    expect(await main(['merge', '--table', '--report-dir', out, eu, acme], cli)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['implementations.html', 'implementations.md']);
    const md = readFileSync(join(out, 'implementations.md'), 'utf8');
    const judged = readReport(eu).requirements;
    const rows = md.split('\n').filter((l) => /^\| [A-Z]+-/.test(l));
    expect(rows.map((l) => l.split(' | ')[0]!.slice(2))).toEqual(judged.map((r) => r.id));
    expect(rows.find((l) => l.startsWith(`| ${FAILING} |`))).toBe(`| ${FAILING} | MUST | ✅ pass | ❌ fail |`);
    const sha = readReport(eu).spec.sha256.slice(0, 12);
    expect(md).toContain(
      `| Requirement | Level | cluster-eu<br>spec ${sha}<br>canonical<br>${readReport(eu).run.startedAt.slice(0, 10)} | acme-mock<br>spec ${sha}<br>canonical<br>`,
    );
    expect(md).toMatch(/\| acme-mock \| http:\/\/127\.0\.0\.1:\d+ \| non-conformant \|/);
    const html = readFileSync(join(out, 'implementations.html'), 'utf8');
    expect(html).toContain(`<th scope="row"><code>${FAILING}</code></th><td>MUST</td>`);
    expect(html).toMatch(/<td class="pass">✅ pass<\/td><td class="fail">❌ fail<\/td><\/tr>/);
    const result = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(
      html,
      'implementations.html',
    );
    expect(result.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
    expect(cli.lines.join('\n')).toMatch(/acme-mock: non-conformant/);
  });
});
