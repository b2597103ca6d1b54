/**
 * http/token-source: Capillary's OAuth client credentials. The kit POSTs `{"key","secret"}` as
 * JSON to the token URL (`{base}/v3/oauth/token/generate` unless told), sends the answer's
 * `data.accessToken` as `X-CAP-API-OAUTH-TOKEN`, fetches a new one before `data.ttlSeconds` runs
 * out, and once more after a 401. Every key, secret and token goes to the redactor first.
 */
import type { Redactor } from './redact.js';
import type { RenewableToken } from './types.js';

/** Where Capillary serves the client-credentials call, below the base URL (endpoint facts §2.1). */
export const TOKEN_PATH = '/v3/oauth/token/generate';

/** An API client's key and secret. */
export interface OAuthClient {
  readonly key: string;
  readonly secret: string;
}

/** What the token endpoint answered, or why nothing came back (then the promise rejects). */
export interface TokenAnswer {
  readonly status: number;
  readonly bodyText: string;
}

/** Sends the one POST the kit makes: `body` (JSON) to `url`. */
export type TokenPost = (url: string, body: string) => Promise<TokenAnswer>;

/** The token endpoint gave no token. `refused`: it answered, and said no (4xx, or no token in a 2xx). */
export class TokenError extends Error {
  constructor(
    message: string,
    readonly refused: boolean,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface TokenSourceOptions {
  readonly client: OAuthClient;
  readonly url: string;
  readonly post: TokenPost;
  readonly redactor: Redactor;
  /** The milliseconds clock; tests pass their own. @default Date.now */
  readonly now?: () => number;
}

export interface TokenSource extends RenewableToken {
  /** Token requests sent so far. */
  readonly requests: number;
}

/** Renew this long before expiry: a fifth of the lifetime, at most 30 s. */
function marginMs(ttlSeconds: number): number {
  return Math.min(30_000, (ttlSeconds * 1000) / 5);
}

/** `data.accessToken` and `data.ttlSeconds` of a 2xx answer; a `TokenError` for anything else. */
export function grantOf(answer: TokenAnswer, url: string): { readonly accessToken: string; readonly ttlSeconds: number } {
  const excerpt = answer.bodyText.slice(0, 300);
  if (answer.status < 200 || answer.status > 299) {
    throw new TokenError(
      `the token endpoint ${url} answered ${answer.status}: ${excerpt}`,
      answer.status >= 400 && answer.status < 500,
    );
  }
  let data: { accessToken?: unknown; ttlSeconds?: unknown } | undefined;
  try {
    data = (JSON.parse(answer.bodyText) as { data?: typeof data }).data;
  } catch {
    data = undefined;
  }
  // The token goes into a header: visible ASCII only, so it cannot smuggle a line into the request.
  if (
    typeof data?.accessToken !== 'string' ||
    !/^[\x21-\x7e]+$/.test(data.accessToken) ||
    typeof data.ttlSeconds !== 'number' ||
    !(data.ttlSeconds > 0)
  ) {
    throw new TokenError(
      `the token endpoint ${url} answered ${answer.status} without a data.accessToken (visible ASCII) and a positive data.ttlSeconds: ${excerpt}`,
      true,
    );
  }
  return { accessToken: data.accessToken, ttlSeconds: data.ttlSeconds };
}

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const now = options.now ?? Date.now;
  const body = JSON.stringify({ key: options.client.key, secret: options.client.secret });
  // `doubtful`: fetched after a 401 and not yet accepted by the target; a 401 to it stands.
  let grant: { readonly token: string; readonly renewAt: number; doubtful: boolean } | undefined;
  let pending: Promise<string> | undefined;
  let requests = 0;

  const fetchToken = (afterRejection: boolean): Promise<string> => {
    pending ??= (async () => {
      requests += 1;
      let answer: TokenAnswer;
      try {
        answer = await options.post(options.url, body);
      } catch (error) {
        throw new TokenError(`the token endpoint ${options.url} did not answer: ${(error as Error).message}`, false);
      }
      const { accessToken, ttlSeconds } = grantOf(
        { status: answer.status, bodyText: options.redactor.redact(answer.bodyText) },
        options.url,
      );
      // Redacted before anything can record it.
      options.redactor.add(accessToken);
      grant = { token: accessToken, renewAt: now() + ttlSeconds * 1000 - marginMs(ttlSeconds), doubtful: afterRejection };
      return accessToken;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  return {
    get requests() {
      return requests;
    },
    current: () => grant?.token,
    accepted(token) {
      if (grant?.token === token) grant.doubtful = false;
    },
    fresh: () => (grant !== undefined && now() < grant.renewAt ? Promise.resolve(grant.token) : fetchToken(false)),
    async renewAfterRejection(rejected) {
      try {
        if (pending) return await pending;
        // Someone renewed it already: retry with theirs.
        if (grant !== undefined && grant.token !== rejected) return grant.token;
        // A token fetched because of a 401 and refused before it was ever accepted: the 401 stands.
        if (grant?.doubtful) return undefined;
        return await fetchToken(true);
      } catch {
        return undefined;
      }
    },
  };
}
