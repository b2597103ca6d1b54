import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_SPEC_PATH } from '../../src/core/files.js';
import { needsShared, sharedDeclaredAbsent, sharedFile } from '../support/shared-docs.js';
import { loadSpec } from '../../src/contract/load.js';

const spec = loadSpec();

/** Every example of every response, with the status it illustrates. */
function examples(): { status: number; name: string; value: unknown }[] {
  const out: { status: number; name: string; value: unknown }[] = [];
  for (const [status, response] of spec.responses) {
    const declared = spec.resolve(response.pointer) as { $ref?: string };
    const resolved = (declared.$ref ? spec.resolve(declared.$ref) : declared) as {
      content?: Record<string, { examples?: Record<string, { $ref?: string; value?: unknown }> }>;
    };
    for (const [name, entry] of Object.entries(resolved.content?.['application/json']?.examples ?? {})) {
      const example = (entry.$ref ? spec.resolve(entry.$ref) : entry) as { value: unknown };
      out.push({ status, name, value: example.value });
    }
  }
  return out;
}

describe('the spec', () => {
  it('is OpenAPI 3.1 with one GET operation on the endpoint path', () => {
    expect(spec.document.openapi).toMatch(/^3\.1\./);
    expect(spec.endpointPath).toBe('/v2/pointsLedger/getLedgerExplodeInfo');
    expect(Object.keys(spec.document.paths![spec.endpointPath]!)).toEqual(['get']);
  });

  it('is valid OpenAPI 3.1 by an independent validator (the official OAS 3.1 schema)', async () => {
    const validator = new Validator();
    const result = await validator.validate(parse(readFileSync(DEFAULT_SPEC_PATH, 'utf8')));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');

    const broken = parse(readFileSync(DEFAULT_SPEC_PATH, 'utf8')) as { info: Record<string, unknown> };
    delete broken.info['title'];
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('documents a body schema for every status but 401', () => {
    expect([...spec.responses.keys()]).toEqual([200, 400, 401, 403, 503]);
    for (const [status, response] of spec.responses) {
      expect(response.validate === undefined, `status ${status}`).toBe(status === 401);
    }
  });
});

describe('examples', () => {
  const all = examples();

  it('include every public sample that is valid JSON (34 bodies of 200, 6 of errors)', () => {
    expect(all.filter((e) => e.status === 200)).toHaveLength(34);
    expect(all.filter((e) => e.status !== 200)).toHaveLength(6);
  });

  it.each(all.map((e) => [`${e.status} ${e.name}`, e] as const))(
    '%s validates against its schema, open and closed',
    (_, example) => {
      const response = spec.responses.get(example.status)!;
      expect(response.validate!(example.value)).toEqual([]);
      expect(response.validate!(example.value, { closed: true })).toEqual([]);
    },
  );

  const ok = all.filter((e) => e.status === 200 && (e.value as { events: unknown[] }).events.length > 0);

  it.each(ok.map((e) => [e.name, e] as const))('%s fails once corrupted, naming the place in the spec', (_, example) => {
    const validate = spec.responses.get(200)!.validate!;
    const retyped = structuredClone(example.value) as { events: Record<string, unknown>[] };
    retyped.events[0]!['eventLogId'] = String(retyped.events[0]!['eventLogId']);
    expect(validate(retyped)).toContainEqual(
      expect.objectContaining({
        instancePath: '/events/0/eventLogId',
        keyword: 'type',
        specPointer: '#/components/schemas/EventLogId/type',
      }),
    );

    const renamed = structuredClone(example.value) as { events: Record<string, unknown>[] };
    renamed.events[0]!['eventDetailz'] = renamed.events[0]!['eventDetails'];
    delete renamed.events[0]!['eventDetails'];
    expect(validate(renamed).map((i) => i.keyword)).toContain('required');

    const extra = structuredClone(example.value) as { events: Record<string, unknown>[] };
    extra.events[0]!['undocumented'] = 1;
    expect(validate(extra)).toEqual([]);
    expect(validate(extra, { closed: true })).toContainEqual(
      expect.objectContaining({ instancePath: '/events/0', keyword: 'additionalProperties' }),
    );

    const unknownName = structuredClone(example.value) as { events: Record<string, unknown>[] };
    unknownName.events[0]!['eventName'] = 'DelayedAccrual';
    expect(validate(unknownName)).toContainEqual(expect.objectContaining({ instancePath: '/events/0', keyword: 'oneOf' }));
  });

  it('a corrupted error body fails', () => {
    const validate = spec.responses.get(400)!.validate!;
    expect(validate({ errors: [] })).toContainEqual(expect.objectContaining({ keyword: 'minItems' }));
    expect(validate({ errors: [{ code: '8003', message: 'Invalid source', status: false }] })).toContainEqual(
      expect.objectContaining({ instancePath: '/errors/0/code', keyword: 'type' }),
    );
    expect(validate({ errors: [{ code: 8003, message: 'Invalid source', status: true }] })).toContainEqual(
      expect.objectContaining({ keyword: 'const' }),
    );
  });
});

describe('coverage of the seed', () => {
  // The seed's parameter table and error table (../shared/seed/getLedgerExplodeInfo.txt),
  // plus offset and limit from its example URLs. Written out so the test runs without the
  // seed; when the seed is there, the lists are checked against it too.
  const seedParameters = [
    'identifierName',
    'identifierValue',
    'source',
    'eventIds',
    'accountId',
    'getBillDetails',
    'getPointsEarnedBreakup',
    'getCustomFields',
    'getExtendedFields',
    'getMaxConversionDetails',
    'getPaymentModes',
    'type',
    'isPrimaryUser',
    'includeAlternateCurrencies',
    'alternateCurrencyNames',
    'eventName',
    'eventReferenceIds',
  ];
  const seedErrorCodes = [9022, 11014, 11023, 11012];

  it.skipIf(sharedDeclaredAbsent)(`the lists above are the seed tables${needsShared}`, () => {
    const seed = readFileSync(sharedFile('seed', 'getLedgerExplodeInfo.txt'), 'utf8');
    const table = seed.slice(seed.indexOf('Query parameters'), seed.indexOf('Sample Response'));
    const names = [...table.matchAll(/^([A-Za-z]+)\\?\*? *\|/gm)].map((m) => m[1]).filter((n) => n !== 'Parameter');
    expect(names).toEqual(seedParameters);
    const errors = seed.slice(seed.indexOf('API specific errors'));
    expect([...errors.matchAll(/^(\d+) \|/gm)].map((m) => Number(m[1]))).toEqual(seedErrorCodes);
  });

  it('every seed parameter, offset and limit are declared', () => {
    const declared = spec.parameters.map((p) => p.name);
    for (const name of [...seedParameters, 'offset', 'limit']) expect(declared).toContain(name);
  });

  it('every seed error code is documented with a trigger', () => {
    const codes = spec.knobs.errors.map((r) => r.code);
    for (const code of seedErrorCodes) expect(codes).toContain(code);
  });

  it('identifierValue and eventReferenceIds are strings, not integers (ERRATA 1, 2)', () => {
    expect(spec.parameter('identifierValue').kind).toBe('string');
    expect(spec.parameter('eventReferenceIds').itemSchema!['type']).toBe('string');
    expect(spec.parameter('eventReferenceIds').schema['maxItems']).toBe(10);
  });
});

describe('the requirement catalog', () => {
  it('has unique, well-formed ids', () => {
    const ids = spec.requirements.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/);
  });

  // Update this snapshot only to add or retire a requirement, or to relax one (a lower level, a
  // statement that accepts more: everything it passed before still passes), never to make an
  // existing id stricter or mean something else: that gets a new id. openapi/ERRATA.md part 3
  // records each relaxation of the evidence audit.
  it('is pinned', () => {
    expect(spec.requirements.map(({ id, level, suite, title }) => `${id} ${level} ${suite}: ${title}`)).toMatchSnapshot();
  });

  it('has a requirement for every error code, flag and warning the knobs name', () => {
    const ids = new Set(spec.requirements.map((r) => r.id));
    for (const rule of spec.knobs.errors) expect(ids).toContain(rule.requirement);
    for (const rule of spec.knobs.warnings) expect(ids).toContain(rule.requirement);
    for (const flag of Object.values(spec.knobs.flags)) expect(ids).toContain(flag.requirement);
    // ERR-<code>, or ERR-<code>-<what> when a code answers two rules of different standing.
    for (const rule of spec.knobs.errors) expect(rule.requirement).toMatch(new RegExp(`^ERR-${rule.code}(-[A-Z]+)?$`));
  });
});
