/**
 * The report formats by name: what `--report-format` accepts and which file each one writes.
 * Adding a format is one renderer file plus one line here.
 */
import type { ConformanceReport } from '../../core/report-model.js';
import { renderCtrf } from './ctrf.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';

/** A pure function of the report and the file name it is written to in the report directory. */
export interface ReportRenderer {
  readonly file: string;
  readonly render: (report: ConformanceReport) => string;
}

/** Every built-in format, in the order they are written. */
export const RENDERERS = {
  json: { file: 'conformance.json', render: renderJson },
  junit: { file: 'junit.xml', render: renderJunit },
  html: { file: 'report.html', render: renderHtml },
  markdown: { file: 'summary.md', render: renderMarkdown },
  ctrf: { file: 'ctrf.json', render: renderCtrf },
} as const satisfies Record<string, ReportRenderer>;

/** A format name: `json`, `junit`, `html`, `markdown` or `ctrf`. */
export type ReportFormat = keyof typeof RENDERERS;

/** All format names, in `RENDERERS` order. */
export const REPORT_FORMATS: readonly ReportFormat[] = Object.keys(RENDERERS) as ReportFormat[];

/** Type guard for format names coming from the command line or a config file. */
export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(RENDERERS, name);
}

export { renderCtrf, renderHtml, renderJson, renderJunit, renderMarkdown };
