/** Capillary Basic credentials (Base64 of user and the MD5 of the password) are accepted. */
import { defineCheck } from '../../src/check/check.js';
import { baselineQuery, describe } from '../support.js';

export default defineCheck({
  id: 'auth/basic',
  requirement: 'AUTH-BASIC',
  title: 'Capillary Basic credentials are accepted',
  async run(ctx) {
    if (!ctx.canUse('primary-basic'))
      ctx.skip('no Basic credentials are configured (LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD)', {
        environment: 'LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD',
      });
    const answer = await ctx.send(baselineQuery(ctx), { identity: 'primary-basic' });
    if (answer.status !== 200)
      ctx.fail('A request with Capillary Basic credentials is not answered 200', {
        received: describe(answer),
        documented: '200',
        answer,
      });
  },
});
