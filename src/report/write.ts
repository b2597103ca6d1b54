/**
 * Writes the rendered reports into the report directory, each file atomically, so a reader
 * (a CI step, a browser tab being refreshed) never sees a half-written file.
 */
import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { makeFolder } from '../core/make-folder.js';
import path from 'node:path';
import type { ConformanceReport } from '../core/report-model.js';
import { RENDERERS, REPORT_FORMATS } from './renderers/index.js';
import type { ReportFormat } from './renderers/index.js';

/**
 * Renders `report` in each of `formats` and writes the files into `dir` (created if missing),
 * returning their absolute paths in `formats` order. Every rendered text first goes through
 * `redactor`, a last line of defence against a credential that reached the model; it must keep
 * the text valid in its format (replace secrets with placeholders, never with quotes or markup).
 * The report is written as given: pass `stabilize(report)` for files meant to be diffed.
 */
export async function writeReports(
  report: ConformanceReport,
  dir: string,
  formats: readonly ReportFormat[] = REPORT_FORMATS,
  redactor?: (text: string) => string,
): Promise<string[]> {
  // Render everything before touching the disk: a renderer that throws must not leave a
  // directory where some files are from this run and some from the previous one.
  const rendered = [...new Set(formats)].map((format) => {
    const { file, render } = RENDERERS[format];
    const text = render(report);
    return { file: path.resolve(dir, file), text: redactor ? redactor(text) : text };
  });
  await makeFolder(dir);
  await Promise.all(rendered.map(({ file, text }) => writeAtomically(file, text)));
  return rendered.map(({ file }) => file);
}

async function writeAtomically(file: string, text: string): Promise<void> {
  // Same directory as the target, so the rename never crosses a file system.
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
