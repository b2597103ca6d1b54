import { describe, expect, it } from 'vitest';
import { summaryLines } from '../../src/cli/summary.js';
import { conformantReport, nonConformantReport, skipsWaiversErrorsReport } from './fixtures.js';

const plain = { color: false } as const;

describe('summaryLines (the terminal summary)', () => {
  it('should say under the verdict how much of the gating level was proven, in amber when not all of it', () => {
    const full = summaryLines(conformantReport(), [], plain);
    expect(full).toContain('         all 6 MUST requirements proven');
    const partial = summaryLines(skipsWaiversErrorsReport(), [], { color: true });
    const verdict = partial.findIndex((line) => line.includes('Verdict: CONFORMANT'));
    expect(partial[verdict]).toContain('\u001b[33m');
    expect(partial[verdict + 1]).toBe('         \u001b[33m5 of 11 MUST requirements proven (45.4 %); 6 not proven\u001b[0m');
    expect(summaryLines(conformantReport(), [], { color: true }).find((line) => line.includes('Verdict:'))).toContain(
      '\u001b[32m',
    );
  });

  it('should state the dialect and list each deviation, and name the overlays beside the spec hash', () => {
    expect(summaryLines(conformantReport(), [], plain)).toContain('Dialect: canonical');
    const lines = summaryLines(skipsWaiversErrorsReport(), [], plain);
    expect(lines).toContain(
      'Dialect: 2 deviations from the canonical spec; the spec is also changed outside its knobs at 1 place (#/x-conformance/requirements/3/level)',
    );
    expect(lines).toContain('           x-ledger-warnings.0.code: 9018 → 9004 (S3)');
    expect(lines.find((line) => line.startsWith('Spec:'))).toMatch(
      /\(sha256 a3f1c9e07b55\); overlays: overlays\/vendor-mock\.yaml \(sha256 c0ffee00aa11\)$/,
    );
  });

  it('should give each failure line the basis of its requirement', () => {
    const lines = summaryLines(nonConformantReport(), [], plain);
    expect(lines).toContain('  ✗ fail   PAGE-SIZE MUST [decided: D4, D5]  Page 0 (limit 1) holds 10 events');
    expect(lines).toContain('  ✗ fail   ERR-9022 MUST [documented: S1, SEED: Error codes]  Response status is not 400');
  });

  it('should show the Received and Documented lines of each failure under its line, as the reports do', () => {
    const lines = summaryLines(nonConformantReport(), [], plain);
    const row = lines.indexOf('  ✗ fail   ERR-9022 MUST [documented: S1, SEED: Error codes]  Response status is not 400');
    expect(lines.slice(row + 1, row + 3)).toEqual([
      '           Received: 500 text/html',
      '           Documented: 400 with {"errors":[{"code":9022,"message":"Event reference IDs are invalid","status":false}]}',
    ]);
    const flagRow = lines.findIndex((line) => line.includes('✗ fail') && line.includes('FLAG-'));
    expect(lines[flagRow + 1]).toMatch(/^ {11}Received: /);
    expect(lines.filter((line) => line.length > 260)).toEqual([]);
  });

  it('should group the skips by reason, largest group first, naming the requirements', () => {
    const lines = summaryLines(skipsWaiversErrorsReport(), [], plain);
    const start = lines.indexOf('Skipped: 6, by reason:');
    expect(lines.slice(start + 1, start + 5)).toEqual([
      '  -   3  the profile lists no user group with events and a lookup',
      '         UG-TYPE, UG-LOOKUPS, UG-PRIMARY',
      '  -   2  no OAuth token is configured (LEDGER_CONFORMANCE_TOKEN)',
      '         AUTH-OAUTH, AUTH-OAUTH-WRONG',
    ]);
  });
});
