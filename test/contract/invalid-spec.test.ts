import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpecInvalidError } from '../../src/core/errors.js';
import { DEFAULT_SPEC_PATH } from '../../src/core/files.js';
import { loadSpecFromText } from '../../src/contract/load.js';

const original = readFileSync(DEFAULT_SPEC_PATH, 'utf8');

/** Replaces the one occurrence of `from` (it must be there exactly once). */
function edit(from: string, to: string): string {
  expect(original.split(from).length - 1, `"${from}" occurs once`).toBe(1);
  return original.replace(from, to);
}

function refusal(text: string): SpecInvalidError {
  try {
    loadSpecFromText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecInvalidError);
    return error as SpecInvalidError;
  }
  throw new Error('the broken spec was accepted');
}

describe('a broken spec is refused with the JSON pointer of the problem', () => {
  it('the unchanged spec loads', () => {
    expect(() => loadSpecFromText(original)).not.toThrow();
  });

  it('an unknown keyword in a schema (strict mode)', () => {
    const error = refusal(
      edit('    EventLogId:\n      type: integer\n', '    EventLogId:\n      type: integer\n      maximumm: 3\n'),
    );
    expect(error.pointer).toBe('#/components/schemas/EventLogId/maximumm');
    expect(error.code).toBe('CT_SPEC_INVALID');
  });

  it('an unknown format', () => {
    const error = refusal(
      edit(
        '    IsoTimestamp:\n      type: string\n      format: date-time\n',
        '    IsoTimestamp:\n      type: string\n      format: date-tim\n',
      ),
    );
    expect(error.pointer).toBe('#/components/schemas/IsoTimestamp/format');
  });

  it('a rule that names an undeclared parameter', () => {
    const error = refusal(
      edit('trigger: {kind: invalid, parameters: [source]}', 'trigger: {kind: invalid, parameters: [sauce]}'),
    );
    expect(error.pointer).toBe('#/paths/~1v2~1pointsLedger~1getLedgerExplodeInfo/get/x-ledger-errors/2/trigger/parameters/0');
    expect(error.rule).toMatch(/sauce/);
  });

  it('a rule that cites a requirement the catalog lacks', () => {
    const error = refusal(edit('          requirement: ERR-8003\n', '          requirement: ERR-8004\n'));
    expect(error.pointer).toBe('#/paths/~1v2~1pointsLedger~1getLedgerExplodeInfo/get/x-ledger-errors/2/requirement');
  });

  it('a duplicate requirement id', () => {
    const error = refusal(edit('    - id: RESP-CONTENT-TYPE\n', '    - id: RESP-STATUS\n'));
    expect(error.pointer).toBe('#/x-conformance/requirements/1/id');
  });

  it('a malformed requirement id', () => {
    const error = refusal(edit('    - id: RESP-CONTENT-TYPE\n', '    - id: resp content type\n'));
    expect(error.pointer).toBe('#/x-conformance/requirements/1/id');
  });

  it('a governs pointer that leads nowhere', () => {
    const error = refusal(
      edit("      governs: ['#/components/parameters/isPrimaryUser',", "      governs: ['#/components/parameters/isPrimaryUsr',"),
    );
    expect(error.pointer).toMatch(/^#\/x-conformance\/requirements\/\d+\/governs\/0$/);
  });

  it('a misspelt x-ledger knob', () => {
    const error = refusal(edit('      x-ledger-pagination:\n', '      x-ledger-paginaton:\n'));
    expect(error.pointer).toMatch(/^#\/paths\/~1v2~1pointsLedger~1getLedgerExplodeInfo\/get/);
  });

  it('a lookup rule placed before a rule decided from the request', () => {
    const lookup =
      "        - code: 8015\n          status: 400\n          message: Customer not found for the given identifiers\n          requirement: ERR-8015\n          basis: documented\n          sources: [S4, S19, S21, 'SEED: API specific errors', S7]\n          trigger: {kind: customer-not-found}\n          acceptedCodes: [8015, 11012, 8011, 8045]\n";
    const moved = edit(lookup, '').replace('      x-ledger-errors:\n', '      x-ledger-errors:\n' + lookup);
    expect(refusal(moved).pointer).toBe('#/paths/~1v2~1pointsLedger~1getLedgerExplodeInfo/get/x-ledger-errors/1/trigger');
  });

  it('a flag that is not a boolean parameter', () => {
    const error = refusal(
      edit(
        '      x-ledger-flags:\n',
        '      x-ledger-flags:\n        limit:\n          requirement: FLAG-PAYMENT-MODES\n          reveals: []\n',
      ),
    );
    expect(error.pointer).toBe('#/paths/~1v2~1pointsLedger~1getLedgerExplodeInfo/get/x-ledger-flags/limit');
  });

  it('a constrained parameter that no rule answers for', () => {
    const error = refusal(
      edit(
        '          trigger: {kind: invalid, parameters: [alternateCurrencyNames]}\n',
        '          trigger: {kind: no-selector}\n',
      ),
    );
    expect(error.pointer).toBe('#/components/parameters/alternateCurrencyNames');
  });

  it('not YAML at all', () => {
    expect(refusal('openapi: 3.1.0\n  bad: [').pointer).toBe('#');
  });
});
