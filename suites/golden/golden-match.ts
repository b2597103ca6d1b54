/**
 * A target that declares the canonical reference dataset answers every request with the
 * reference's status and body: each exchange of the run is replayed against an in-process
 * reference built from the same seed and size, and the first differing field is reported.
 */
import { resolveCredentials } from '../../src/http/credentials.js';
import type { IdentityName, ResolvedCredentials } from '../../src/http/types.js';
import { referenceSecrets } from '../../src/engine/target.js';
import { defineObserver } from '../../src/engine/check.js';
import { createReference, type Reference } from '../../src/reference/index.js';
import type { LoadedSpec } from '../../src/spec/load.js';
import { compareWithExpected } from './compare.js';

const references = new Map<string, Reference>();

function referenceFor(spec: LoadedSpec, seed: number, size: number): Reference {
  const key = `${spec.sha256} ${seed} ${size}`;
  let reference = references.get(key);
  if (!reference) references.set(key, (reference = createReference(spec, { seed, size })));
  return reference;
}

/** The reference's own credentials, per identity: the same derivation a run uses for its target. */
const credentialsOf = new WeakMap<Reference, ResolvedCredentials>();
function headersFor(reference: Reference, identity: IdentityName): Record<string, string> {
  let credentials = credentialsOf.get(reference);
  if (!credentials) credentialsOf.set(reference, (credentials = resolveCredentials(referenceSecrets(reference.identities)).credentials));
  return { ...credentials[identity]?.headers };
}

export default defineObserver({
  id: 'golden/golden-match',
  requirement: 'GOLDEN-MATCH',
  title: "Every answer equals the reference's answer to the same request",
  notApplicable: (profile) => (profile.canonicalDataset ? undefined : 'the profile does not declare the canonical reference dataset (canonicalDataset)'),
  observe(answer, { spec, profile }) {
    const { seed, size } = profile.canonicalDataset!;
    const reference = referenceFor(spec, seed, size);
    const url = new URL(answer.exchange.request.url);
    const expected = reference.handler({ method: 'GET', path: spec.endpointPath, rawQuery: url.search.slice(1), headers: headersFor(reference, answer.exchange.request.identity) });
    const contentType = expected.headers['content-type'];
    return compareWithExpected({ status: expected.status, bodyText: expected.body, ...(contentType ? { contentType } : {}) }, answer, { whose: "the reference's", origin: `the reference, seed ${seed}, size ${size}` });
  },
});
