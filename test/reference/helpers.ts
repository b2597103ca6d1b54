import { encodeQuery } from '../../src/core/query.js';
import type { QueryPair } from '../../src/core/query.js';
import { basicAuthHeader } from '../../src/http/redact.js';
import { createReference, type Reference } from '../../src/reference/index.js';
import type { ReferenceIdentity } from '../../src/reference/identities.js';
import { loadSpec } from '../../src/contract/load.js';

export const spec = loadSpec();

/** Query pairs as the wire carries them. */
export const queryOf = encodeQuery;

export function headersFor(identity: ReferenceIdentity, style: 'basic' | 'oauth' = 'basic'): Record<string, string> {
  return style === 'basic'
    ? { authorization: basicAuthHeader(identity.basicUser, identity.basicPassword) }
    : { 'x-cap-api-oauth-token': identity.oauthToken };
}

/** Calls the reference's handler as the engine would, with the primary identity unless told. */
export function call(reference: Reference, pairs: readonly QueryPair[], headers?: Record<string, string>) {
  const response = reference.handler({
    method: 'GET',
    path: spec.endpointPath,
    rawQuery: queryOf(pairs),
    headers: headers ?? headersFor(reference.identities.find((i) => i.role === 'primary')!),
  });
  return {
    ...response,
    json: response.headers['content-type']?.startsWith('application/json')
      ? (JSON.parse(response.body) as Record<string, unknown>)
      : undefined,
  };
}

export const reference = createReference(spec);
