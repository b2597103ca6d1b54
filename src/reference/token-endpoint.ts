/**
 * The reference's OAuth token endpoint, in front of any handler: `POST /v3/oauth/token/generate`
 * with `{"key","secret"}` answers `{"data":{"accessToken","ttlSeconds"},"errors":null}` as
 * Capillary documents it (endpoint facts §2.1). A token it issued stands for its identity's
 * own token until it expires; after that the handler behind sees an unknown token (401). The
 * lifetime is short on purpose, so that a run has to renew its token.
 */
import { randomBytes } from 'node:crypto';
import type { ReferenceResponse, ReferenceHandler } from '../core/handler.js';
import { TOKEN_PATH } from '../http/token-source.js';
import type { ReferenceIdentity } from './identities.js';

/** Seconds a token lives unless told otherwise: shorter than a whole certification. */
export const DEFAULT_TOKEN_TTL_SECONDS = 2;

export interface TokenEndpointOptions {
  readonly identities: readonly ReferenceIdentity[];
  /** @default DEFAULT_TOKEN_TTL_SECONDS */
  readonly ttlSeconds?: number;
  /** The token URL's path, base-URL prefix included. @default '/v3/oauth/token/generate' */
  readonly path?: string;
  /** The milliseconds clock; tests pass their own. @default Date.now */
  readonly now?: () => number;
}

/** The handler with the token endpoint, and what tests need to watch and provoke it. */
export interface TokenEndpointHandler extends ReferenceHandler {
  /** Tokens issued so far, in order. */
  readonly issued: readonly string[];
  /** Makes every issued token unknown at once (as a key rotation would): the next request with one is a 401. */
  revokeAll(): void;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

function failure(status: number, message: string): ReferenceResponse {
  return { status, headers: JSON_HEADERS, body: JSON.stringify({ data: null, errors: [{ code: status, message }] }) };
}

export function withTokenEndpoint(handler: ReferenceHandler, options: TokenEndpointOptions): TokenEndpointHandler {
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const path = options.path ?? TOKEN_PATH;
  const now = options.now ?? Date.now;
  const live = new Map<string, { readonly identity: ReferenceIdentity; readonly expiresAt: number }>();
  const issued: string[] = [];

  const generate = (body: string | undefined): ReferenceResponse => {
    let client: { key?: unknown; secret?: unknown };
    try {
      client = JSON.parse(body ?? '') as typeof client;
    } catch {
      return failure(400, 'the body must be JSON: {"key": "…", "secret": "…"}');
    }
    const identity = options.identities.find((i) => i.oauthKey === client?.key && i.oauthSecret === client?.secret);
    if (identity === undefined) return failure(401, 'Failed to generate OAuth token');
    for (const [token, grant] of live) if (grant.expiresAt <= now()) live.delete(token);
    const accessToken = randomBytes(24).toString('base64url');
    live.set(accessToken, { identity, expiresAt: now() + ttlSeconds * 1000 });
    issued.push(accessToken);
    return { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ data: { accessToken, ttlSeconds }, errors: null }) };
  };

  const serve: ReferenceHandler = (request) => {
    if (request.path === path) {
      if (request.method !== 'POST')
        return {
          status: 405,
          headers: { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' },
          body: 'Method Not Allowed',
        };
      return generate(request.body);
    }
    const grant = live.get(request.headers['x-cap-api-oauth-token'] ?? '');
    if (grant === undefined || grant.expiresAt <= now()) return handler(request);
    return handler({ ...request, headers: { ...request.headers, 'x-cap-api-oauth-token': grant.identity.oauthToken } });
  };
  return Object.assign(serve, { issued, revokeAll: () => live.clear() });
}
