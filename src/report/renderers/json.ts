/**
 * `conformance.json`: the canonical report, the file `schemas/conformance-report.schema.json`
 * describes and users script against. The schema decides both the key order and what is allowed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateData } from '../../core/data-file.js';
import { SCHEMAS_DIR } from '../../core/files.js';
import type { ConformanceReport } from '../../core/report-model.js';
import { inSchemaOrder } from '../schema-order.js';

const SCHEMA_FILE = 'conformance-report.schema.json';

let schema: object | undefined;

/**
 * Renders the report as pretty JSON (2 spaces, the schema's key order, trailing newline), so the
 * bytes do not depend on how the engine assembled its objects. Fields the schema does not define
 * are left out (it is closed); a report the schema would refuse is a bug of this tool, and
 * throws rather than publishing a file that `merge` and `--baseline` would refuse later.
 */
export function renderJson(report: ConformanceReport): string {
  schema ??= JSON.parse(readFileSync(join(SCHEMAS_DIR, SCHEMA_FILE), 'utf8')) as object;
  const document = inSchemaOrder(report, schema);
  validateData(
    document,
    SCHEMA_FILE,
    (problems) =>
      new Error(
        `conformance.json would break schemas/${SCHEMA_FILE}: ${problems.map((p) => `${p.pointer || '/'}: ${p.rule}`).join('; ')}`,
      ),
  );
  return `${JSON.stringify(document, null, 2)}\n`;
}
