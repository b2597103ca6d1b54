/**
 * http/token-transport: sends a request of an identity whose token the kit fetches itself
 * (OAuth client credentials) with a token that is not about to expire, and, when the target
 * answers 401, renews the token once and sends the request again.
 */
import { errorExchange, exchangeIdSequence } from './record.js';
import type { Exchange, ResolvedCredentials, SchedulableTransport } from './types.js';

export function withRenewableTokens(
  inner: SchedulableTransport,
  credentials: ResolvedCredentials,
  closeTokens: () => Promise<void>,
): SchedulableTransport {
  const nextId = exchangeIdSequence();
  const sendWith: SchedulableTransport['sendWith'] = async (request, context) => {
    const token = credentials[request.identity]?.token;
    if (token === undefined) return inner.sendWith(request, context);
    let sent: string;
    try {
      sent = await token.fresh();
    } catch (error) {
      return errorExchange(
        context.id,
        inner.describeRequest(request, context.id),
        { code: 'CT_OAUTH_TOKEN', message: (error as Error).message },
        0,
      );
    }
    const first = await inner.sendWith(request, context);
    if (first.response?.status !== 401) {
      if (first.response !== undefined) token.accepted(sent);
      return first;
    }
    const renewed = await token.renewAfterRejection(sent);
    if (renewed === undefined || renewed === sent) return first;
    const second: Exchange = await inner.sendWith(request, context);
    if (second.response !== undefined && second.response.status !== 401) token.accepted(renewed);
    return { ...second, attempts: first.attempts + second.attempts, durationMs: first.durationMs + second.durationMs };
  };
  return {
    describeRequest: (request, id) => inner.describeRequest(request, id),
    sendWith,
    send: (request) => sendWith(request, { id: nextId() }),
    close: async () => {
      await Promise.all([inner.close(), closeTokens()]);
    },
  };
}
