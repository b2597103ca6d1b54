/** Faults of authentication and authorisation. */
import { basicAuthHeader } from '../../http/redact.js';
import { defineFault, type Fault, type FaultContext } from '../fault.js';
import { rewriteHeaders, rewriteResponse } from '../wrappers.js';

const primaryHeader = (ctx: FaultContext): string => {
  const primary = ctx.identities.find((i) => i.role === 'primary')!;
  return basicAuthHeader(primary.basicUser, primary.basicPassword);
};
const isForbiddenCaller = (ctx: FaultContext, headers: Record<string, string>): boolean => {
  const forbidden = ctx.identities.find((i) => i.role === 'forbidden')!;
  return (
    headers['authorization'] === basicAuthHeader(forbidden.basicUser, forbidden.basicPassword) ||
    headers['x-cap-api-oauth-token'] === forbidden.oauthToken
  );
};

export const faults: readonly Fault[] = [
  defineFault({
    id: 'auth/not-enforced',
    title: 'a request without credentials is served as the default till',
    trips: ['AUTH-REQUIRED'],
    build: (ctx) =>
      rewriteHeaders(ctx.reference, (h) =>
        h['authorization'] || h['x-cap-api-oauth-token'] ? h : { ...h, authorization: primaryHeader(ctx) },
      ),
  }),
  defineFault({
    id: 'auth/unhashed-password-accepted',
    title: 'Basic credentials are accepted with the plain password as well as its MD5',
    trips: ['AUTH-WRONG-CREDENTIALS'],
    build: (ctx) => {
      const primary = ctx.identities.find((i) => i.role === 'primary')!;
      const plain = 'Basic ' + Buffer.from(`${primary.basicUser}:${primary.basicPassword}`).toString('base64');
      return rewriteHeaders(ctx.reference, (h) =>
        h['authorization'] === plain ? { ...h, authorization: primaryHeader(ctx) } : h,
      );
    },
  }),
  defineFault({
    id: 'auth/any-token-accepted',
    title: 'any X-CAP-API-OAUTH-TOKEN is accepted without being verified',
    trips: ['AUTH-WRONG-CREDENTIALS'],
    build: (ctx) =>
      rewriteHeaders(ctx.reference, (h) =>
        h['x-cap-api-oauth-token'] && !ctx.identities.some((i) => i.oauthToken === h['x-cap-api-oauth-token'])
          ? { authorization: primaryHeader(ctx) }
          : h,
      ),
  }),
  defineFault({
    id: 'auth/oauth-header-unsupported',
    title: 'the X-CAP-API-OAUTH-TOKEN header is not read (only Basic works)',
    trips: ['AUTH-OAUTH-TOKEN'],
    build: (ctx) =>
      rewriteHeaders(ctx.reference, (h) =>
        Object.fromEntries(Object.entries(h).filter(([name]) => name !== 'x-cap-api-oauth-token')),
      ),
  }),
  defineFault({
    id: 'auth/basic-unsupported',
    title: 'Basic credentials are refused (only OAuth tokens work)',
    trips: ['AUTH-BASIC'],
    build: (ctx) =>
      rewriteHeaders(ctx.reference, (h) => Object.fromEntries(Object.entries(h).filter(([name]) => name !== 'authorization'))),
  }),
  defineFault({
    id: 'auth/access-group-ignored',
    title: 'a till without access to the Points resource is served like any other',
    trips: ['AUTH-FORBIDDEN'],
    build: (ctx) => rewriteHeaders(ctx.reference, (h) => (isForbiddenCaller(ctx, h) ? { authorization: primaryHeader(ctx) } : h)),
  }),
  defineFault({
    id: 'auth/forbidden-as-401',
    title: 'a till without access to points is answered 401 instead of 403',
    trips: ['AUTH-FORBIDDEN'],
    build: (ctx) =>
      rewriteResponse(ctx.reference, (r, request) =>
        isForbiddenCaller(ctx, request.headers)
          ? {
              status: 401,
              headers: { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="Capillary"' },
              body: 'Unauthorized',
            }
          : r,
      ),
  }),
  defineFault({
    id: 'auth/no-challenge',
    title: 'a 401 carries no WWW-Authenticate header',
    trips: ['AUTH-CHALLENGE'],
    build: (ctx) =>
      rewriteResponse(ctx.reference, (r) =>
        r.status === 401
          ? { ...r, headers: Object.fromEntries(Object.entries(r.headers).filter(([n]) => n !== 'www-authenticate')) }
          : r,
      ),
  }),
  defineFault({
    id: 'auth/login-redirect',
    title: 'a request without valid credentials is redirected to a login page',
    trips: ['AUTH-REQUIRED', 'RESP-STATUS'],
    build: (ctx) =>
      rewriteResponse(ctx.reference, (r) =>
        r.status === 401
          ? { status: 302, headers: { location: '/login', 'content-type': 'text/html' }, body: '<a href="/login">login</a>' }
          : r,
      ),
  }),
];
