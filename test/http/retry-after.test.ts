import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/http/retry-after.js';

const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['1', 1000],
    [' 120 ', 120_000],
    ['Sun, 01 Jun 2025 12:00:05 GMT', 5000],
    ['Sunday, 01-Jun-25 12:00:07 GMT', 7000],
    ['Sun Jun  1 12:00:09 2025', 9000],
    ['Sun, 01 Jun 2025 11:00:00 GMT', 0],
  ])('%j → %d ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([undefined, '', '-1', '1.5', 'soon', '2025-06-01T12:00:05Z', 'Sun, 01 Jun 2025 12:00:05'])(
    'treats %j as no Retry-After',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );
});
