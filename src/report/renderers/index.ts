/**
 * The report formats by name: what `--report-format` accepts and which file each one writes.
 * Adding a format is one renderer file plus one line here.
 */
import type { ConformanceReport } from '../../core/report-model.js';
import { REPORT_FORMATS, type ReportFormat } from '../formats.js';
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

/** Every built-in format, in the order they are written (REPORT_FORMATS's, which the type holds to the same names). */
export const RENDERERS: Readonly<Record<ReportFormat, ReportRenderer>> = {
  json: { file: 'conformance.json', render: renderJson },
  junit: { file: 'junit.xml', render: renderJunit },
  html: { file: 'report.html', render: renderHtml },
  markdown: { file: 'summary.md', render: renderMarkdown },
  ctrf: { file: 'ctrf.json', render: renderCtrf },
};

export { REPORT_FORMATS, type ReportFormat };

/** Type guard for format names coming from the command line or a config file. */
export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(RENDERERS, name);
}

export { renderCtrf, renderHtml, renderJson, renderJunit, renderMarkdown };
