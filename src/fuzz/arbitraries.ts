/**
 * fast-check arbitraries of requests, derived from the spec's parameter model and the
 * profile's handles. Nothing here lists a parameter's values or bounds: enums, patterns,
 * minimum/maximum, maxItems, which parameters are booleans or required, which identifier
 * names each type resolves and which rules exist are all read from the spec. A new parameter
 * or enum value in the spec is generated without a code change.
 *
 * | arbitrary | what it draws | file |
 * | --- | --- | --- |
 * | `validRequestArb` | requests a conformant target answers 200 | `valid-request.ts` |
 * | `invalidRequestArb` | requests that break a rule or name absent data: a valid one with one to three mutations | `invalid-request.ts`, `mutations/` |
 * | `validValueArb`, `invalidValueArb` | values of one parameter | `values.ts` |
 * | `hostileStringArb` | strings that look like trouble | `strings.ts` |
 * | `equivalentEncodingArb`, `malformedEncodingArb` | hand-made query strings | `encoding.ts` |
 * | `caseArb` | the cases of each fuzz property | `cases.ts` |
 */
export { caseArb, type FuzzPropertyName } from './cases.js';
export { equivalentEncodingArb, malformedEncodingArb } from './encoding.js';
export { invalidRequestArb } from './invalid-request.js';
export { hostileStringArb, listedStringArb, overlongArb } from './strings.js';
export { validRequestArb } from './valid-request.js';
export type { FuzzRequest } from './request.js';
export { invalidValueArb, validValueArb } from './values.js';
