/**
 * The cases each fuzz property draws, by property. The suites and anyone replaying a
 * counterexample take them from here, so that `fc.sample(caseArb(name, spec, profile), { seed,
 * path, numRuns: 1 })` gives back exactly the request a report shows.
 */
import fc from 'fast-check';
import type { Profile } from '../profile/model.js';
import type { LoadedSpec } from '../contract/load.js';
import { malformedEncodingArb } from './encoding.js';
import { invalidRequestArb } from './invalid-request.js';
import { wireQueryOf, type FuzzRequest } from './request.js';
import { validRequestArb } from './valid-request.js';

/** The fuzz properties, by the slug of their check (`fuzz/<slug>`). */
export type FuzzPropertyName = 'no-server-error' | 'valid-accepted' | 'invalid-rejected' | 'deterministic';

/** Valid and invalid requests with one malformed fragment in their query string. */
function malformedArb(spec: LoadedSpec, profile: Profile): fc.Arbitrary<FuzzRequest> {
  return malformedEncodingArb(fc.oneof(validRequestArb(spec, profile, { encoding: 'usual' }), invalidRequestArb(spec, profile)));
}

/**
 * - `valid-accepted`: valid requests only;
 * - `invalid-rejected`: invalid requests only (well-formed encodings: their answer is predicted);
 * - `no-server-error`: mostly invalid requests, some valid, some malformed;
 * - `deterministic`: valid requests, and invalid and malformed ones.
 */
export function caseArb(property: FuzzPropertyName, spec: LoadedSpec, profile: Profile): fc.Arbitrary<FuzzRequest> {
  // Within the request line front proxies accept (x-ledger-limits): a longer request would be
  // answered by the proxy, not the target. The margin covers the method, a base-URL prefix and
  // the protocol.
  const room = spec.knobs.limits.requestLineBytes - spec.endpointPath.length - REQUEST_LINE_MARGIN;
  return unboundedCaseArb(property, spec, profile).filter((request) => wireQueryOf(request).length <= room);
}

/** Bytes of a request line that are not the endpoint path or the query: method, prefix, protocol. */
const REQUEST_LINE_MARGIN = 256;

function unboundedCaseArb(property: FuzzPropertyName, spec: LoadedSpec, profile: Profile): fc.Arbitrary<FuzzRequest> {
  switch (property) {
    case 'valid-accepted':
      return validRequestArb(spec, profile);
    case 'invalid-rejected':
      // Judged at MUST: only requests whose broken rules all prove MUST requirements (a rule that
      // rests on a decision is judged by its own requirement, at SHOULD).
      return invalidRequestArb(spec, profile, { judgedAt: 'MUST' });
    case 'no-server-error':
      return fc.oneof(
        { arbitrary: validRequestArb(spec, profile), weight: 1 },
        { arbitrary: invalidRequestArb(spec, profile), weight: 2 },
        { arbitrary: malformedArb(spec, profile), weight: 1 },
      );
    case 'deterministic':
      // Valid requests weigh double: their bodies (events, flags, warnings) have the most to vary.
      return fc.oneof(
        { arbitrary: validRequestArb(spec, profile), weight: 2 },
        { arbitrary: invalidRequestArb(spec, profile), weight: 1 },
        { arbitrary: malformedArb(spec, profile), weight: 1 },
      );
  }
}
