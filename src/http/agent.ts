/**
 * http/agent: the one undici dispatcher configuration for everything the kit sends over the
 * network (the endpoint's GETs and the OAuth token POST): proxies from the environment, TLS
 * verified unless the user opts out, and the per-request timeout on connecting, headers and body.
 */
import type { EnvHttpProxyAgent } from 'undici';
// The agent's own modules, not undici's index: the index loads all of undici (fetch, WebSocket,
// mocks, cookies, caches): about 100 ms more CPU before a command's first request (measured).
// test/http/undici-agent.test.ts holds these to what the index exports.
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js';
import dispatcherApi from 'undici/lib/api/index.js';
import EnvHttpProxyAgentClass from 'undici/lib/dispatcher/env-http-proxy-agent.js';

// What the index does when it loads: every dispatcher gains request, connect (a proxy tunnel), stream…
Object.assign(DispatcherClass.prototype, dispatcherApi);

export interface AgentOptions {
  readonly insecure?: boolean;
  readonly timeoutMs: number;
  /** Where `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (or their lower-case forms, which win) are read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

function proxySetting(env: Readonly<Record<string, string | undefined>>, name: string): string {
  // An explicit empty string stops undici from reading process.env behind the caller's back.
  return env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '';
}

export function createAgent(options: AgentOptions): EnvHttpProxyAgent {
  const tls = { rejectUnauthorized: options.insecure !== true };
  return new EnvHttpProxyAgentClass({
    httpProxy: proxySetting(options.env, 'http_proxy'),
    httpsProxy: proxySetting(options.env, 'https_proxy'),
    noProxy: proxySetting(options.env, 'no_proxy'),
    connect: { ...tls, timeout: options.timeoutMs },
    // Through a proxy tunnel, undici takes the target's TLS options from here instead.
    requestTls: tls,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
}
