/**
 * The shortcut that judges each event of a 200 body by the one schema its eventName selects
 * (src/contract/event-by-event.ts) gives the verdict ajv gives on the whole body: on the
 * reference's answers to generated requests, and on those answers broken in many ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validRequestArb } from '../../src/fuzz/valid-request.js';
import { createSpecAjv } from '../../src/core/ajv.js';
import { referenceAnswer } from '../fuzz/helpers.js';
import { referenceFor, spec } from '../support/harness.js';

type Json = Record<string, unknown>;

/** Ways to break a valid body, each aimed at what the shortcut judges differently. */
const BREAKS: readonly { readonly name: string; readonly apply: (body: Json, pick: number) => void }[] = [
  { name: 'an event without its eventName', apply: (b, i) => delete eventAt(b, i)?.['eventName'] },
  { name: 'an undocumented eventName', apply: (b, i) => void (eventAt(b, i) && (eventAt(b, i)!['eventName'] = 'NoSuchEvent')) },
  {
    name: 'another documented eventName',
    apply: (b, i) => void (eventAt(b, i) && (eventAt(b, i)!['eventName'] = spec.eventNames[i % spec.eventNames.length])),
  },
  { name: 'eventName not a string', apply: (b, i) => void (eventAt(b, i) && (eventAt(b, i)!['eventName'] = 7)) },
  {
    name: 'an event that is not an object',
    apply: (b, i) =>
      void (
        (b['events'] as unknown[]).length > 0 && ((b['events'] as unknown[])[i % (b['events'] as unknown[]).length] = 'event')
      ),
  },
  { name: 'a field of an event retyped', apply: (b, i) => retype(eventAt(b, i), i) },
  { name: 'a field of an event removed', apply: (b, i) => void dropField(eventAt(b, i), i) },
  { name: 'events not a list', apply: (b) => void (b['events'] = {}) },
  { name: 'warnings removed', apply: (b) => delete b['warnings'] },
  { name: 'a warning broken', apply: (b) => void (b['warnings'] = [{ code: 'x' }]) },
  { name: 'an undocumented property on an event', apply: (b, i) => void (eventAt(b, i) && (eventAt(b, i)!['orgId'] = 1)) },
];

function eventAt(body: Json, pick: number): Json | undefined {
  const events = body['events'] as Json[];
  return events.length === 0 ? undefined : events[pick % events.length];
}

function retype(event: Json | undefined, pick: number): void {
  if (!event) return;
  const keys = Object.keys(event).filter((k) => k !== 'eventName');
  const key = keys[pick % Math.max(1, keys.length)];
  if (key !== undefined) event[key] = typeof event[key] === 'string' ? 12 : 'text';
}

function dropField(event: Json | undefined, pick: number): void {
  if (!event) return;
  const keys = Object.keys(event).filter((k) => k !== 'eventName');
  const key = keys[pick % Math.max(1, keys.length)];
  if (key !== undefined) delete event[key];
}

describe('judging a 200 body event by event', () => {
  const ok = spec.responses.get(200)!;
  // The whole body against the schema as written, with every oneOf branch tried: the yardstick.
  const wholeBody = createSpecAjv().compile(spec.schema('LedgerExplodeResponse'));
  const reference = referenceFor();
  const bodies = fc
    .sample(validRequestArb(spec, reference.profile), { seed: 42, numRuns: 150 })
    .map((request) => referenceAnswer(spec, reference, request))
    .filter((answer) => answer.status === 200)
    .map((answer) => answer.json!);

  it('passes every answer of the reference, as the whole-body validation does', () => {
    expect(bodies.length).toBeGreaterThan(100);
    for (const body of bodies) {
      expect(wholeBody(body)).toBe(true);
      expect(ok.validate!(body)).toEqual([]);
    }
  });

  it.each(BREAKS.map((b) => [b.name, b] as const))('agrees with the whole-body validation on bodies with %s', (_name, broken) => {
    let disagreements = 0;
    let failing = 0;
    bodies.forEach((original, index) => {
      const body = structuredClone(original);
      broken.apply(body, index);
      const expected = wholeBody(body);
      if (!expected) failing += 1;
      if ((ok.validate!(body).length === 0) !== expected) disagreements += 1;
    });
    expect(disagreements).toBe(0);
    // The break is real for most bodies (some have no events to break).
    if (!broken.name.includes('undocumented property')) expect(failing).toBeGreaterThan(0);
  });
});
