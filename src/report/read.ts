/**
 * Reading `conformance.json` files back (for `merge` and `--baseline`): each is checked
 * against the published schema, so a truncated artifact or a hand-edited file is refused with
 * the file, the JSON pointer and the rule, never merged or compared half-understood.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readText, validateData } from '../core/data-file.js';
import { FileInvalidError, UsageError } from '../core/errors.js';
import type { ConformanceReport } from '../core/report-model.js';
import { RENDERERS } from './renderers/index.js';

/** The file name `run` and `merge` write the canonical report to. */
export const REPORT_FILE = RENDERERS.json.file;

/** A report as read from disk, with where it came from. */
export interface ReportFile {
  readonly file: string;
  readonly report: ConformanceReport;
}

/** Reads and validates one `conformance.json`; `option` names the argument in errors. */
export function readReportFile(file: string, option: string): ReportFile {
  const text = readText(file, option);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FileInvalidError(file, { pointer: '', rule: `not valid JSON: ${(error as Error).message}` });
  }
  validateData(data, 'conformance-report.schema.json', (problems) => new FileInvalidError(file, problems));
  return { file, report: data as ConformanceReport };
}

/**
 * The report files an argument stands for: a `conformance.json` file itself, a folder holding
 * one, or a folder whose immediate subfolders hold one each (what CI artifact downloads give:
 * `all-reports/shard-1/conformance.json`, …), in name order.
 */
export function reportFilesIn(path: string, option: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    throw new UsageError(option, `cannot read ${path}: ${(error as Error).message}`);
  }
  if (!isDirectory) return [path];
  const direct = join(path, REPORT_FILE);
  if (isFile(direct)) return [direct];
  const nested = readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(path, entry.name, REPORT_FILE))
    .filter(isFile)
    .sort();
  if (nested.length === 0) throw new UsageError(option, `${path} holds no ${REPORT_FILE}, nor do its immediate subfolders`);
  return nested;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A short name for the folder an argument names (for table columns): its last path segment. */
export function labelOf(path: string): string {
  const name = basename(path.replace(/[\\/]+$/, ''));
  return name === REPORT_FILE ? basename(join(path, '..')) : name;
}
