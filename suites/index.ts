/**
 * The catalog of checks: every suite, in the order reports list them. `SUITES` is the only
 * registry; a check that is not in one of these suites does not run. The catalog is built from
 * the spec a run is handed (`buildCatalog(spec)`), the way graphql-http's `serverAudits(opts)`
 * builds its audits: families such as one check per error rule follow the effective spec.
 */
import type { Catalog, SuiteDefinition } from '../src/check/check.js';
import type { LoadedSpec } from '../src/contract/load.js';
import alternateCurrencies from './alternate-currencies/index.js';
import auth from './auth/index.js';
import errors from './errors/index.js';
import flags from './flags/index.js';
import fuzz from './fuzz/index.js';
import golden from './golden/index.js';
import identifiers from './identifiers/index.js';
import pagination from './pagination/index.js';
import parameters from './parameters/index.js';
import schema from './schema/index.js';
import userGroups from './user-groups/index.js';

export const SUITES: readonly SuiteDefinition[] = [
  schema,
  parameters,
  errors,
  auth,
  pagination,
  flags,
  alternateCurrencies,
  userGroups,
  identifiers,
  golden,
  fuzz,
];

export { SUITE_NAMES } from './names.js';

export function buildCatalog(spec: LoadedSpec): Catalog {
  return {
    checks: SUITES.flatMap((suite) => suite.checks(spec)),
    observers: SUITES.flatMap((suite) => suite.observers?.(spec) ?? []),
  };
}
