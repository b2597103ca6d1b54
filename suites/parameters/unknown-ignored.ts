/**
 * PARAM-UNKNOWN-IGNORED: a query parameter that the spec does not declare changes nothing in
 * the answer. The undeclared names tried are near misses of declared ones (a flag or a paging
 * parameter with its plural `s` added or dropped, such as getPaymentMode for getPaymentModes),
 * each with a value that would change the answer if it were read as the declared one, and
 * random names.
 */
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import { createRandom } from '../../src/core/random.js';
import type { ParameterModel } from '../../src/contract/parameters.js';
import { comparableBody, describe, eventIdsOf, eventIdsQuery, firstDifference, someCustomer } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import { defaultPageSize } from './helpers.js';

/** A valid value of a flag or number other than its default: what would show if it were read. */
function effectiveValue(parameter: ParameterModel): string | undefined {
  const fallback = parameter.defaultValue;
  const candidates =
    parameter.kind === 'boolean'
      ? [String(fallback !== true)]
      : parameter.kind === 'integer'
        ? [String(parameter.schema['minimum']), String(Number(fallback) + 1)]
        : [];
  return candidates.find((v) => v !== String(fallback) && parameter.check(v).valid);
}

/** The name with its plural `s` dropped, or added. */
const nearMiss = (name: string): string => (name.endsWith('s') ? name.slice(0, -1) : `${name}s`);

export default defineCheck({
  id: 'parameters/unknown-ignored',
  requirement: 'PARAM-UNKNOWN-IGNORED',
  title: 'Query parameters the spec does not declare change nothing in the answer',
  async run(ctx) {
    const customer = someCustomer(ctx, 2);
    // One event of each type of the ledger, so that any flag read by mistake shows.
    const events = [...new Map(customer.events.map((e) => [e.eventName, e])).values()].slice(0, defaultPageSize(ctx));
    const baseline: QueryPair[] = [...lookupPairs(customer.lookups[0]!), ...eventIdsQuery(events)];
    const declared = new Set(ctx.spec.parameters.map((p) => p.name));
    const random = createRandom(ctx.seed);
    const undeclared: QueryPair[] = [];
    for (const parameter of ctx.spec.parameters) {
      const value = effectiveValue(parameter);
      if (value !== undefined && !declared.has(nearMiss(parameter.name))) undeclared.push([nearMiss(parameter.name), value]);
    }
    for (let i = 0; i < 2; i++) {
      const name = `x${random.token(7, 'abcdefghijklmnopqrstuvwxyz')}`;
      if (!declared.has(name)) undeclared.push([name, random.token(5)]);
    }
    const [plain, ...answers] = await Promise.all([
      ctx.send(baseline),
      ...undeclared.map((pair) => ctx.send([...baseline, pair])),
    ]);
    // Without undeclared parameters the request is answered 200 with the selected events.
    if (plain!.status !== 200 || !eventIdsOf(plain!)?.length) {
      ctx.fail('The request without undeclared parameters is not answered 200 with events', {
        received: describe(plain!),
        documented: '200 with the selected events',
        answer: plain!,
      });
    }
    answers.forEach((answer, i) => {
      const [name, value] = undeclared[i]!;
      // An undeclared parameter leaves the status and the body as they were.
      if (answer.status !== plain!.status || comparableBody(answer) !== comparableBody(plain!)) {
        const where =
          answer.json !== undefined && plain!.json !== undefined
            ? ` (first difference at ${firstDifference(plain!.json, answer.json)})`
            : '';
        ctx.softFail(`The undeclared parameter ${name}=${value} changes the answer`, {
          received: `${describe(answer)}${where}`,
          documented: `the answer without it: ${describe(plain!)} (undeclared parameters are ignored)`,
          answer,
        });
      }
    });
  },
});
