/**
 * RESP-DETERMINISTIC: two identical requests receive the same status and the same body.
 * Proven by a property over generated requests (valid, invalid, malformed), each sent twice
 * at once.
 */
import { defineCheck } from '../../src/check/check.js';
import { caseArb } from '../../src/fuzz/cases.js';
import { whyNotFuzzable } from '../../src/fuzz/owners.js';
import { checkProperty } from '../../src/fuzz/property.js';
import { printRequest } from '../../src/fuzz/request.js';
import { firstDifference, sameBody } from '../support.js';

export default defineCheck({
  id: 'fuzz/deterministic',
  requirement: 'RESP-DETERMINISTIC',
  title: 'Every generated request, sent twice, gets the same status and the same body',
  async run(ctx) {
    const why = whyNotFuzzable(ctx.spec, ctx.profile);
    if (why) ctx.skip(why, { profileField: '/customers/*/events' });
    await checkProperty(ctx, {
      name: 'a request sent twice gets the same answer',
      arbitrary: caseArb('deterministic', ctx.spec, ctx.profile),
      print: printRequest,
      async examine(request, send) {
        // Both copies go out together, so a target that varies with load or time shows it.
        const [first, second] = await Promise.all([send(request), send(request)]);
        // The same request gets the same status and the same body (JSON compared in canonical form).
        if (first.status === second.status && sameBody(first, second)) return undefined;
        const where =
          first.json !== undefined && second.json !== undefined
            ? ` (first difference at ${firstDifference(first.json, second.json)})`
            : '';
        return {
          title: 'The same request got two different answers',
          received: `${first.status} then ${second.status}${where}`,
          documented: 'the same status and body both times',
          answer: second,
        };
      },
    });
  },
});
