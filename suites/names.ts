/**
 * The suites' names in catalog order, for option parsing and help before any suite is loaded:
 * the command line loads the suites' code only once a run has started (src/cli/run/prepare.ts).
 * `test/suites/names.test.ts` holds this list equal to the names of `SUITES` (suites/index.ts).
 */
export const SUITE_NAMES: readonly string[] = [
  'schema',
  'parameters',
  'errors',
  'auth',
  'pagination',
  'flags',
  'alternate-currencies',
  'user-groups',
  'identifiers',
  'golden',
  'fuzz',
];
