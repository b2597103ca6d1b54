/**
 * The fault catalog: every fault, by suite, built from the spec the self-test is handed (the
 * generated families, one fault per error rule or per flag, follow the effective spec).
 */
import type { LoadedSpec } from '../contract/load.js';
import type { Fault } from './fault.js';
import { faults as alternateCurrencies } from './catalog/alternate-currencies.js';
import { faults as auth } from './catalog/auth.js';
import { faults as errors } from './catalog/errors.js';
import { faults as flags } from './catalog/flags.js';
import { faults as fuzz } from './catalog/fuzz.js';
import { faults as golden } from './catalog/golden.js';
import { faults as identifiers } from './catalog/identifiers.js';
import { faults as pagination } from './catalog/pagination.js';
import { faults as parameters } from './catalog/parameters.js';
import { faults as schema } from './catalog/schema.js';
import { faults as transport } from './catalog/transport.js';
import { faults as userGroups } from './catalog/user-groups.js';

export function buildFaults(spec: LoadedSpec): Fault[] {
  return everyFault(spec).filter((fault) => fault.notApplicable?.(spec) === undefined);
}

function everyFault(spec: LoadedSpec): Fault[] {
  return [
    ...schema,
    ...transport,
    ...parameters,
    ...errors(spec),
    ...auth,
    ...pagination,
    ...flags(spec),
    ...alternateCurrencies(spec),
    ...userGroups,
    ...identifiers,
    ...golden,
    ...fuzz,
  ];
}
