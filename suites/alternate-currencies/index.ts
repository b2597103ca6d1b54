/** The alternate-currencies suite: the currency blocks and warnings of x-ledger-alternate-currencies and x-ledger-warnings. */
import { defineSuite } from '../../src/check/check.js';
import filter from './filter.js';
import includeOverrides from './include-overrides.js';
import include from './include.js';
import noCurrencies from './no-currencies.js';
import unknownNameWarning from './unknown-name-warning.js';

export default defineSuite({
  name: 'alternate-currencies',
  checks: () => [include, filter, includeOverrides, unknownNameWarning, noCurrencies],
});
