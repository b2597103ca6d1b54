/**
 * Overlays (`--overlay`): applied in order with RFC 9535 targets, checked like the spec itself,
 * and refused with the file, the JSON pointer and the rule when they cannot apply.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecInvalidError, SuiteError } from '../../src/core/errors.js';
import { applyOverlay, type OverlayDocument } from '../../src/contract/overlay.js';
import { loadEffectiveSpec, loadSpec } from '../../src/contract/load.js';

const folder = mkdtempSync(join(tmpdir(), 'ledger-overlays-'));
const write = (name: string, text: string): string => {
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
};
const overlay = (actions: unknown[]): OverlayDocument => ({
  overlay: '1.0.0',
  info: { title: 't', version: '1' },
  actions: actions as OverlayDocument['actions'],
});
const OPERATION = "$.paths['/v2/pointsLedger/getLedgerExplodeInfo'].get";

describe('applyOverlay', () => {
  const doc = { a: { b: 1, c: { d: [1, 2] } }, list: [{ id: 'x' }, { id: 'y' }] };

  it('merges an update into an object (objects recursively, arrays and scalars replaced)', () => {
    expect(applyOverlay(doc, overlay([{ target: '$.a', update: { b: 2, c: { d: [9] }, e: true } }]), 'o.yaml')).toEqual({
      a: { b: 2, c: { d: [9] }, e: true },
      list: doc.list,
    });
  });

  it('appends an update to a selected array, and removes selected nodes', () => {
    expect(applyOverlay(doc, overlay([{ target: '$.list', update: { id: 'z' } }]), 'o.yaml')).toMatchObject({
      list: [{ id: 'x' }, { id: 'y' }, { id: 'z' }],
    });
    expect(applyOverlay(doc, overlay([{ target: "$.list[?@.id == 'x']", remove: true }]), 'o.yaml')).toMatchObject({
      list: [{ id: 'y' }],
    });
  });

  it('applies actions in order, and leaves the input untouched', () => {
    const out = applyOverlay(
      doc,
      overlay([
        { target: '$.a', update: { b: 3 } },
        { target: '$.a', update: { b: 4 } },
      ]),
      'o.yaml',
    );
    expect((out as typeof doc).a.b).toBe(4);
    expect(doc.a.b).toBe(1);
  });

  it.each([
    ['a target that selects nothing', { target: '$.nope', update: { x: 1 } }, '/actions/0/target', /selects nothing/],
    ['a malformed JSONPath', { target: '$.[', update: { x: 1 } }, '/actions/0/target', /not an RFC 9535 JSONPath query/],
    ['a scalar update of a scalar', { target: '$.a.b', update: 5 }, '/actions/0/update', /target the enclosing object/],
  ])('refuses %s, naming the action', (_, action, pointer, rule) => {
    try {
      applyOverlay(doc, overlay([action]), 'o.yaml');
      expect.unreachable();
    } catch (error) {
      expect((error as SuiteError).message).toContain(`o.yaml: ${pointer}`);
      expect((error as SuiteError).message).toMatch(rule);
    }
  });
  it('names the action that failed by its index in the file, after the ones that applied (loaded as a user loads it)', () => {
    const file = write(
      'second-fails.yaml',
      [
        'overlay: 1.0.0',
        'info: { title: second action fails, version: "1" }',
        'actions:',
        '  - { target: $.info, update: { description: applies } }',
        '  - { target: $.nothing.here, update: { x: 1 } }',
      ].join('\n'),
    );
    expect(() => loadEffectiveSpec({ overlays: [file] })).toThrow(`${file}: /actions/1/target: $.nothing.here selects nothing`);
  });
});

describe('loadEffectiveSpec', () => {
  it('is the packaged spec, with its file sha, when no overlay is given', () => {
    const spec = loadEffectiveSpec({});
    expect(spec).toBe(loadSpec());
    expect(spec.effectiveSha256).toBe(spec.sha256);
    expect(spec.dialect).toEqual({ deviations: [], changedOutsideKnobs: [] });
  });

  it('names each overlay with its sha256, and fingerprints the effective spec', () => {
    const file = write(
      'spring.yaml',
      `overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: ${OPERATION}['x-ledger-parsing']\n    update: {booleans: spring}\n`,
    );
    const spec = loadEffectiveSpec({ overlays: [file] });
    expect(spec.overlays).toEqual([{ name: file, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(spec.effectiveSha256).not.toBe(spec.sha256);
    expect(spec.knobs.parsing.booleans).toBe('spring');
    expect(spec.parameter('getBillDetails').check('YES')).toMatchObject({ valid: true, value: true });
    expect(spec.dialect.deviations).toEqual([
      expect.objectContaining({
        knob: 'x-ledger-parsing.booleans',
        canonical: '"literal"',
        value: '"spring"',
        sources: ['S1', 'S4', 'D3'],
      }),
    ]);
  });

  it('refuses a knob value that no evidenced alternative lists, naming the knob', () => {
    const file = write(
      'bad-knob.yaml',
      `overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: ${OPERATION}['x-ledger-pagination']\n    update: {duplicates: keep-first}\n`,
    );
    expect(() => loadEffectiveSpec({ overlays: [file] })).toThrow(SuiteError);
    try {
      loadEffectiveSpec({ overlays: [file] });
    } catch (error) {
      // The extension schema refuses it first: the knob's enum lists only the evidenced alternatives.
      expect(error).toBeInstanceOf(SpecInvalidError);
      expect((error as SpecInvalidError).message).toContain(`with overlay ${file}`);
      expect((error as SpecInvalidError).pointer).toContain('x-ledger-pagination');
    }
  });

  it('refuses an error answer that no alternative lists, naming the knob and the alternatives', () => {
    const file = write(
      'bad-answer.yaml',
      `overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: ${OPERATION}['x-ledger-pagination']\n    update: {pastTheEnd: {status: 404, code: 1, message: gone}}\n`,
    );
    expect(() => loadEffectiveSpec({ overlays: [file] })).toThrow(
      /is not an evidenced alternative of x-ledger-pagination.pastTheEnd/,
    );
  });

  it('reports a change outside the knobs (a lowered level) as such', () => {
    const file = write(
      'level.yaml',
      `overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $['x-conformance'].requirements[?@.id == 'RESP-BODY']\n    update: {level: SHOULD}\n`,
    );
    const spec = loadEffectiveSpec({ overlays: [file] });
    expect(spec.requirement('RESP-BODY')?.level).toBe('SHOULD');
    expect(spec.dialect.deviations).toEqual([]);
    expect(spec.dialect.changedOutsideKnobs).toEqual([expect.stringMatching(/^#\/x-conformance\/requirements\/\d+\/level$/)]);
  });

  it('refuses an overlay that breaks its own schema, with the pointer', () => {
    const file = write('shape.yaml', 'overlay: 2.0.0\ninfo: {title: t, version: "1"}\nactions: []\n');
    expect(() => loadEffectiveSpec({ overlays: [file] })).toThrow(/shape\.yaml: \/overlay: must match pattern/);
  });

  it('goes through the same loader checks as the file: a MUST that rests on a decision is refused', () => {
    const file = write(
      'must.yaml',
      `overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $['x-conformance'].requirements[?@.id == 'ERR-11001']\n    update: {level: MUST}\n`,
    );
    expect(() => loadEffectiveSpec({ overlays: [file] })).toThrow(/ERR-11001 rests on a decision/);
  });
});
