/**
 * Evidence anyone can check: every requirement that says it is `documented` quotes the sentence
 * it rests on, verbatim, from a shipped evidence file (the seed, or endpoint-facts with its source
 * key); every `observed` one names a published sample and a JSON pointer into it (or quotes).
 * A paraphrase, a misquote or a pointer that resolves to nothing fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import type { RequirementEvidence as EvidenceItem } from '../../src/contract/knobs.js';

interface Requirement {
  readonly id: string;
  readonly level: string;
  readonly basis: string;
  readonly evidence?: readonly EvidenceItem[];
}

const root = new URL('../../', import.meta.url);
const spec = parse(readFileSync(new URL('openapi/ledger-explode.yaml', root), 'utf8')) as {
  'x-conformance': { requirements: Requirement[] };
};
const requirements = spec['x-conformance'].requirements;
const files: Record<string, string> = {
  'endpoint-facts.md': readFileSync(new URL('evidence/endpoint-facts.md', root), 'utf8'),
  'seed-getLedgerExplodeInfo.txt': readFileSync(new URL('evidence/seed-getLedgerExplodeInfo.txt', root), 'utf8'),
};
const samples = new Map(
  (
    JSON.parse(readFileSync(new URL('evidence/samples.json', root), 'utf8')) as {
      id: string;
      sources: string[];
      body?: unknown;
    }[]
  ).map((s) => [s.id, s]),
);
const sourceKeys = new Set([...files['endpoint-facts.md']!.matchAll(/^\| (SEED|S\d+) \|/gm)].map((m) => m[1]!));

function resolve(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (at, token) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[token] : undefined),
      value,
    );
}

describe('the evidence behind each requirement', () => {
  it.each(requirements.filter((r) => r.basis !== 'decided').map((r) => [r.id, r] as const))(
    '%s cites what it rests on',
    (_id, requirement) => {
      const evidence = requirement.evidence ?? [];
      expect(evidence.length, `${requirement.id} (${requirement.basis}) has no evidence`).toBeGreaterThan(0);
      if (requirement.basis === 'documented')
        expect(
          evidence.some((e) => e.quote !== undefined),
          `${requirement.id} is documented: it quotes a sentence`,
        ).toBe(true);
    },
  );

  const items = requirements.flatMap((r) => (r.evidence ?? []).map((e, i) => [`${r.id} #${i}`, e] as const));
  it.each(items)('%s is found as cited', (_name, item) => {
    expect(sourceKeys.has(item.source), `source key ${item.source} is in the source table`).toBe(true);
    if (item.quote !== undefined) {
      expect(item.quote.includes('\n')).toBe(false);
      expect(files[item.file!]!.includes(item.quote), `verbatim in ${item.file}: ${item.quote}`).toBe(true);
    } else {
      const sample = samples.get(item.sample!);
      expect(sample, `sample ${item.sample}`).toBeDefined();
      expect(sample!.sources).toContain(item.source);
      expect(resolve(sample!.body, item.pointer!), `${item.sample} ${item.pointer}`).not.toBeUndefined();
    }
  });

  it('fails on a paraphrase, as the test above would', () => {
    const paraphrase = 'You can pass at most ten reference ids for an event name.';
    expect(Object.values(files).some((text) => text.includes(paraphrase))).toBe(false);
    expect(files['endpoint-facts.md']!.includes('Max 10 events are allowed in params')).toBe(true);
  });
});
