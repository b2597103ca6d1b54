/**
 * Every requirement, error rule and knob alternative says what stands behind it, and every
 * source it cites exists: a decision of openapi/ERRATA.md, a source key of its source table
 * (and of endpoint-facts §0, when the shared docs are there), or a section of the seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import { needsShared, sharedDeclaredAbsent, sharedFile } from '../support/shared-docs.js';
import { loadSpec } from '../../src/contract/load.js';

const spec = loadSpec();
const errata = readFileSync(join(PACKAGE_ROOT, 'openapi', 'ERRATA.md'), 'utf8');
const decisions = new Set([...errata.matchAll(/^\| (D\d+) \|/gm)].map((m) => m[1]!));
const sourceTable = errata.slice(errata.indexOf('## Sources'));
const sourceKeys = new Set([...sourceTable.matchAll(/^\| (SEED|S\d+) \|/gm)].map((m) => m[1]!));

/** Every (where, basis, sources) the spec states. */
const cited = [
  ...spec.requirements.map((r) => ({ where: r.id, basis: r.basis, sources: r.sources })),
  ...spec.knobs.errors.map((r) => ({ where: `x-ledger-errors/${r.index} (${r.code})`, basis: r.basis, sources: r.sources })),
  ...spec.knobs.dialects.flatMap((k) =>
    k.alternatives.map((a) => ({ where: `${k.knob} = ${JSON.stringify(a.value)}`, basis: a.basis, sources: a.sources })),
  ),
];

describe('evidence', () => {
  it('every requirement, rule and alternative has a basis and at least one source', () => {
    for (const c of cited) {
      expect(['documented', 'observed', 'decided'], c.where).toContain(c.basis);
      expect(c.sources.length, c.where).toBeGreaterThan(0);
    }
  });

  it('every decision cited is in ERRATA part 2, and every source key in its source table', () => {
    const unknown = cited.flatMap((c) =>
      c.sources
        .filter((s) => (/^D\d+$/.test(s) ? !decisions.has(s) : /^S\d+$/.test(s) ? !sourceKeys.has(s) : false))
        .map((s) => `${c.where}: ${s}`),
    );
    expect(unknown).toEqual([]);
  });

  it('a decided requirement is SHOULD at most, but for one that judges only targets that opt in', () => {
    const decidedMusts = spec.requirements.filter((r) => r.basis === 'decided' && r.level === 'MUST');
    expect(decidedMusts.map((r) => [r.id, r.optIn !== undefined])).toEqual([['GOLDEN-MATCH', true]]);
  });

  it('ERRATA part 3 lists every requirement', () => {
    const part3 = errata.slice(errata.indexOf('## Part 3'), errata.indexOf('### Error rules'));
    const missing = spec.requirements.filter((r) => !new RegExp(`[| ,]${r.id}[ ,|]`).test(part3)).map((r) => r.id);
    expect(missing).toEqual([]);
  });

  it.skipIf(sharedDeclaredAbsent)(`the source table is the one of endpoint-facts §0${needsShared}`, () => {
    const facts = readFileSync(sharedFile('docs', 'endpoint-facts.md'), 'utf8');
    const table = facts.slice(facts.indexOf('## 0. Source key'), facts.indexOf('## 1. Request'));
    expect(new Set([...table.matchAll(/^\| (SEED|S\d+) \|/gm)].map((m) => m[1]!))).toEqual(sourceKeys);
  });

  it.skipIf(sharedDeclaredAbsent)(`every seed section cited is a section of the seed${needsShared}`, () => {
    const seedLines = new Set(
      readFileSync(sharedFile('seed', 'getLedgerExplodeInfo.txt'), 'utf8')
        .split('\n')
        .map((l) => l.trim()),
    );
    const sections = [
      ...new Set(cited.flatMap((c) => c.sources.filter((s) => s.startsWith('SEED: ')).map((s) => s.slice('SEED: '.length)))),
    ];
    expect(sections.filter((s) => !seedLines.has(s))).toEqual([]);
  });
});
