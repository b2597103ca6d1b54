/**
 * http/token-post: how the OAuth token POST reaches the token endpoint. Over the network it
 * goes through the same proxy and TLS settings as every other request; against the reference
 * in-process it is a call of the handler. It is the only request the kit sends that is not a
 * GET, and it only ever goes to the token URL.
 */
import { createAgent, type AgentOptions } from './agent.js';
import type { ReferenceHandler, ReferenceResponse } from '../core/handler.js';
import { CappedBody } from './record.js';
import type { TokenPost } from './token-source.js';

/** Token answers are small; anything beyond this is cut (and then fails to parse). */
const MAX_TOKEN_ANSWER_BYTES = 64 * 1024;

const headersOf = (userAgent: string): Record<string, string> => ({
  'content-type': 'application/json',
  accept: 'application/json',
  'user-agent': userAgent,
});

/** A POST over HTTP(S); `close` releases its connections. Redirects are not followed. */
export function httpTokenPost(options: AgentOptions & { readonly userAgent: string }): {
  readonly post: TokenPost;
  close(): Promise<void>;
} {
  let agent: ReturnType<typeof createAgent> | undefined;
  return {
    async post(url, body) {
      agent ??= createAgent(options);
      const target = new URL(url);
      const answer = await agent.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers: headersOf(options.userAgent),
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const captured = new CappedBody(MAX_TOKEN_ANSWER_BYTES);
      for await (const chunk of answer.body as AsyncIterable<Buffer>) if (!captured.push(chunk)) break;
      return { status: answer.statusCode, bodyText: captured.bytes.toString('utf8') };
    },
    close: async () => {
      await agent?.close();
    },
  };
}

/** The POST as a call of an in-process handler (the reference's token endpoint). */
export function inProcessTokenPost(
  handler: ReferenceHandler<ReferenceResponse | Promise<ReferenceResponse>>,
  userAgent: string,
): TokenPost {
  return async (url, body) => {
    const target = new URL(url);
    const answer = await handler({
      method: 'POST',
      path: target.pathname,
      rawQuery: target.search.slice(1),
      headers: { host: target.host, ...headersOf(userAgent) },
      body,
    });
    return { status: answer.status, bodyText: answer.body };
  };
}
