/**
 * RESP-NO-SERVER-ERROR: no request, valid or not, is answered with a 5xx status. Proven by a
 * property over generated requests: valid ones, ones that break a rule or name absent data,
 * and ones with a malformed query string (stray `%`, bad hex, broken UTF-8, empty names).
 */
import { defineCheck } from '../../src/check/check.js';
import { caseArb } from '../../src/fuzz/cases.js';
import { whyNotFuzzable } from '../../src/fuzz/owners.js';
import { checkProperty } from '../../src/fuzz/property.js';
import { printRequest } from '../../src/fuzz/request.js';
import { describe } from '../support.js';

export default defineCheck({
  id: 'fuzz/no-server-error',
  requirement: 'RESP-NO-SERVER-ERROR',
  title: 'No generated request, valid, invalid or malformed, is answered with a 5xx status',
  async run(ctx) {
    const why = whyNotFuzzable(ctx.spec, ctx.profile);
    if (why) ctx.skip(why, { profileField: '/customers/*/events' });
    await checkProperty(ctx, {
      name: 'no generated request is answered 5xx',
      arbitrary: caseArb('no-server-error', ctx.spec, ctx.profile),
      print: printRequest,
      async examine(request, send) {
        const answer = await send(request);
        // A generated request is answered with a status below 500.
        if (answer.status < 500) return undefined;
        return {
          title: `A generated request is answered ${answer.status}`,
          received: describe(answer),
          documented: 'a status below 500 for every request, valid or not',
          answer,
        };
      },
    });
  },
});
