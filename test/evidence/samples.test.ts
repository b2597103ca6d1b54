/**
 * The published sample responses (endpoint-facts §3.12, shipped in evidence/samples.json with
 * their source keys) are what real clusters answered. Served as the answer to a request, each
 * must pass every response-level check: a sample the kit refuses is a requirement that asks more
 * than the sources show, the worst kind of false failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/check/check.js';
import { buildCatalog } from '../../suites/index.js';
import { spec, referenceFor } from '../support/harness.js';
// @ts-expect-error -- a plain ESM script without types; the test only calls its one function
import { extractSamples } from '../../scripts/extract-samples.mjs';

interface Sample {
  readonly id: string;
  readonly section: string;
  readonly example?: string;
  readonly sources: string[];
  readonly body?: unknown;
  readonly invalidJson?: string;
}

const root = new URL('../../', import.meta.url);
const samples = JSON.parse(readFileSync(new URL('evidence/samples.json', root), 'utf8')) as Sample[];
const observers = buildCatalog(spec).observers.filter((o) => o.id.startsWith('schema/'));

/**
 * S5's samples are the /v2.1 connected-org sibling's: the sources say every event of that version
 * "additionally carries `orgId`" (endpoint-facts §1.1, [S4, S5]), which this endpoint does not
 * document. That one property is taken out before judging; everything else is judged as published.
 */
function asThisEndpoint(sample: Sample): unknown {
  if (!sample.sources.every((s) => s === 'S4' || s === 'S5')) return sample.body;
  const body = structuredClone(sample.body) as { events?: Record<string, unknown>[] };
  for (const event of body.events ?? []) delete event['orgId'];
  return body;
}

function answerOf(body: unknown): Answer {
  const bodyText = JSON.stringify(body);
  return {
    exchange: {
      id: 'sample',
      request: { method: 'GET', url: 'http://sample.invalid/', headers: {} },
    } as unknown as Answer['exchange'],
    status: 200,
    headers: { 'content-type': 'application/json' },
    bodyText,
    json: body,
  };
}

describe('the published samples', () => {
  it('are exactly what scripts/extract-samples.mjs takes from evidence/endpoint-facts.md', () => {
    const facts = readFileSync(new URL('evidence/endpoint-facts.md', root), 'utf8');
    expect(samples).toEqual(extractSamples(facts));
    expect(samples.length).toBeGreaterThanOrEqual(30);
    for (const sample of samples) expect(sample.sources.length, sample.id).toBeGreaterThan(0);
  });

  const valid = samples.filter((s) => s.body !== undefined);
  it.each(valid.map((s) => [`${s.id} ${s.example ?? ''} [${s.sources.join(', ')}]`, s] as const))(
    '%s passes every response-level check',
    (_name, sample) => {
      const answer = answerOf(asThisEndpoint(sample));
      const context = { spec, profile: referenceFor().profile };
      const problems = observers.flatMap((o) =>
        o
          .observe(answer, context)
          .map((p) => `${o.requirement} (${o.id}): ${p.title}: ${p.received} / documented ${p.documented}`),
      );
      expect(problems).toEqual([]);
    },
  );
});

const shared = new URL('../shared/', root);
const sharedCopies: [string, string][] = [
  ['evidence/endpoint-facts.md', 'docs/endpoint-facts.md'],
  ['evidence/seed-getLedgerExplodeInfo.txt', 'seed/getLedgerExplodeInfo.txt'],
];
describe.skipIf(!existsSync(shared))('the shipped evidence (skipped: no ../shared beside this checkout to compare with)', () => {
  it.each(sharedCopies)("%s is the project's shared %s, unchanged", (ours, theirs) => {
    expect(readFileSync(new URL(ours, root), 'utf8')).toBe(readFileSync(new URL(theirs, shared), 'utf8'));
  });
});
