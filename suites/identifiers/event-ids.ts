/**
 * ID-EVENT-IDS: eventIds returns exactly the listed events of the ledger, each once (or as often
 * as named, as x-ledger-pagination.duplicates says). Several ids of one customer, a subset of
 * them, and a list that names one id twice are each answered with exactly the events they name.
 */
import { defineCheck } from '../../src/check/check.js';
import { createRandom } from '../../src/core/random.js';
import { eventIdsQuery, someCustomer } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import { checkExactEvents, upTo, wholePage } from './helpers.js';

export default defineCheck({
  id: 'identifiers/event-ids',
  requirement: 'ID-EVENT-IDS',
  title: 'eventIds returns exactly the listed events, each as often as x-ledger-pagination.duplicates says',
  async run(ctx) {
    const random = createRandom(ctx.seed);
    const page = wholePage(ctx);
    // Three events at least: several for the selection, and a subset that leaves some out.
    const customer = someCustomer(ctx, 3);
    const lookup = lookupPairs(customer.lookups[0]!);
    const several = upTo(random, customer.events, Math.max(2, Math.min(page.size, customer.events.length - 1)));
    const subset = several.slice(0, Math.ceil(several.length / 2));
    const first = several[0]!;
    const second = several[1]!;
    const [all, part, repeated] = await Promise.all([
      ctx.send([...lookup, ...eventIdsQuery(several), ...page.query]),
      ctx.send([...lookup, ...eventIdsQuery(subset), ...page.query]),
      ctx.send([...lookup, ...eventIdsQuery([first, second, first]), ...page.query]),
    ]);
    // Several ids return exactly the events they name.
    checkExactEvents(ctx, all, several, `eventIds with ${several.length} ids of customer ${customer.key}`);
    // A subset of them returns exactly the subset.
    checkExactEvents(ctx, part, subset, `eventIds with ${subset.length} of those ids`);
    // An id listed twice returns its event once (collapse), or twice (repeat).
    checkExactEvents(ctx, repeated, [first, second, first], `eventIds naming ${first.eventLogId} twice`);
  },
});
