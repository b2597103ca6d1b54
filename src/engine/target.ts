/**
 * The target of a run: where requests go (a URL over HTTP, or a handler in-process), with
 * which credentials, through which queue. Secrets enter here and stay inside the transport;
 * everything else sees identity names and a redactor that knows every secret.
 */
import { resolveCredentials, type PrincipalSecrets, type TargetSecrets } from '../http/credentials.js';
import { createHttpTransport } from '../http/http-transport.js';
import { createInProcessTransport } from '../http/in-process-transport.js';
import type { Destination } from './destination.js';
import { createRedactor, type Redactor } from '../http/redact.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../http/record.js';
import { createScheduler, type Scheduler } from '../http/scheduler.js';
import type { OAuthClient } from '../http/token-source.js';
import { withRenewableTokens } from '../http/token-transport.js';
import { UsageError } from '../core/errors.js';
import { defaultTokenUrl, PRINCIPAL_ENV_PREFIX, targetTokens } from './oauth.js';
import type { AuthStyle, Exchange, ResolvedCredentials } from '../http/types.js';
import type { LoadedSpec } from '../contract/load.js';

import { TOOL } from '../core/tool.js';

// Where it always was for its importers; it lives in core so the command line's start need not load the transports.
export { TOOL };

export interface TargetOptions {
  readonly spec: LoadedSpec;
  readonly destination: Destination;
  readonly secrets: TargetSecrets;
  readonly insecure?: boolean;
  readonly requestTimeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly concurrency?: number;
  readonly ratePerSecond?: number;
  readonly runDeadline?: number;
  /** Ends the run early (e.g. on Ctrl-C): what is in flight ends as an error, the reports are still written. */
  readonly signal?: AbortSignal;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where OAuth client credentials are exchanged for a token. @default `{base}/v3/oauth/token/generate` */
  readonly oauthTokenUrl?: string;
  /**
   * Sees every exchange the queue completes, the preflight's included (`record` keeps them as
   * the golden transcript of a real cluster). It must not throw.
   */
  readonly onExchange?: (exchange: Exchange) => void;
}

export interface Target {
  readonly transport: Scheduler;
  readonly credentials: ResolvedCredentials;
  readonly redactor: Redactor;
  readonly authStyle: AuthStyle;
  readonly baseUrl: string;
  /** Fetches the first OAuth token of each principal configured with client credentials (exit 2 when refused). */
  authenticate(): Promise<void>;
  /** OAuth token requests sent so far. */
  tokenRequests(): number;
}

export function openTarget(options: TargetOptions): Target {
  const destination = options.destination;
  const baseUrl = destination.kind === 'http' ? destination.baseUrl : (destination.baseUrl ?? 'http://in-process.invalid');
  const redactor = createRedactor();
  const env = options.env ?? process.env;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const tokenUrl = options.oauthTokenUrl ?? defaultTokenUrl(baseUrl);
  const tokens = targetTokens({
    destination,
    tokenUrl,
    redactor,
    version: TOOL.version,
    insecure: options.insecure,
    timeoutMs,
    env,
  });
  const { credentials, secrets } = resolveCredentials(options.secrets, tokens.factory);
  redactor.add(...secrets);
  const endpointPath = options.spec.endpointPath;
  // Undefined options fall back to each piece's documented default.
  const limits = { requestTimeoutMs: options.requestTimeoutMs, maxResponseBytes: options.maxResponseBytes };
  const inner =
    destination.kind === 'http'
      ? createHttpTransport({
          baseUrl: destination.baseUrl,
          endpointPath,
          credentials,
          version: TOOL.version,
          insecure: options.insecure,
          env: options.env,
          ...limits,
        })
      : createInProcessTransport({
          handler: destination.handler,
          credentials,
          endpointPath,
          baseUrl: destination.baseUrl,
          ...limits,
        });
  const queue = createScheduler(withRenewableTokens(inner, credentials, tokens.close), {
    concurrency: options.concurrency,
    ratePerSecond: options.ratePerSecond,
    runDeadline: options.runDeadline,
    signal: options.signal,
  });
  const transport = options.onExchange ? watched(queue, options.onExchange) : queue;
  const primary = credentials.primary;
  return {
    transport,
    credentials,
    redactor,
    authStyle: primary?.style ?? 'none',
    baseUrl,
    authenticate: tokens.authenticate,
    tokenRequests: tokens.requests,
  };
}

/** The queue, unchanged, except that every exchange it completes is shown to `onExchange` first. */
function watched(queue: Scheduler, onExchange: (exchange: Exchange) => void): Scheduler {
  const seen = (exchange: Exchange): Exchange => (onExchange(exchange), exchange);
  return {
    ...queue,
    send: async (request) => seen(await queue.send(request)),
    sendAs: async (request, id, options) => seen(await queue.sendAs(request, id, options)),
  };
}

/**
 * Secrets from the environment (`LEDGER_CONFORMANCE_*`) and flags; flags win. Undefined when
 * no primary credentials are configured at all. Half a credential (a user without its
 * password, `--auth oauth-token` without a token…) is a `UsageError` that names exactly the
 * variable that is missing, never a silent fallback to "none configured".
 */
export function secretsFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  flags: { user?: string; password?: string; token?: string; auth?: 'basic' | 'oauth-token' },
): TargetSecrets | undefined {
  const read = (prefix: string, f: { user?: string; password?: string; token?: string } = {}): PrincipalSecrets | undefined => {
    const user = f.user ?? nonEmpty(env[`${prefix}_USER`]);
    const password = f.password ?? nonEmpty(env[`${prefix}_PASSWORD`]);
    const token = f.token ?? nonEmpty(env[`${prefix}_TOKEN`]);
    const oauthClient = oauthClientOf(env, prefix, token);
    const userName = f.user !== undefined ? '--user' : `${prefix}_USER`;
    if (user !== undefined && password === undefined)
      throw new UsageError('credentials', `${userName} is set but ${prefix}_PASSWORD is not: Basic needs both`);
    if (user === undefined && password !== undefined)
      throw new UsageError('credentials', `${prefix}_PASSWORD is set but ${prefix}_USER is not: Basic needs both`);
    if (user === undefined && token === undefined && oauthClient === undefined) return undefined;
    return {
      ...(user !== undefined && password !== undefined ? { basic: { user, password } } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(oauthClient !== undefined ? { oauthClient } : {}),
    };
  };
  const primary = read(PRINCIPAL_ENV_PREFIX.primary, flags);
  if (flags.auth === 'oauth-token' && primary?.token === undefined && primary?.oauthClient === undefined) {
    throw new UsageError(
      '--auth',
      'oauth-token needs LEDGER_CONFORMANCE_TOKEN, or LEDGER_CONFORMANCE_OAUTH_KEY and LEDGER_CONFORMANCE_OAUTH_SECRET, which are not set',
    );
  }
  if (flags.auth === 'basic' && primary?.basic === undefined)
    throw new UsageError('--auth', 'basic needs LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD, which are not set');
  const forbidden = read(PRINCIPAL_ENV_PREFIX.forbidden);
  const breakupDisabled = read(PRINCIPAL_ENV_PREFIX.breakupDisabled);
  if (!primary) return undefined;
  return {
    primary: { ...primary, ...(flags.auth ? { preferredStyle: flags.auth } : {}) },
    ...(forbidden ? { forbidden } : {}),
    ...(breakupDisabled ? { breakupDisabled } : {}),
  };
}

/** An empty variable is an unset one (`export X=` in a CI file that lost its secret). */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** `<prefix>_OAUTH_KEY` and `_OAUTH_SECRET`: both or neither, and not with a fixed `<prefix>_TOKEN`. */
function oauthClientOf(
  env: Readonly<Record<string, string | undefined>>,
  prefix: string,
  token: string | undefined,
): OAuthClient | undefined {
  const key = nonEmpty(env[`${prefix}_OAUTH_KEY`]);
  const secret = nonEmpty(env[`${prefix}_OAUTH_SECRET`]);
  if (key === undefined && secret === undefined) return undefined;
  if (key === undefined)
    throw new UsageError(`${prefix}_OAUTH_KEY`, `must be set (and not empty) together with ${prefix}_OAUTH_SECRET`);
  if (secret === undefined)
    throw new UsageError(`${prefix}_OAUTH_SECRET`, `must be set (and not empty) together with ${prefix}_OAUTH_KEY`);
  if (token !== undefined)
    throw new UsageError(
      `${prefix}_TOKEN`,
      `cannot be combined with ${prefix}_OAUTH_KEY: give a fixed token or client credentials, not both`,
    );
  return { key, secret };
}
