/** An identity without read access to the Points resource is answered 403 with error 4000. */
import { defineCheck } from '../../src/check/check.js';
import { baselineQuery, describe, errorCodeOf } from '../support.js';

export default defineCheck({
  id: 'auth/forbidden',
  requirement: 'AUTH-FORBIDDEN',
  title: 'An identity without access to points is answered 403, error 4000',
  async run(ctx) {
    if (!ctx.canUse('forbidden'))
      ctx.skip('no identity without Points access is configured (LEDGER_CONFORMANCE_FORBIDDEN_*)', {
        environment: 'LEDGER_CONFORMANCE_FORBIDDEN_*',
      });
    const { status, code } = ctx.spec.knobs.auth.forbidden;
    const answer = await ctx.send(baselineQuery(ctx), { identity: 'forbidden' });
    if (answer.status !== status || errorCodeOf(answer) !== code) {
      ctx.fail(`An identity without Points access is not answered ${status} with error ${code}`, {
        received: describe(answer),
        documented: `${status}, error ${code}`,
        answer,
      });
    }
  },
});
