/**
 * PARAM-REFERENCE-COUNT: as many eventReferenceIds as the parameter's maxItems are accepted in
 * one request. (One more is ERR-9022's business, judged by the errors suite.)
 */
import { defineCheck } from '../../src/check/check.js';
import { asSelected, describe, eventIdsOf } from '../support.js';
import { cycle, defaultPageSize, referenceSets, selectedBy } from './helpers.js';

export default defineCheck({
  id: 'parameters/reference-count',
  requirement: 'PARAM-REFERENCE-COUNT',
  title: 'The documented maximum number of eventReferenceIds is accepted in one request',
  async run(ctx) {
    const maxItems = ctx.spec.parameter('eventReferenceIds').schema['maxItems'];
    if (typeof maxItems !== 'number') ctx.skip('eventReferenceIds declares no maxItems');
    const set =
      referenceSets(ctx)[0] ??
      ctx.skip('the profile lists no event with a reference id', { profileField: '/customers/*/events/*/eventReferenceId' });
    // Fewer distinct references than maxItems are repeated: the schema does not ask for unique
    // items, and x-ledger-pagination.duplicates says how often an event selected twice appears.
    const references = cycle(set.references, maxItems as number);
    const selected = asSelected(
      ctx.spec,
      references.flatMap((ref) => selectedBy(set, [ref]).map((e) => e.eventLogId)),
    );
    const expected = new Set(selected);
    const answer = await ctx.send([
      ...set.owner.lookup,
      ['eventName', set.eventName],
      ['eventReferenceIds', references.join(',')],
    ]);
    const received = eventIdsOf(answer);
    const what = `${maxItems} eventReferenceIds (${set.references.length} distinct ${set.eventName} references of ${set.owner.label})`;
    // A request with maxItems reference ids is answered 200 with an events list.
    if (answer.status !== 200 || !received) {
      ctx.fail(`${what} are not accepted`, {
        received: describe(answer),
        documented: `200 (at most ${maxItems} items, ${ctx.spec.parameter('eventReferenceIds').pointer}/schema/maxItems)`,
        answer,
      });
    }
    // The list holds the events those references select, and nothing else.
    const stray = received!.filter((id) => !expected.has(id));
    if (stray.length > 0 || received!.length !== Math.min(selected.length, defaultPageSize(ctx))) {
      ctx.fail(`${what} do not return the events they select`, {
        received: `${received!.length} event(s): ${received!.join(', ') || 'none'}`,
        documented: `the ${selected.length} selected event(s) (x-ledger-pagination duplicates: ${ctx.spec.knobs.pagination.duplicates}): ${[...expected].join(', ')}`,
        answer,
      });
    }
  },
});
