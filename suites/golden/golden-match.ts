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
import { comparableBody, firstDifference, valueAt } from '../support.js';

const references = new Map<string, Reference>();

function referenceFor(spec: LoadedSpec, seed: number, size: number): Reference {
  // The effective spec: two dialects of one file serve different answers.
  const key = `${spec.effectiveSha256} ${seed} ${size}`;
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
    // Byte-identical answers need no parsing (the common case, and the self-test's hot path).
    if (expected.status === answer.status && expected.body === answer.bodyText) return [];
    const expectedJson = expected.headers['content-type']?.startsWith('application/json') ? (JSON.parse(expected.body) as unknown) : undefined;
    const expectedAnswer = { json: expectedJson, bodyText: expected.body } as Parameters<typeof comparableBody>[0];
    if (expected.status === answer.status && comparableBody(expectedAnswer) === comparableBody(answer)) return [];
    if (expected.status !== answer.status) {
      return [{ title: `Status differs from the reference's`, received: String(answer.status), documented: `${expected.status} (the reference, seed ${seed}, size ${size})`, key: `status ${expected.status} ${answer.status}` }];
    }
    const at = expectedJson !== undefined && answer.json !== undefined ? (firstDifference(expectedJson, answer.json) ?? '/') : '/';
    const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 200));
    return [
      {
        title: `Body differs from the reference's at ${at}`,
        received: `${at} = ${show(answer.json !== undefined ? valueAt(answer.json, at) : answer.bodyText)}`,
        documented: `${at} = ${show(expectedJson !== undefined ? valueAt(expectedJson, at) : expected.body)} (the reference, seed ${seed}, size ${size})`,
        key: `body ${at.replace(/\/\d+(?=\/|$)/g, '/*')}`,
      },
    ];
  },
});
