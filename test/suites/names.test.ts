/**
 * The command line parses `--suite` and prints its help from `suites/names.ts`, without loading
 * a suite: the list must name every suite of the catalog, in its order.
 */
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../suites/index.js';
import { SUITE_NAMES } from '../../suites/names.js';

describe('the suite names the command line knows without loading the suites', () => {
  it('are the names of the catalog’s suites, in its order', () => {
    expect(SUITE_NAMES).toEqual(SUITES.map((suite) => suite.name));
  });
});
