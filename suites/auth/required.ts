/** A request without credentials is answered 401. */
import { defineCheck } from '../../src/check/check.js';
import { baselineQuery, describe } from '../support.js';

export default defineCheck({
  id: 'auth/required',
  requirement: 'AUTH-REQUIRED',
  title: 'A request without credentials is answered 401',
  async run(ctx) {
    const status = ctx.spec.knobs.auth.unauthenticated.status;
    const answer = await ctx.send(baselineQuery(ctx), { identity: 'none' });
    if (answer.status !== status)
      ctx.fail(`A request without credentials is not answered ${status}`, {
        received: describe(answer),
        documented: String(status),
        answer,
      });
  },
});
