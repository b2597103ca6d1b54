/** Two identical requests receive the same status and the same body. */
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import { customersWithEvents, eventIdCap, eventIdsQuery, firstDifference, sameBody } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';

export default defineCheck({
  id: 'schema/determinism',
  requirement: 'RESP-DETERMINISTIC',
  title: 'Identical requests, sent twice, get identical answers',
  async run(ctx) {
    const customers = customersWithEvents(ctx).slice(0, 3);
    if (customers.length === 0) ctx.skip('the profile lists no customer with events', { profileField: '/customers/*/events' });
    const flags = Object.keys(ctx.spec.knobs.flags).map((flag): QueryPair => [flag, 'true']);
    const requests: QueryPair[][] = customers.flatMap((c) => [
      [
        ...lookupPairs(c.lookups[0]!),
        ...eventIdsQuery(c.events.slice(0, eventIdCap(ctx.spec))),
        ...flags,
        [ctx.spec.knobs.alternateCurrencies.includeParameter, 'true'],
      ],
      [...lookupPairs(c.lookups[c.lookups.length - 1]!), ...eventIdsQuery(c.events.slice(0, 2)), ['limit', '1'], ['offset', '1']],
    ]);
    // An error answer must be as stable as a success.
    requests.push([...lookupPairs(customers[0]!.lookups[0]!)]);
    // Both copies go out together, so a target that varies with load or time shows it.
    const pairs = await Promise.all(requests.map(async (query) => Promise.all([ctx.send(query), ctx.send(query)])));
    for (const [first, second] of pairs) {
      if (first.status !== second.status || !sameBody(first, second)) {
        const where =
          first.json !== undefined && second.json !== undefined
            ? ` (first difference at ${firstDifference(first.json, second.json)})`
            : '';
        ctx.softFail('The same request got two different answers', {
          received: `${first.status} then ${second.status}${where}`,
          documented: 'the same status and body both times',
          answer: second,
        });
      }
    }
  },
});
