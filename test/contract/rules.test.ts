import { describe, expect, it } from 'vitest';
import { without as withoutParameters, pairsOfRawQuery } from '../../src/core/query.js';
import type { QueryPair } from '../../src/core/query.js';
import { loadSpec } from '../../src/contract/load.js';
import { firstSyntaxViolation, parseQuery, renderMessage, syntaxViolations } from '../../src/contract/rules.js';

const spec = loadSpec();
const base: QueryPair[] = [
  ['identifierName', 'mobile'],
  ['identifierValue', '917406401004'],
  ['source', 'INSTORE'],
  ['eventIds', '18608683'],
];
const codeOf = (pairs: readonly QueryPair[]): number | undefined =>
  firstSyntaxViolation(spec, parseQuery(spec, pairs))?.rule.code;
const without = (name: string): QueryPair[] => withoutParameters(base, name);
const withValue = (name: string, value: string): QueryPair[] => [...without(name), [name, value]];

// These cases pin the decisions the spec states today (openapi/ERRATA.md); if a knob changes,
// change the case with it.
describe('request rules decided from the request alone', () => {
  it.each<[string, QueryPair[], number | undefined]>([
    ['a well-formed request', base, undefined],
    ['identifierName missing', without('identifierName'), 11013],
    ['source empty', withValue('source', ''), 11013],
    ['a parameter repeated', [...base, ['limit', '2'], ['limit', '3']], 11001],
    ['an undeclared parameter repeated', [...base, ['foo', '1'], ['foo', '2']], undefined],
    ['identifierName in upper case', withValue('identifierName', 'MOBILE'), undefined],
    ['identifierName unknown', withValue('identifierName', 'CustomerID'), 8013],
    ['source in lower case', withValue('source', 'instore'), 8003],
    ['type unknown', [...base, ['type', 'FLEET']], 9003],
    ['primaryUserId for a customer', withValue('identifierName', 'primaryUserId'), 8013],
    ['mobile for a user group', [...base, ['type', 'USERGROUP2']], 8013],
    ['both selector styles', [...base, ['eventName', 'TransactionAdd']], 11021],
    ['no selector', without('eventIds'), 11023],
    ['eventName without reference ids', [...without('eventIds'), ['eventName', 'TransactionAdd']], 11023],
    ['a non-numeric event id', withValue('eventIds', '1,a'), 11017],
    ['an event id of 19 digits', withValue('eventIds', '1234567890123456789'), 11017],
    [
      'an event name without explode detail',
      [...without('eventIds'), ['eventName', 'DelayedAccrual'], ['eventReferenceIds', '1']],
      11014,
    ],
    [
      'eleven reference ids',
      [...without('eventIds'), ['eventName', 'TransactionAdd'], ['eventReferenceIds', '1,2,3,4,5,6,7,8,9,10,11']],
      9022,
    ],
    [
      'ten reference ids',
      [...without('eventIds'), ['eventName', 'TransactionAdd'], ['eventReferenceIds', '1,2,3,4,5,6,7,8,9,10']],
      undefined,
    ],
    ['an empty alternate currency name', [...base, ['alternateCurrencyNames', 'a,,b']], 9005],
    ['limit above the maximum', [...base, ['limit', '11']], 11006],
    ['limit zero', [...base, ['limit', '0']], 11001],
    ['offset not a number', [...base, ['offset', 'first']], 11001],
    ['a flag that is not a boolean', [...base, ['getBillDetails', 'yes']], 11001],
    ['a flag in upper case', [...base, ['getBillDetails', 'TRUE']], 11001],
  ])('%s', (_, pairs, code) => {
    expect(codeOf(pairs)).toBe(code);
  });

  it('a user id that is not a positive number is 11012', () => {
    expect(
      codeOf([
        ['identifierName', 'id'],
        ['identifierValue', 'abc'],
        ['source', 'INSTORE'],
        ['eventIds', '1'],
      ]),
    ).toBe(11012);
    expect(
      codeOf([
        ['identifierName', 'id'],
        ['identifierValue', '0123'],
        ['source', 'INSTORE'],
        ['eventIds', '1'],
      ]),
    ).toBe(11012);
    expect(
      codeOf([
        ['identifierName', 'id'],
        ['identifierValue', '123'],
        ['source', 'INSTORE'],
        ['eventIds', '1'],
      ]),
    ).toBeUndefined();
  });

  it('lists every rule a request breaks, in the spec order', () => {
    const parsed = parseQuery(spec, [
      ['source', 'nowhere'],
      ['limit', '99'],
      ['getBillDetails', 'maybe'],
    ]);
    expect(syntaxViolations(spec, parsed).map((m) => m.rule.code)).toEqual([11013, 8003, 11023, 11006, 11001]);
  });

  it('reads a raw query the way a server does', () => {
    expect(pairsOfRawQuery('a=1&b=x+y&c=%2C&d')).toEqual([
      ['a', '1'],
      ['b', 'x y'],
      ['c', ','],
      ['d', ''],
    ]);
  });

  it('fills message templates', () => {
    expect(renderMessage('Limit cannot be greater than {maximum}, {unknown}', { maximum: 10 })).toBe(
      'Limit cannot be greater than 10, {unknown}',
    );
  });
});
