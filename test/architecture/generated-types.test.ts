/**
 * The report's TypeScript types are generated from its JSON Schema (`npm run generate:types`)
 * and checked in; this fails when the checked-in file is not what the schema gives today.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

describe('src/core/generated/conformance-report.ts', () => {
  it('is what scripts/generate-types.mjs makes of schemas/conformance-report.schema.json (run npm run generate:types)', () => {
    const regenerated = execFileSync(process.execPath, ['scripts/generate-types.mjs', '--print'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(readFileSync(new URL('src/core/generated/conformance-report.ts', root), 'utf8')).toBe(regenerated);
  });
});
