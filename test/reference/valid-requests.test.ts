import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validRequestArb } from '../../src/fuzz/arbitraries.js';
import { call, reference, spec } from './helpers.js';

describe('the reference answers every valid request with a spec-valid 200', () => {
  it('for 1500 random valid requests, derived from the spec and the reference profile', () => {
    let answersWithEvents = 0;
    fc.assert(
      fc.property(validRequestArb(spec, reference.profile, { encoding: 'usual' }), ({ pairs }) => {
        const response = call(reference, pairs);
        expect(response.status, response.body).toBe(200);
        expect(response.headers['content-type']).toBe('application/json');
        expect(spec.responses.get(200)!.validate!(response.json, { closed: true })).toEqual([]);
        if ((response.json!['events'] as unknown[]).length > 0) answersWithEvents++;
      }),
      { numRuns: 1500, seed: 1126 },
    );
    // The requests reach real data: most answers carry events (the rest are pages past the end).
    expect(answersWithEvents).toBeGreaterThan(1500 * 0.6);
  });

  it('every event type the spec documents is served, and every stored event validates closed with every flag on', () => {
    const seen = new Set([...reference.dataset.events.values()].map((e) => e.eventName));
    for (const name of spec.eventNames) expect(seen, name).toContain(name);
    for (const name of spec.knobs.eventsWithoutDetail) expect(seen, name).toContain(name);
    const validate = spec.responses.get(200)!.validate!;
    for (const event of reference.dataset.events.values()) {
      if (!event.hasDetail) continue;
      expect(
        validate({ events: [event.full], warnings: [] }, { closed: true }),
        `${event.eventName} ${event.eventLogId}`,
      ).toEqual([]);
    }
  });
});
