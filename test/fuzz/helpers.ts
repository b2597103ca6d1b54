/** Calling the reference with generated requests, outside the engine (for arbitrary contracts). */
import type { FuzzRequest } from '../../src/fuzz/request.js';
import { wireQueryOf } from '../../src/fuzz/request.js';
import { basicAuthHeader } from '../../src/http/redact.js';
import type { Reference } from '../../src/reference/index.js';
import type { LoadedSpec } from '../../src/contract/load.js';

export interface ReferenceAnswer {
  readonly status: number;
  readonly code: number | undefined;
  readonly json: Record<string, unknown> | undefined;
}

/** The reference's answer to a generated request, as the wire carries it, with the primary identity. */
export function referenceAnswer(spec: LoadedSpec, reference: Reference, request: FuzzRequest): ReferenceAnswer {
  const primary = reference.identities.find((i) => i.role === 'primary')!;
  const response = reference.handler({
    method: 'GET',
    path: spec.endpointPath,
    rawQuery: wireQueryOf(request),
    headers: { authorization: basicAuthHeader(primary.basicUser, primary.basicPassword) },
  });
  const json = response.headers['content-type']?.startsWith('application/json')
    ? (JSON.parse(response.body) as Record<string, unknown>)
    : undefined;
  const errors = json?.['errors'];
  const code = Array.isArray(errors) ? (errors[0] as { code?: number }).code : undefined;
  return { status: response.status, code, json };
}
