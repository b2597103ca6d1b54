/**
 * What the reference shares and what it copies: each stored event is copied before what a
 * request did not ask for is hidden (src/reference/project.ts), so the copy must equal the event
 * and share nothing with it; the dataset itself, never changed, is generated once per spec,
 * seed and size.
 */
import { describe, expect, it } from 'vitest';
import { cloneJson } from '../../src/core/json-clone.js';
import { loadSpec } from '../../src/contract/load.js';
import { createReference } from '../../src/reference/index.js';

describe('cloneJson', () => {
  it('copies JSON data whole: equal, and no object or array shared', () => {
    const value = { a: [1, { b: 'x', c: null, d: [true, false, []] }], e: {}, f: 0, g: -1.5 };
    const copy = cloneJson(value);
    expect(copy).toStrictEqual(value);
    copy.a.push(2);
    (copy.a[1] as { b: string }).b = 'y';
    (copy.e as Record<string, number>)['z'] = 1;
    expect(value).toStrictEqual({ a: [1, { b: 'x', c: null, d: [true, false, []] }], e: {}, f: 0, g: -1.5 });
  });

  it('copies every event of the reference dataset as structuredClone does', () => {
    const { dataset } = createReference(loadSpec());
    const events = [...dataset.events.values()];
    expect(events.length).toBeGreaterThan(100);
    for (const event of events) expect(cloneJson(event)).toStrictEqual(structuredClone(event));
  });
});

describe('the datasets createReference generates', () => {
  it('are generated once per spec, seed and size, and shared', () => {
    const spec = loadSpec();
    expect(createReference(spec, { seed: 7, size: 5 }).dataset).toBe(createReference(spec, { seed: 7, size: 5 }).dataset);
    expect(createReference(spec, { seed: 7, size: 6 }).dataset).not.toBe(createReference(spec, { seed: 7, size: 5 }).dataset);
    expect(createReference(spec, { seed: 8, size: 5 }).dataset).not.toBe(createReference(spec, { seed: 7, size: 5 }).dataset);
  });
});
