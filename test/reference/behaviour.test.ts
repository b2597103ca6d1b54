import { describe, expect, it } from 'vitest';
import type { QueryPair } from '../../src/core/query.js';
import { basicAuthHeader } from '../../src/http/redact.js';
import { createReference } from '../../src/reference/index.js';
import { generateDataset } from '../../src/reference/dataset.js';
import { call, headersFor, queryOf, reference, spec } from './helpers.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';

const profile = reference.profile;
const rich = profile.customers[0]!;
const ids = (n: number) =>
  rich.events
    .slice(0, n)
    .map((e) => e.eventLogId)
    .join(',');
const base: QueryPair[] = [...lookupPairs(rich.lookups[0]!), ['eventIds', ids(3)]];
const identity = (role: string) => reference.identities.find((i) => i.role === role)!;

/** code → a request that triggers it on the reference, built from profile handles. */
const withoutCurrencies = profile.customers.find((c) => c.alternateCurrencies?.length === 0 && c.events.length > 0)!;
const group = profile.groups[0]!;
const referenced = rich.events.find((e) => e.eventReferenceId !== undefined && e.eventName === 'TransactionAdd')!;
const triggers: [code: number, description: string, pairs: QueryPair[], headers?: Record<string, string>][] = [
  [11013, 'source missing', base.filter(([n]) => n !== 'source')],
  [11001, 'limit repeated', [...base, ['limit', '2'], ['limit', '3']]],
  [11001, 'offset not a number', [...base, ['offset', 'first']]],
  [8003, 'unknown source', [...base.filter(([n]) => n !== 'source'), ['source', 'POS']]],
  [8013, 'unknown identifierName', [...base.filter(([n]) => n !== 'identifierName'), ['identifierName', 'CustomerID']]],
  [
    8013,
    'group identifier name for a customer',
    [...base.filter(([n]) => n !== 'identifierName'), ['identifierName', 'primaryUserId']],
  ],
  [9003, 'unknown type', [...base, ['type', 'FLEET']]],
  [
    11012,
    'non-numeric user id',
    [
      ['identifierName', 'id'],
      ['identifierValue', 'abc'],
      ['source', 'INSTORE'],
      ['eventIds', ids(1)],
    ],
  ],
  [11021, 'both selectors', [...base, ['eventName', 'TransactionAdd'], ['eventReferenceIds', '1']]],
  [11023, 'no selector', base.filter(([n]) => n !== 'eventIds')],
  [11017, 'non-numeric event id', [...base.filter(([n]) => n !== 'eventIds'), ['eventIds', '12,ab']]],
  [
    11014,
    'event name without detail',
    [...lookupPairs(rich.lookups[0]!), ['eventName', 'DelayedAccrual'], ['eventReferenceIds', '1']],
  ],
  [
    9022,
    'eleven reference ids',
    [...lookupPairs(rich.lookups[0]!), ['eventName', 'TransactionAdd'], ['eventReferenceIds', '1,2,3,4,5,6,7,8,9,10,11']],
  ],
  [
    9022,
    'unknown reference id',
    [
      ...lookupPairs(rich.lookups[0]!),
      ['eventName', 'TransactionAdd'],
      ['eventReferenceIds', `${referenced.eventReferenceId},${profile.absent.eventReferenceIds[0]}`],
    ],
  ],
  [9005, 'empty currency name', [...base, ['alternateCurrencyNames', 'NeuCoins,']]],
  [11006, 'limit above maximum', [...base, ['limit', '11']]],
  [8015, 'unknown customer', [...lookupPairs(profile.absent.customers[0]!), ['eventIds', ids(1)]]],
  [
    8015,
    'customer outside its source account',
    [...lookupPairs(profile.customers.find((c) => c.notFoundLookups.length > 0)!.notFoundLookups[0]!), ['eventIds', ids(1)]],
  ],
  [1632, 'unknown group', [...lookupPairs(profile.absent.groups[0]!), ['type', 'USERGROUP2'], ['eventIds', ids(1)]]],
  [
    11019,
    'breakup from an org without source-value capturing',
    [...base, ['getPointsEarnedBreakup', 'true']],
    headersFor(identity('breakup-disabled')),
  ],
  [
    9021,
    'event of another ledger',
    [...base.filter(([n]) => n !== 'eventIds'), ['eventIds', `${ids(1)},${profile.absent.eventIds[0]}`]],
  ],
  [
    9021,
    'group event asked of a customer',
    [...base.filter(([n]) => n !== 'eventIds'), ['eventIds', group.events[0]!.eventLogId]],
  ],
  [11024, 'event without detail', [...base.filter(([n]) => n !== 'eventIds'), ['eventIds', rich.eventIdsWithoutDetail[0]!]]],
];

describe('every documented error code is reachable by its documented trigger', () => {
  it('the table covers every code of x-ledger-errors', () => {
    expect(new Set(triggers.map(([code]) => code))).toEqual(new Set(spec.knobs.errors.map((r) => r.code)));
  });

  it.each(triggers)('%i: %s', (code, _, pairs, headers) => {
    const response = call(reference, pairs, headers);
    const rule = spec.knobs.errors.find((r) => r.code === code)!;
    expect(response.status).toBe(rule.status);
    expect(response.headers['content-type']).toBe('application/json');
    expect(spec.responses.get(response.status)!.validate!(response.json, { closed: true })).toEqual([]);
    expect((response.json!['errors'] as { code: number }[])[0]!.code).toBe(code);
  });

  it('a warning, not an error, for an unknown alternate currency, and for a customer without any', () => {
    const unknown = call(reference, [...base, ['alternateCurrencyNames', profile.absent.alternateCurrencyNames[0]!]]);
    expect(unknown.status).toBe(200);
    expect(unknown.json!['warnings']).toEqual([expect.objectContaining({ code: spec.knobs.warnings[0]!.code, status: false })]);
    const none = call(reference, [
      ...lookupPairs(withoutCurrencies.lookups[0]!),
      ['eventIds', withoutCurrencies.events[0]!.eventLogId],
      ['includeAlternateCurrencies', 'true'],
    ]);
    expect(none.status).toBe(200);
    expect(none.json!['warnings']).toEqual([expect.objectContaining({ code: spec.knobs.warnings[1]!.code, status: false })]);
  });
});

describe('authentication and methods', () => {
  it('accepts Capillary Basic and the OAuth token header', () => {
    expect(call(reference, base, headersFor(identity('primary'), 'basic')).status).toBe(200);
    expect(call(reference, base, headersFor(identity('primary'), 'oauth')).status).toBe(200);
  });

  it.each<[string, Record<string, string>]>([
    ['no credentials', {}],
    ['a wrong password', { authorization: basicAuthHeader('demo.till', 'not-the-password') }],
    [
      'the password without its MD5 step',
      { authorization: 'Basic ' + Buffer.from('demo.till:demo-password').toString('base64') },
    ],
    ['an unknown user', { authorization: basicAuthHeader('someone', 'demo-password') }],
    ['an unknown token', { 'x-cap-api-oauth-token': 'forged' }],
    ['a malformed Authorization header', { authorization: 'Basic %%%' }],
  ])('answers 401 with a challenge for %s', (_, headers) => {
    const response = call(reference, base, headers);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Basic /);
  });

  it('answers 403 with code 4000 to an identity without access to points, whatever it asks', () => {
    for (const pairs of [base, [] as QueryPair[]]) {
      const response = call(reference, pairs, headersFor(identity('forbidden')));
      expect(response.status).toBe(403);
      expect((response.json!['errors'] as { code: number }[])[0]!.code).toBe(4000);
      expect(spec.responses.get(403)!.validate!(response.json, { closed: true })).toEqual([]);
    }
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers %s with 405 and Allow: GET', (method) => {
    const response = reference.handler({
      method,
      path: spec.endpointPath,
      rawQuery: queryOf(base),
      headers: headersFor(identity('primary')),
    });
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('GET');
  });
});

describe('determinism', () => {
  const requests: QueryPair[][] = [
    base,
    [...base, ['getBillDetails', 'true'], ['getPointsEarnedBreakup', 'true'], ['includeAlternateCurrencies', 'true']],
    [
      ...lookupPairs(rich.lookups[1]!),
      ['eventIds', rich.events.map((e) => e.eventLogId).join(',')],
      ['limit', '3'],
      ['offset', '2'],
    ],
    triggers[0]![2],
  ];

  it('the same seed gives byte-identical datasets and answers', () => {
    // Generated anew: createReference hands out the dataset it generated before for the same seed and size.
    const dataset = generateDataset(spec, { seed: reference.dataset.seed, size: reference.dataset.size });
    expect(dataset).not.toBe(reference.dataset);
    const again = createReference(spec, { dataset });
    expect(JSON.stringify([...again.dataset.events.values()])).toBe(JSON.stringify([...reference.dataset.events.values()]));
    expect(JSON.stringify(again.profile)).toBe(JSON.stringify(profile));
    for (const pairs of requests) expect(call(again, pairs).body).toBe(call(reference, pairs).body);
  });

  it('a different seed gives different data', () => {
    const other = createReference(spec, { seed: reference.dataset.seed + 1, size: reference.dataset.size });
    expect(JSON.stringify(other.profile)).not.toBe(JSON.stringify(profile));
  });

  it('size is a parameter: every size from 4 builds a dataset that still holds every event type', () => {
    for (const size of [4, 9, 40]) {
      const sized = createReference(spec, { size });
      expect(sized.dataset.customers).toHaveLength(size);
      const names = new Set([...sized.dataset.events.values()].map((e) => e.eventName));
      for (const name of spec.eventNames) expect(names).toContain(name);
    }
    expect(() => createReference(spec, { size: 3 })).toThrow(/at least 4/);
  });

  it('one customer can be paged at every page size up to the maximum limit', () => {
    const maxLimit = spec.parameter('limit').schema['maximum'] as number;
    expect(rich.events.length).toBeGreaterThan(2 * maxLimit);
  });
});
