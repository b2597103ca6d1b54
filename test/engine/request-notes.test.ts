/**
 * A failure whose request the kit sent past a documented cap says so, in the words the cap rests
 * on: the parameter schema's maxItems is the cap, and the quote is the evidence of the
 * requirement that governs that keyword (no second statement of the cap anywhere).
 */
import { describe, expect, it } from 'vitest';
import { requestNotesOf } from '../../src/engine/request-notes.js';
import { buildFaults } from '../../src/faults/index.js';
import { certify, spec } from '../support/harness.js';

const ENDPOINT = 'http://target.example/v2/pointsLedger/getLedgerExplodeInfo';
const ids = (n: number): string => Array.from({ length: n }, (_, i) => String(1000 + i)).join(',');

describe('request notes', () => {
  it('says the kit sent more eventIds than the cap, quoting the requirement that governs maxItems', () => {
    const notes = requestNotesOf(spec, `${ENDPOINT}?identifierName=id&identifierValue=1&source=INSTORE&eventIds=${ids(11)}`);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('sends 11 eventIds, more than the documented cap of 10');
    expect(notes[0]).toContain('ERR-11014-CAP, S6:');
    expect(notes[0]).toContain('Max 10 events are allowed in params');
  });

  it('quotes the seed for eventReferenceIds, the evidence of its own requirement', () => {
    const [note] = requestNotesOf(spec, `${ENDPOINT}?eventName=TransactionAdd&eventReferenceIds=${ids(12)}`);
    expect(note).toContain('sends 12 eventReferenceIds, more than the documented cap of 10 (PARAM-REFERENCE-COUNT, SEED:');
  });

  it('says nothing of a request within the cap, and names repeats', () => {
    expect(requestNotesOf(spec, `${ENDPOINT}?eventIds=${ids(10)}`)).toEqual([]);
    expect(requestNotesOf(spec, `${ENDPOINT}?eventIds=7,7,8`)).toEqual(["the kit's request repeats eventIds 7"]);
  });

  it('reads the cap from the parameter schema: a spec whose maxItems differs moves the note', () => {
    const eventIds = spec.parameter('eventIds');
    const wider = {
      ...spec,
      parameter: (name: string) =>
        name === 'eventIds' ? { ...eventIds, schema: { ...eventIds.schema, maxItems: 20 } } : spec.parameter(name),
    };
    expect(requestNotesOf(wider, `${ENDPOINT}?eventIds=${ids(11)}`)).toEqual([]);
  });

  it('puts the note on the failure of a target that does not enforce the cap', async () => {
    const fault = buildFaults(spec).find((f) => f.id === 'errors/11014-invalid-16-not-enforced')!;
    const report = await certify({ fault, requirements: ['ERR-11014-CAP'] });
    const requirement = report.requirements.find((r) => r.id === 'ERR-11014-CAP')!;
    expect(requirement.status).toBe('fail');
    const notes = requirement.failures.flatMap((failure) => failure.requestNotes ?? []);
    expect(notes.some((note) => note.includes('more than the documented cap of 10 (ERR-11014-CAP, S6:'))).toBe(true);
  });
});
