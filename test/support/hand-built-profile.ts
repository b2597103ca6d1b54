/** A profile of the given customers and nothing else (no groups, no currencies, no absent values), for tests of code that reads profiles. */
import type { Profile, ProfileCustomer } from '../../src/profile/model.js';

export const handBuiltProfile = (customers: ProfileCustomer[]): Profile => ({
  name: 'hand-built',
  alternateCurrencyNames: [],
  customers,
  groups: [],
  absent: { customers: [], groups: [], eventIds: [], eventReferenceIds: [], alternateCurrencyNames: [] },
});
