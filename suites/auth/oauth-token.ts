/** A valid token in the X-CAP-API-OAUTH-TOKEN header is accepted. */
import { defineCheck } from '../../src/check/check.js';
import { baselineQuery, describe } from '../support.js';

export default defineCheck({
  id: 'auth/oauth-token',
  requirement: 'AUTH-OAUTH-TOKEN',
  title: 'An OAuth token in X-CAP-API-OAUTH-TOKEN is accepted',
  async run(ctx) {
    if (!ctx.canUse('primary-oauth'))
      ctx.skip('no OAuth token is configured (LEDGER_CONFORMANCE_TOKEN)', { environment: 'LEDGER_CONFORMANCE_TOKEN' });
    const answer = await ctx.send(baselineQuery(ctx), { identity: 'primary-oauth' });
    if (answer.status !== 200)
      ctx.fail('A request with a valid OAuth token is not answered 200', {
        received: describe(answer),
        documented: '200',
        answer,
      });
  },
});
