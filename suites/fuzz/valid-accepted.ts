/**
 * PARAM-VALID-ACCEPTED: every request that keeps all parameter rules and names existing data is
 * answered 200 with a valid body. Proven by a property over valid requests generated from the
 * spec's parameters and the profile's handles (see src/fuzz/valid-request.ts).
 */
import { defineCheck } from '../../src/check/check.js';
import { caseArb } from '../../src/fuzz/cases.js';
import { dialectAnswersOf, toleratedBy } from '../../src/fuzz/oracle.js';
import { whyNotFuzzable } from '../../src/fuzz/owners.js';
import { checkProperty } from '../../src/fuzz/property.js';
import { printRequest } from '../../src/fuzz/request.js';
import { describe, errorCodeOf } from '../support.js';

export default defineCheck({
  id: 'fuzz/valid-accepted',
  requirement: 'PARAM-VALID-ACCEPTED',
  title: 'Every generated valid request is answered 200 with a body valid against its schema',
  async run(ctx) {
    const why = whyNotFuzzable(ctx.spec, ctx.profile);
    if (why) ctx.skip(why, { profileField: '/customers/*/events' });
    const ok = ctx.spec.responses.get(200)!;
    await checkProperty(ctx, {
      name: 'a valid request is answered 200 with a valid body',
      arbitrary: caseArb('valid-accepted', ctx.spec, ctx.profile),
      print: printRequest,
      async examine(request, send) {
        const answer = await send(request);
        const code = errorCodeOf(answer);
        if (answer.status !== 200) {
          // A target that withholds a latitude below MUST (a letter case) answers as that
          // latitude's own requirement says; its suite judges it, this property does not.
          if (toleratedBy(request, answer.status, code)) return undefined;
          // A dialect may answer some valid requests with an error (a page past the end, an unknown currency name).
          if (dialectAnswersOf(ctx.spec, ctx.profile, request).some((a) => a.status === answer.status && a.code === code))
            return undefined;
          // A valid request is answered 200.
          return {
            title: `A valid request is answered ${answer.status}${code !== undefined ? ` with error ${code}` : ''}`,
            received: describe(answer),
            documented: '200: the request keeps every parameter rule and names data the profile holds',
            answer,
          };
        }
        // The 200 body of a valid request validates against the 200 response's schema.
        const issues =
          answer.json === undefined
            ? [{ instancePath: '', message: 'the body is not JSON' }]
            : (ok.validate?.(answer.json) ?? []);
        if (issues.length === 0) return undefined;
        return {
          title: 'A valid request is answered 200 with a body that breaks its schema',
          received: `200, body invalid at ${issues[0]!.instancePath || '/'}: ${issues[0]!.message}`,
          documented: `a body valid against the schema of ${ok.pointer}`,
          answer,
        };
      },
    });
  },
});
