/**
 * The baseline comparison and its section in every format: what regressed (only a pass that
 * became a fail, at or above the gating level), what is new, fixed or still failing, and the
 * exit code that gates on regressions only; each format stays valid with the section in it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate as validateCtrf } from 'ctrf';
import { XMLValidator } from 'fast-xml-parser';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { createSpecAjv } from '../../src/core/ajv.js';
import { FileInvalidError } from '../../src/core/errors.js';
import { readBaseline, withBaseline } from '../../src/report/baseline.js';
import type { ConformanceReport, Outcome } from '../../src/core/report-model.js';
import { renderCtrf, renderHtml, renderJson, renderJunit, renderMarkdown } from '../../src/report/renderers/index.js';
import { conformantReport, deepFreeze, nonConformantReport } from './fixtures.js';

const validateReport = createSpecAjv().compile(
  JSON.parse(readFileSync(new URL('../../schemas/conformance-report.schema.json', import.meta.url), 'utf8')) as object,
);
const against = (report: ConformanceReport, baseline: ConformanceReport): ConformanceReport =>
  withBaseline(deepFreeze(report), { file: 'releases/1.4.0/conformance.json', report: deepFreeze(baseline) });
const ids = (entries: readonly { id: string }[]) => entries.map((e) => e.id);

describe('withBaseline', () => {
  const clean = conformantReport();
  const failing = nonConformantReport();

  it('against a clean baseline: the passes that fail now are regressions (exit 1); what the baseline lacked is only new', () => {
    const report = against(failing, clean);
    expect(ids(report.baseline!.newFailures)).toEqual([
      'RESP-BODY',
      'ERR-9022',
      'PAGE-PARTITION',
      'PAGE-SIZE',
      'FLAG-BILL-DETAILS',
      'ACUR-WARN',
      'FUZZ-NO-5XX',
    ]);
    expect(report.baseline!.newFailures.find((e) => e.id === 'FLAG-BILL-DETAILS')).toMatchObject({
      before: 'absent',
      now: 'fail',
    });
    // Passed before and fail now at MUST; FLAG-BILL-DETAILS was not judged, ACUR-WARN is waived.
    expect(report.baseline!.regressions).toEqual(['RESP-BODY', 'ERR-9022', 'PAGE-PARTITION', 'FUZZ-NO-5XX']);
    expect(report.exitCode).toBe(1);
    expect(report.verdict).toBe('non-conformant');
  });

  it('against a baseline with the same failures: nothing regressed, all still fail (exit 0, the verdict unchanged)', () => {
    const report = against(failing, failing);
    expect(report.baseline!.regressions).toEqual([]);
    expect(report.baseline!.newFailures).toEqual([]);
    expect(ids(report.baseline!.stillFailing)).toEqual([
      'RESP-BODY',
      'ERR-9022',
      'PAGE-PARTITION',
      'PAGE-SIZE',
      'FLAG-BILL-DETAILS',
      'ACUR-WARN',
      'FUZZ-NO-5XX',
    ]);
    expect(report.exitCode).toBe(0);
    expect(report.verdict).toBe('non-conformant');
  });

  it('a release that fixed what the baseline failed lists it as fixed', () => {
    const report = against(clean, failing);
    // In the order of the run's report.
    expect(ids(report.baseline!.fixed)).toEqual(['RESP-BODY', 'PAGE-PARTITION', 'ERR-9022', 'FUZZ-NO-5XX']);
    expect(report.exitCode).toBe(0);
  });

  it('a requirement below the gating level that regresses is listed, and does not gate', () => {
    const should = {
      ...clean,
      requirements: clean.requirements.map((r) =>
        r.id === 'PAGE-LIMIT' ? { ...r, status: 'fail' as const, failureCount: 1 } : r,
      ),
    };
    const report = against(should, clean);
    expect(ids(report.baseline!.newFailures)).toEqual(['PAGE-LIMIT']);
    expect(report.baseline!.regressions).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it('exit 3 when a requirement the baseline proved now ends in error', () => {
    const broken = {
      ...clean,
      requirements: clean.requirements.map((r) =>
        r.id === 'ERR-9022' ? { ...r, status: 'error' as const, reasons: ['errors/9022: no response'] } : r,
      ),
    };
    expect(against(broken, clean).exitCode).toBe(3);
  });
});

describe('withBaseline, outcome by outcome', () => {
  const clean = conformantReport();
  /** The clean report with requirement `id` (MUST unless said) ending `status`, and the run's verdict `verdict`. */
  const ending = (id: string, status: Outcome, verdict: ConformanceReport['verdict'] = 'conformant'): ConformanceReport => ({
    ...clean,
    verdict,
    requirements: clean.requirements.map((r) => (r.id === id ? { ...r, status } : r)),
  });
  const RESP_BODY = { id: 'RESP-BODY', level: 'MUST', title: 'Every 200 body matches the response schema' } as const;

  it('says which baseline it compared with: the file, when that run started, its spec and its verdict', () => {
    const baseline = nonConformantReport();
    expect(against(clean, baseline).baseline).toMatchObject({
      file: 'releases/1.4.0/conformance.json',
      startedAt: baseline.run.startedAt,
      specSha256: baseline.spec.sha256,
      verdict: 'non-conformant',
    });
  });

  it('a failure where the baseline skipped is new, not a regression', () => {
    const report = against(ending('RESP-BODY', 'fail', 'non-conformant'), ending('RESP-BODY', 'skip'));
    expect(report.baseline!.newFailures).toEqual([{ ...RESP_BODY, before: 'skip', now: 'fail' }]);
    expect(report.baseline!.regressions).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it('a pass that is waived now is a new failure, not a regression', () => {
    const report = against(ending('RESP-BODY', 'waived'), clean);
    expect(ids(report.baseline!.newFailures)).toEqual(['RESP-BODY']);
    expect(report.baseline!.regressions).toEqual([]);
  });

  it('a waived failure that fails now, or passes now, is still failing, or fixed', () => {
    const still = against(ending('RESP-BODY', 'fail', 'non-conformant'), ending('RESP-BODY', 'waived'));
    expect(still.baseline!.stillFailing).toEqual([{ ...RESP_BODY, before: 'waived', now: 'fail' }]);
    expect(still.baseline!.newFailures).toEqual([]);
    expect(ids(against(clean, ending('RESP-BODY', 'waived')).baseline!.fixed)).toEqual(['RESP-BODY']);
  });

  it('a failure that skips or errs now is neither fixed nor still failing', () => {
    for (const now of ['skip', 'error'] as const) {
      const report = against(ending('RESP-BODY', now), ending('RESP-BODY', 'fail', 'non-conformant'));
      expect([report.baseline!.fixed, report.baseline!.stillFailing, report.baseline!.newFailures]).toEqual([[], [], []]);
    }
  });

  it('exit 3 for an inconclusive run, even with no regression', () => {
    expect(against(ending('RESP-BODY', 'skip', 'inconclusive'), clean).exitCode).toBe(3);
  });

  it('no exit 3 for an error where the baseline did not pass, nor below the gating level', () => {
    expect(against(ending('RESP-BODY', 'error'), ending('RESP-BODY', 'fail', 'non-conformant')).exitCode).toBe(0);
    expect(against(ending('PAGE-LIMIT', 'error'), clean).exitCode).toBe(0);
  });

  it('a regression outweighs what could not be judged: exit 1', () => {
    const failedAndErred: ConformanceReport = {
      ...clean,
      verdict: 'non-conformant',
      requirements: clean.requirements.map((r) =>
        r.id === 'RESP-BODY' ? { ...r, status: 'fail' } : r.id === 'ERR-9022' ? { ...r, status: 'error' } : r,
      ),
    };
    expect(against(failedAndErred, clean).exitCode).toBe(1);
  });
});

describe('readBaseline', () => {
  const folder = mkdtempSync(join(tmpdir(), 'baseline-'));
  const written = (name: string, report: ConformanceReport): string => {
    const file = join(folder, name);
    writeFileSync(file, renderJson(report));
    return file;
  };

  it('reads the report of a whole run', () => {
    const file = written('whole.json', conformantReport());
    expect(readBaseline(file)).toEqual({ file, report: JSON.parse(renderJson(conformantReport())) as ConformanceReport });
  });

  it('names the option when the file cannot be read', () => {
    expect(() => readBaseline(join(folder, 'missing.json'))).toThrow(/--baseline/);
  });

  it('refuses one shard of a run, asking for the merged report', () => {
    const shard = conformantReport();
    const file = written('shard.json', { ...shard, run: { ...shard.run, shard: { index: 2, total: 3 } } });
    expect(() => readBaseline(file)).toThrow(FileInvalidError);
    expect(() => readBaseline(file)).toThrow(
      `${file}: /run/shard: is shard 2/3 of a run: give the merged report of the whole run (ledger-conformance merge)`,
    );
    rmSync(folder, { recursive: true, force: true });
  });
});

describe('the baseline section in every format', () => {
  // Built in each test, not here, so that a mutation tester sees which tests reach which code.
  const report = (): ConformanceReport => against(nonConformantReport(), conformantReport());

  it('conformance.json carries it, and the published schema accepts it', () => {
    const json = JSON.parse(renderJson(report())) as ConformanceReport;
    expect(validateReport(json), JSON.stringify(validateReport.errors)).toBe(true);
    expect(json.baseline).toEqual(report().baseline);
    expect(validateReport(JSON.parse(renderJson(against(nonConformantReport(), nonConformantReport()))))).toBe(true);
  });

  it('summary.md: the headline, the counts and one row per requirement, table cells escaped', () => {
    const md = renderMarkdown(report());
    expect(md).toContain('### Baseline');
    expect(md).toContain(
      '❌ 4 regressions against releases/1.4.0/conformance.json: RESP-BODY, ERR-9022, PAGE-PARTITION, FUZZ-NO-5XX (baseline run of 2025-06-03T10:15:40.123Z, verdict conformant, spec sha256 a3f1c9e07b55).',
    );
    expect(md).toContain('New failures: **7** · Fixed: **0** · Still failing: **0**');
    expect(md).toContain('| New failures | RESP-BODY | MUST | passed → failed (regression) |');
    // The title with a pipe stays in its cell.
    const row = md.split('\n').find((l) => l.startsWith('| New failures | FLAG-BILL-DETAILS'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(7);
    expect(renderMarkdown(against(nonConformantReport(), nonConformantReport()))).toContain(
      '✅ no regressions against releases/1.4.0/conformance.json',
    );
  });

  it('report.html: a valid page with the section', async () => {
    const html = renderHtml(report());
    expect(html).toContain('<h2 id="baseline-heading">Baseline</h2>');
    expect(html).toMatch(/<h3>New failures \(7\)<\/h3>\n<ul class="baseline-list">\n<li><code>RESP-BODY<\/code>/);
    expect(html).toContain('<h3>Fixed (0)</h3>\n<p>None.</p>');
    const result = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html, 'report.html');
    expect(result.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
  });

  it('junit.xml: well-formed, with the lists as properties', () => {
    const xml = renderJunit(report());
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<property name="baseline-regressions" value="RESP-BODY,ERR-9022,PAGE-PARTITION,FUZZ-NO-5XX"/>');
    expect(xml).toContain(
      '<property name="baseline" value="4 regressions against releases/1.4.0/conformance.json: RESP-BODY, ERR-9022, PAGE-PARTITION, FUZZ-NO-5XX"/>',
    );
  });

  it('ctrf.json: valid CTRF, the comparison under results.extra', () => {
    const ctrf = JSON.parse(renderCtrf(report())) as {
      results: { extra: { baseline: { regressions: string[]; summary: string } } };
    };
    expect(validateCtrf(ctrf).errors).toEqual([]);
    expect(ctrf.results.extra.baseline.regressions).toEqual(report().baseline!.regressions);
  });

  it('every format is unchanged by a run without a baseline', () => {
    const plain = nonConformantReport();
    // (The HTML's stylesheet says `align-items: baseline`: the section's own marks are looked for.)
    for (const render of [renderMarkdown, renderHtml, renderJunit, renderCtrf, renderJson])
      expect(render(plain)).not.toMatch(/baseline-heading|### Baseline|"baseline|regressions against/i);
  });
});
