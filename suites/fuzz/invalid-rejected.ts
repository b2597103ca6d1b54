/**
 * PARAM-INVALID-REJECTED: every request that breaks a parameter rule judged at MUST is answered
 * with the status and code of a rule it breaks. Proven by a property over valid requests with
 * one to three mutations (src/fuzz/invalid-request.ts, src/fuzz/mutations/) whose broken rules all prove MUST
 * requirements; the rules broken are read from the request as the target parses it, by the
 * rules of x-ledger-errors (src/contract/rules.ts). Which of them answers, and whether data is looked
 * up first, is the spec's order (D5), judged at SHOULD by ERR-PRECEDENCE: here the answer of any
 * rule broken, or of a rule that needs data, is accepted. A mutation that only names absent data
 * breaks no rule of the request alone: its answer is 200 or the status and code of a rule that
 * needs data.
 */
import { defineCheck } from '../../src/check/check.js';
import { caseArb } from '../../src/fuzz/cases.js';
import { expectationOf, isAnswerOf, ruleAnswer, toleratedBy } from '../../src/fuzz/oracle.js';
import { whyNotFuzzable } from '../../src/fuzz/owners.js';
import { checkProperty } from '../../src/fuzz/property.js';
import { printRequest } from '../../src/fuzz/request.js';
import { describe, errorCodeOf } from '../support.js';

export default defineCheck({
  id: 'fuzz/invalid-rejected',
  requirement: 'PARAM-INVALID-REJECTED',
  title: 'Every generated invalid request is answered with the status and code of a rule it breaks',
  async run(ctx) {
    const why = whyNotFuzzable(ctx.spec, ctx.profile);
    if (why) ctx.skip(why, { profileField: '/customers/*/events' });
    await checkProperty(ctx, {
      name: 'an invalid request is answered as a rule it breaks',
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
          // A request that breaks rules is answered with the status and code of one of them, or of a rule that needs data.
          if ([...expected.broken.map((m) => m.rule), ...expected.lookups].some((r) => isAnswerOf(r, answer.status, code)))
            return undefined;
          const others = expected.broken.slice(1).map((m) => ruleAnswer(m.rule));
          return {
            title: `An invalid request is not answered with error ${rule.code}${others.length > 0 ? ' or another rule it breaks' : ''}`,
            received: describe(answer),
            documented: `${ruleAnswer(rule)}, the first rule it breaks${parameter !== undefined ? ` (${parameter})` : ''}: ${rule.pointer}${others.length > 0 ? `; or ${others.join(', ')}` : ''}; or a rule that needs data`,
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
