/**
 * The cases each fuzz property draws, by property. The suites and anyone replaying a
 * counterexample take them from here, so that `fc.sample(caseArb(name, spec, profile), { seed,
 * path, numRuns: 1 })` gives back exactly the request a report shows.
 */
import fc from 'fast-check';
import type { Profile } from '../profile/model.js';
import type { LoadedSpec } from '../spec/load.js';
import { malformedEncodingArb } from './encoding.js';
import { invalidFuzzRequestArb } from './invalid-request.js';
import { wireQueryOf, type FuzzRequest } from './request.js';
import { plainValidRequestArb, validFuzzRequestArb } from './valid-request.js';

/** The fuzz properties, by the slug of their check (`fuzz/<slug>`). */
export type FuzzPropertyName = 'no-server-error' | 'valid-accepted' | 'invalid-rejected' | 'deterministic';

/** Valid and invalid requests with one malformed fragment in their query string. */
function malformedArb(spec: LoadedSpec, profile: Profile): fc.Arbitrary<FuzzRequest> {
  return malformedEncodingArb(fc.oneof(plainValidRequestArb(spec, profile), invalidFuzzRequestArb(spec, profile)));
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
      return validFuzzRequestArb(spec, profile);
    case 'invalid-rejected':
      // Judged at MUST: only requests whose broken rules all prove MUST requirements (a rule that
      // rests on a decision is judged by its own requirement, at SHOULD).
      return invalidFuzzRequestArb(spec, profile, 'MUST');
    case 'no-server-error':
      return fc.oneof(
        { arbitrary: validFuzzRequestArb(spec, profile), weight: 1 },
        { arbitrary: invalidFuzzRequestArb(spec, profile), weight: 2 },
        { arbitrary: malformedArb(spec, profile), weight: 1 },
      );
    case 'deterministic':
      // Valid requests weigh double: their bodies (events, flags, warnings) have the most to vary.
      return fc.oneof(
        { arbitrary: validFuzzRequestArb(spec, profile), weight: 2 },
        { arbitrary: invalidFuzzRequestArb(spec, profile), weight: 1 },
        { arbitrary: malformedArb(spec, profile), weight: 1 },
      );
  }
}
