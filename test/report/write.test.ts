import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { RENDERERS } from '../../src/report/renderers/index.js';
import { writeReports } from '../../src/report/write.js';
import { nonConformantReport } from './fixtures.js';

const SECRET = 'Zm9vYmFyLXN1cGVyLXNlY3JldC10b2tlbg';

/** A model where a credential slipped past the engine's own redaction, in several places. */
function leakyReport(): ConformanceReport {
  const report = nonConformantReport();
  return {
    ...report,
    requirements: report.requirements.map((r) => ({
      ...r,
      failures: r.failures.map((f) => ({
        ...f,
        message: `${f.message}\nReceived header authorization: Basic ${SECRET}`,
        ...(f.curl && { curl: `${f.curl} -H 'Authorization: Basic ${SECRET}'` }),
      })),
      reasons: r.reasons.map((reason) => `${reason} (token ${SECRET})`),
    })),
  };
}

const directories: string[] = [];
async function freshDirectory(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ledger-reports-'));
  directories.push(dir);
  return path.join(dir, 'nested', 'reports');
}

afterEach(async () => {
  await Promise.all(directories.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('writeReports', () => {
  it('should write all five files, creating the directory, and return their paths', async () => {
    const dir = await freshDirectory();
    const report = nonConformantReport();
    const paths = await writeReports(report, dir);
    expect(paths).toEqual(
      ['conformance.json', 'junit.xml', 'report.html', 'summary.md', 'ctrf.json'].map((f) => path.resolve(dir, f)),
    );
    for (const [format, { file, render }] of Object.entries(RENDERERS)) {
      expect(await readFile(path.join(dir, file), 'utf8'), format).toBe(render(report));
    }
    expect((await readdir(dir)).sort()).toEqual(['conformance.json', 'ctrf.json', 'junit.xml', 'report.html', 'summary.md']);
  });

  it('should run every file through the redactor', async () => {
    const dir = await freshDirectory();
    const leaky = leakyReport();
    const unredacted = await writeReports(leaky, dir);
    for (const file of unredacted) expect(await readFile(file, 'utf8'), file).toContain(SECRET);

    const redacted = await writeReports(leaky, dir, undefined, (text) => text.replaceAll(SECRET, '[redacted]'));
    for (const file of redacted) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toContain(SECRET);
      expect(text, file).toContain('[redacted]');
    }
    const json = await readFile(path.join(dir, 'conformance.json'), 'utf8');
    expect(() => JSON.parse(json) as unknown).not.toThrow();
  });

  it('should write only the formats asked for, each once', async () => {
    const dir = await freshDirectory();
    const paths = await writeReports(nonConformantReport(), dir, ['markdown', 'junit', 'markdown']);
    expect(paths.map((p) => path.basename(p))).toEqual(['summary.md', 'junit.xml']);
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'summary.md']);
  });

  it('should replace an existing report set without leaving temporary files', async () => {
    const dir = await freshDirectory();
    await writeReports(nonConformantReport(), dir);
    const report = { ...nonConformantReport(), run: { ...nonConformantReport().run, seed: 7 } };
    await writeReports(report, dir);
    expect(await readFile(path.join(dir, 'conformance.json'), 'utf8')).toContain('"seed": 7');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
