/** A 401 answer carries a WWW-Authenticate challenge (RFC 9110 section 11.6.1). */
import { defineCheck } from '../../src/check/check.js';
import { baselineQuery } from '../support.js';

export default defineCheck({
  id: 'auth/challenge',
  requirement: 'AUTH-CHALLENGE',
  title: 'A 401 carries a WWW-Authenticate challenge',
  async run(ctx) {
    const status = ctx.spec.knobs.auth.unauthenticated.status;
    const answer = await ctx.send(baselineQuery(ctx), { identity: 'none' });
    // Whether the 401 comes at all is AUTH-REQUIRED's finding.
    if (answer.status !== status) ctx.skip(`the request without credentials was answered ${answer.status}, not ${status}`);
    if (!answer.headers['www-authenticate']) {
      ctx.fail('A 401 carries no WWW-Authenticate challenge', {
        received: 'no WWW-Authenticate header',
        documented: 'WWW-Authenticate (#/components/responses/Unauthenticated/headers)',
        answer,
      });
    }
  },
});
