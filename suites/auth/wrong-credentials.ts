/** A wrong Basic password, a password sent without its MD5 step, or an unknown token is answered 401. */
import { defineCheck } from '../../src/check/check.js';
import type { IdentityName } from '../../src/http/types.js';
import { baselineQuery, describe } from '../support.js';

const WRONG: readonly { identity: IdentityName; what: string }[] = [
  { identity: 'wrong-basic-password', what: 'a wrong Basic password' },
  { identity: 'unhashed-basic-password', what: 'the Basic password without its MD5 step' },
  { identity: 'wrong-oauth-token', what: 'an unknown OAuth token' },
];

export default defineCheck({
  id: 'auth/wrong-credentials',
  requirement: 'AUTH-WRONG-CREDENTIALS',
  title: 'Wrong, unhashed and unknown credentials are answered 401',
  async run(ctx) {
    const status = ctx.spec.knobs.auth.unauthenticated.status;
    const usable = WRONG.filter((w) => ctx.canUse(w.identity));
    if (usable.length === 0)
      ctx.skip('no credentials are configured to derive wrong ones from', {
        environment: 'LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD, or LEDGER_CONFORMANCE_TOKEN',
      });
    const query = baselineQuery(ctx);
    const answers = await Promise.all(usable.map(({ identity }) => ctx.send(query, { identity })));
    usable.forEach(({ what }, index) => {
      const answer = answers[index]!;
      if (answer.status !== status)
        ctx.softFail(`A request with ${what} is not answered ${status}`, {
          received: describe(answer),
          documented: String(status),
          answer,
        });
    });
  },
});
