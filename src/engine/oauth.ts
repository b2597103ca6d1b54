/**
 * The OAuth client credentials of a target: one token source per principal configured with a
 * key and secret, all posting to the one token URL, through the same network settings as the
 * run (or to the reference's handler in-process).
 */
import type { PrincipalName, TokenFactory } from '../http/credentials.js';
import type { Redactor } from '../http/redact.js';
import { defaultUserAgent } from '../http/record.js';
import { httpTokenPost, inProcessTokenPost } from '../http/token-post.js';
import { createTokenSource, TOKEN_PATH, TokenError, type TokenPost, type TokenSource } from '../http/token-source.js';
import { UsageError } from '../core/errors.js';
import type { Destination } from './destination.js';

/** The environment variables of each principal start with these. */
export const PRINCIPAL_ENV_PREFIX: Readonly<Record<PrincipalName, string>> = {
  primary: 'LEDGER_CONFORMANCE',
  forbidden: 'LEDGER_CONFORMANCE_FORBIDDEN',
  breakupDisabled: 'LEDGER_CONFORMANCE_BREAKUP_DISABLED',
};

/** `{base}/v3/oauth/token/generate`: the base URL's path prefix is kept. */
export function defaultTokenUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${TOKEN_PATH}`;
}

export interface TargetTokens {
  readonly factory: TokenFactory;
  /** Fetches each configured principal's first token; refused credentials are a usage error (exit 2). */
  authenticate(): Promise<void>;
  /** Token requests sent so far. */
  requests(): number;
  close(): Promise<void>;
}

export interface TargetTokensOptions {
  readonly destination: Destination;
  readonly tokenUrl: string;
  readonly redactor: Redactor;
  readonly version: string;
  readonly insecure?: boolean;
  readonly timeoutMs: number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function targetTokens(options: TargetTokensOptions): TargetTokens {
  const userAgent = defaultUserAgent(options.version);
  const http =
    options.destination.kind === 'http'
      ? httpTokenPost({ insecure: options.insecure, timeoutMs: options.timeoutMs, env: options.env, userAgent })
      : undefined;
  const post: TokenPost =
    http?.post ?? inProcessTokenPost((options.destination as Extract<Destination, { kind: 'in-process' }>).handler, userAgent);
  const sources = new Map<PrincipalName, TokenSource>();
  return {
    factory(client, principal) {
      const source = createTokenSource({ client, url: options.tokenUrl, post, redactor: options.redactor });
      sources.set(principal, source);
      return source;
    },
    async authenticate() {
      for (const [principal, source] of sources) {
        try {
          await source.fresh();
        } catch (error) {
          // Unreachable: the run goes on and records why nothing could be sent (exit 3, with reports).
          if (error instanceof TokenError && error.refused)
            throw new UsageError(
              `${PRINCIPAL_ENV_PREFIX[principal]}_OAUTH_KEY`,
              `${error.message} (check the key and secret, and --oauth-token-url)`,
            );
        }
      }
    },
    requests: () => [...sources.values()].reduce((total, source) => total + source.requests, 0),
    close: async () => {
      await http?.close();
    },
  };
}
