/**
 * The catalog of checks: every suite, in the order reports list them. This array is the only
 * registry; a check that is not listed here does not run.
 */
import type { CheckDefinition, ObserverDefinition } from '../src/engine/check.js';
import * as alternateCurrencies from './alternate-currencies/index.js';
import * as auth from './auth/index.js';
import * as errors from './errors/index.js';
import * as flags from './flags/index.js';
import * as fuzz from './fuzz/index.js';
import * as golden from './golden/index.js';
import * as identifiers from './identifiers/index.js';
import * as pagination from './pagination/index.js';
import * as parameters from './parameters/index.js';
import * as schema from './schema/index.js';
import * as userGroups from './user-groups/index.js';

export const CHECKS: readonly CheckDefinition[] = [
  ...schema.checks,
  ...parameters.checks,
  ...errors.checks,
  ...auth.checks,
  ...pagination.checks,
  ...flags.checks,
  ...alternateCurrencies.checks,
  ...userGroups.checks,
  ...identifiers.checks,
  ...golden.checks,
  ...fuzz.checks,
];

export const OBSERVERS: readonly ObserverDefinition[] = [...schema.observers, ...golden.observers];
