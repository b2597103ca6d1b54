import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveEndpoint, requestTarget } from '../../src/http/endpoint-url.js';
import { encodeQuery, percentEncodeBytes, queryOf, toWireQuery } from '../../src/core/query.js';

describe('encodeQuery', () => {
  it.each([
    [[['eventIds', '1,2,3']], 'eventIds=1,2,3'],
    [
      [
        ['a', 'x y'],
        ['b', '&=?#/'],
      ],
      'a=x%20y&b=%26%3D%3F%23%2F',
    ],
    [[['unreserved', 'AZaz09-._~']], 'unreserved=AZaz09-._~'],
    [
      [
        ['plus', '+'],
        ['percent', '%'],
        ['quote', '\'"'],
      ],
      'plus=%2B&percent=%25&quote=%27%22',
    ],
    [[['name,with,comma', 'v']], 'name%2Cwith%2Ccomma=v'],
    [[['utf8', 'é€😀']], 'utf8=%C3%A9%E2%82%AC%F0%9F%98%80'],
    [[['star', '*()!']], 'star=%2A%28%29%21'],
    [
      [
        ['empty', ''],
        ['empty', ''],
      ],
      'empty=&empty=',
    ],
    [[], ''],
  ] as const)('%j → %s', (pairs, expected) => {
    expect(encodeQuery(pairs)).toBe(expected);
  });

  it('encodes a lone surrogate as U+FFFD instead of throwing', () => {
    expect(encodeQuery([['s', '\uD800']])).toBe('s=%EF%BF%BD');
  });

  it('encodes any text as its UTF-8 bytes do, one by one', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 20 }).map((units) => String.fromCharCode(...units)),
    );
    fc.assert(
      fc.property(text, text, (name, value) => {
        expect(encodeQuery([[name, value]])).toBe(`${percentEncodeBytes(name, false)}=${percentEncodeBytes(value, true)}`);
      }),
      { numRuns: 3000, seed: 12 },
    );
  });
});

describe('toWireQuery', () => {
  it('keeps every visible ASCII byte as given, malformed escapes included', () => {
    const raw = 'a=%ZZ&b=[1]&c={x}|^`\'"<>&d=%&e=#f';
    expect(toWireQuery(raw)).toBe(raw);
  });

  it('encodes what no request line can carry: spaces, controls, non-ASCII', () => {
    expect(toWireQuery('a=x y\tz&b=é\u0000')).toBe('a=x%20y%09z&b=%C3%A9%00');
  });
});

describe('queryOf', () => {
  it('prefers rawQuery, even when it is empty', () => {
    expect(queryOf({ identity: 'none', query: [['a', '1']], rawQuery: '' })).toBe('');
    expect(queryOf({ identity: 'none', query: [['a', '1']] })).toBe('a=1');
  });
});

describe('resolveEndpoint and requestTarget', () => {
  it.each([
    ['https://staging.example.com', '/v2/x', 'https://staging.example.com/v2/x'],
    ['https://staging.example.com/', '/v2/x', 'https://staging.example.com/v2/x'],
    ['https://staging.example.com/gateway', 'v2/x', 'https://staging.example.com/gateway/v2/x'],
    ['https://staging.example.com/gateway//', '//v2/x', 'https://staging.example.com/gateway/v2/x'],
    ['http://127.0.0.1:8080/a/b/', '/v2/x', 'http://127.0.0.1:8080/a/b/v2/x'],
  ])('%s + %s → %s', (baseUrl, endpointPath, expected) => {
    const location = resolveEndpoint(baseUrl, endpointPath);
    expect(requestTarget(location, '').url).toBe(expected);
    expect(requestTarget(location, 'q=1').url).toBe(`${expected}?q=1`);
  });
});
