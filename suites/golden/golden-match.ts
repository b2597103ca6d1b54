/**
 * A target that declares the canonical reference dataset answers every request with the
 * reference's status and body: each exchange of the run is replayed against an in-process
 * reference built from the same seed and size, and the first differing field is reported.
 */
import { resolveCredentials } from '../../src/http/credentials.js';
import type { IdentityName, ResolvedCredentials } from '../../src/http/types.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { defineObserver } from '../../src/check/check.js';
import { createReference, type Reference } from '../../src/reference/index.js';
import type { Profile } from '../../src/profile/model.js';
import type { LoadedSpec } from '../../src/contract/load.js';
import { compareWithExpected } from './compare.js';

const references = new Map<string, Reference>();

function referenceFor(spec: LoadedSpec, seed: number, size: number): Reference {
  // The effective spec: two dialects of one file serve different answers.
  const key = `${spec.effectiveSha256} ${seed} ${size}`;
  let reference = references.get(key);
  if (!reference) references.set(key, (reference = createReference(spec, { seed, size })));
  return reference;
}

/**
 * The reference's own credentials, per identity: the same derivation a run uses for its target.
 * The main identity is the reference's identity whose org has the settings the profile states
 * (e.g. `legacy.till` for source-value capturing off), so both answer from the same org.
 */
const credentialsOf = new WeakMap<Reference, Map<string, ResolvedCredentials>>();
function headersFor(reference: Reference, identity: IdentityName, profile: Profile): Record<string, string> {
  const settings = profile.orgSettings ?? {};
  const main =
    reference.identities.find(
      (i) => i.pointsAccess && Object.entries(settings).every(([name, on]) => (i.orgSettings[name] ?? true) === on),
    ) ?? reference.identities[0]!;
  const byMain = credentialsOf.get(reference) ?? new Map<string, ResolvedCredentials>();
  credentialsOf.set(reference, byMain);
  let credentials = byMain.get(main.basicUser);
  if (!credentials) {
    // The other roles keep the reference's identities: each is defined by its org, not by the run.
    const identities = [{ ...main, role: 'primary' as const }, ...reference.identities.filter((i) => i.role !== 'primary')];
    byMain.set(main.basicUser, (credentials = resolveCredentials(referenceSecrets(identities)).credentials));
  }
  return { ...credentials[identity]?.headers };
}

export default defineObserver({
  id: 'golden/golden-match',
  requirement: 'GOLDEN-MATCH',
  title: "Every answer equals the reference's answer to the same request",
  notApplicable: (profile) =>
    profile.canonicalDataset
      ? undefined
      : {
          reason: 'the profile does not declare the canonical reference dataset (canonicalDataset)',
          profileField: '/canonicalDataset',
        },
  observe(answer, { spec, profile }) {
    const { seed, size } = profile.canonicalDataset!;
    const reference = referenceFor(spec, seed, size);
    const url = new URL(answer.exchange.request.url);
    const expected = reference.handler({
      method: 'GET',
      path: spec.endpointPath,
      rawQuery: url.search.slice(1),
      headers: headersFor(reference, answer.exchange.request.identity, profile),
    });
    const contentType = expected.headers['content-type'];
    return compareWithExpected(
      { status: expected.status, bodyText: expected.body, ...(contentType ? { contentType } : {}) },
      answer,
      { whose: "the reference's", origin: `the reference, seed ${seed}, size ${size}` },
    );
  },
});
