/**
 * PARAM-INVALID-REJECTED: every request that breaks a parameter rule is answered with the
 * status and code of the first rule it breaks. Proven by a property over valid requests with
 * one to three mutations (src/fuzz/invalid-request.ts); the expected answer is predicted from
 * the request as the target parses it, by the rules of x-ledger-errors (src/spec/rules.ts).
 * A mutation that only names absent data breaks no rule of the request alone: its answer is
 * 200 or the status and code of a rule that needs data.
 */
import { defineCheck } from '../../src/engine/check.js';
import { caseArb } from '../../src/fuzz/cases.js';
import { expectationOf, isAnswerOf, ruleAnswer, toleratedBy } from '../../src/fuzz/oracle.js';
import { whyNotFuzzable } from '../../src/fuzz/owners.js';
import { checkProperty } from '../../src/fuzz/property.js';
import { printRequest } from '../../src/fuzz/request.js';
import { describe, errorCodeOf } from '../support.js';

export default defineCheck({
  id: 'fuzz/invalid-rejected',
  requirement: 'PARAM-INVALID-REJECTED',
  title: 'Every generated invalid request is answered with the status and code of the first rule it breaks',
  async run(ctx) {
    const why = whyNotFuzzable(ctx.spec, ctx.profile);
    if (why) ctx.skip(why);
    await checkProperty(ctx, {
      name: 'an invalid request is answered as the first rule it breaks',
      arbitrary: caseArb('invalid-rejected', ctx.spec, ctx.profile),
      print: printRequest,
      async examine(request, send) {
        const answer = await send(request);
        const code = errorCodeOf(answer);
        // A latitude below MUST that the target withholds is judged by its own requirement.
        if (toleratedBy(request, answer.status, code)) return undefined;
        const expected = expectationOf(ctx.spec, request);
        if (expected.kind === 'rule') {
          const { rule, parameter } = expected.match;
          // A request that breaks a rule is answered with the status and code of the first rule it breaks.
          if (isAnswerOf(rule, answer.status, code)) return undefined;
          return {
            title: `An invalid request is not answered with error ${rule.code}`,
            received: describe(answer),
            documented: `${ruleAnswer(rule)}, the first rule it breaks${parameter !== undefined ? ` (${parameter})` : ''}: ${rule.pointer}`,
            answer,
          };
        }
        // A request that breaks no rule of the request alone is answered 200 or as a rule that needs data.
        if (answer.status === 200 || expected.rules.some((rule) => isAnswerOf(rule, answer.status, code))) return undefined;
        return {
          title: `A request that names absent data is answered ${answer.status}${code !== undefined ? ` with error ${code}` : ''}`,
          received: describe(answer),
          documented: `200, or a rule that needs data: ${[...new Set(expected.rules.map((r) => `${ruleAnswer(r)} (${r.trigger.kind})`))].join('; ')}`,
          answer,
        };
      },
    });
  },
});
