/**
 * src/http/agent.ts loads undici's EnvHttpProxyAgent from its own module rather than from the
 * package's index (which loads all of undici), and gives dispatchers the methods the index gives
 * them: the class must be the very one the index exports, so that an upgrade of undici which
 * moves or changes it fails here, not on a user's machine.
 */
import { describe, expect, it } from 'vitest';
import { EnvHttpProxyAgent } from 'undici';
import EnvHttpProxyAgentClass from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import { createAgent } from '../../src/http/agent.js';

describe("undici's agent, loaded from its own module", () => {
  it('is the class the package exports', () => {
    expect(EnvHttpProxyAgentClass).toBe(EnvHttpProxyAgent);
  });

  it('is what createAgent builds, with the methods the index gives every dispatcher', async () => {
    const agent = createAgent({ timeoutMs: 1000, env: {} });
    expect(agent).toBeInstanceOf(EnvHttpProxyAgent);
    // request: the OAuth token POST; connect: a proxy tunnel (test/http/http-transport.test.ts uses both).
    for (const method of ['request', 'connect', 'stream', 'pipeline', 'upgrade'] as const)
      expect(typeof agent[method]).toBe('function');
    await agent.close();
  });
});
