/**
 * The report format names, apart from their renderers: the command line reads them to parse its
 * options before any request, and the renderers (HTML, JUnit XML…) load only when reports are written.
 */
export const REPORT_FORMATS = ['json', 'junit', 'html', 'markdown', 'ctrf'] as const;

/** A format name: `json`, `junit`, `html`, `markdown` or `ctrf`. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];
