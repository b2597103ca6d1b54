// The undici modules the kit loads (src/http/agent.ts) instead of the package's index, typed as
// the index types what it re-exports.
declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  import type { EnvHttpProxyAgent } from 'undici';
  const EnvHttpProxyAgentClass: typeof EnvHttpProxyAgent;
  export default EnvHttpProxyAgentClass;
}
declare module 'undici/lib/dispatcher/dispatcher.js' {
  import type { Dispatcher } from 'undici';
  const DispatcherClass: typeof Dispatcher;
  export default DispatcherClass;
}
declare module 'undici/lib/api/index.js' {
  /** request, stream, pipeline, connect, upgrade: the methods the index gives every dispatcher. */
  const api: Record<string, unknown>;
  export default api;
}
