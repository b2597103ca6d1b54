import { describe, expect, it } from 'vitest';
import { specRefLabel, specRefLabels } from '../../src/engine/spec-labels.js';
import { loadSpec } from '../../src/contract/load.js';

describe('specRefLabels', () => {
  const spec = loadSpec();
  const operation = spec.operationPointer;

  it('should name an error rule by its code and trigger, and give the requirement that owns it', () => {
    expect(specRefLabel(spec, `${operation}/x-ledger-errors/0`)).toEqual({
      pointer: `${operation}/x-ledger-errors/0`,
      label: 'error 11013 (missing identifierName, identifierValue or source)',
      requirement: 'ERR-11013',
    });
    const general = spec.knobs.errors.find((r) => r.code === 11001 && r.trigger.kind === 'invalid')!;
    const many = specRefLabel(spec, general.pointer);
    expect(many.label).toMatch(/^error 11001 \(invalid offset, limit, isPrimaryUser or \d+ more\)$/);
  });

  it('should name knobs, parameters, schemas and warnings the way a reader of the spec would', () => {
    const labels = specRefLabels(spec, [
      `${operation}/x-ledger-pagination/pastTheEnd`,
      '#/components/parameters/limit',
      '#/components/parameters/eventReferenceIds/schema/maxItems',
      '#/components/schemas/LedgerEvent',
      `${operation}/x-ledger-warnings/0`,
      `${operation}/x-ledger-flags/getBillDetails`,
    ]);
    expect(labels.map((l) => l.label)).toEqual([
      'x-ledger-pagination.pastTheEnd',
      'parameter limit',
      'parameter eventReferenceIds: maxItems',
      'schema LedgerEvent',
      'warning 9018 (unknown alternate currency name)',
      'x-ledger-flags.getBillDetails',
    ]);
    expect(labels.map((l) => l.requirement)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      'AC-UNKNOWN-WARNING',
      'FLAG-BILL-DETAILS',
    ]);
  });

  it('should turn every pointer the catalog governs into a name, never back into a pointer', () => {
    for (const requirement of spec.requirements) {
      for (const { label } of specRefLabels(spec, requirement.governs)) {
        expect(label).not.toMatch(/[#/~]/);
        expect(label.length).toBeGreaterThan(0);
      }
    }
  });
});
