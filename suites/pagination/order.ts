/**
 * PAGE-ORDER: events come in the order `x-ledger-pagination.order` states, each selected event
 * once (`duplicates: collapse`) or as often as it is selected (`duplicates: repeat`).
 *
 * Three selections, each read page by page at the largest page size: every event of the
 * customer in a shuffled order; the same with some ids repeated; and a selection by event
 * name whose reference ids repeat one.
 */
import type { Answer, CheckContext } from '../../src/check/check.js';
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import { createRandom } from '../../src/core/random.js';
import { eventIdsQuery } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import {
  firstMismatch,
  idsOfPage,
  inKnobOrder,
  pageCount,
  pageHolding,
  pagingRules,
  readPages,
  repeatedIds,
  showIds,
  wholeLedger,
  type PagingRules,
} from './helpers.js';

interface Ordered {
  readonly what: string;
  readonly base: QueryPair[];
  /** The events the selection names, as the knob orders them, each once. */
  /** The events the selection names, as the knob orders them (once each, or as often as named). */
  readonly expected: string[];
}

export default defineCheck({
  id: 'pagination/order',
  requirement: 'PAGE-ORDER',
  title: 'Events come in the documented order, each selected event as often as the duplicates knob says',
  async run(ctx) {
    const rules = pagingRules(ctx.spec);
    const random = createRandom(ctx.seed);
    // Room for two repeated ids within the cap of one request.
    const selection = wholeLedger(ctx, 2, 2);
    const { customer } = selection;
    const lookup = lookupPairs(customer.lookups[0]!);
    const expected = inKnobOrder(rules, selection.ids);
    const direction = `${rules.knob.order.direction} ${rules.knob.order.by}`;

    const selections: Ordered[] = [{ what: 'every event, asked for in a shuffled order', base: selection.base, expected }];
    // Some ids sent twice, the copies at random places.
    const withRepeats = [...selection.ids];
    for (const id of random.sample(selection.ids, Math.min(2, selection.ids.length)))
      withRepeats.splice(random.int(0, withRepeats.length), 0, id);
    selections.push({
      what: `every event, ${withRepeats.length - selection.ids.length} id(s) repeated`,
      base: [...lookup, ...eventIdsQuery(withRepeats)],
      expected: inKnobOrder(rules, withRepeats),
    });

    // The event name whose events carry the most reference ids; one reference id sent twice.
    const referenced = customer.events.filter((e) => e.eventReferenceId !== undefined);
    const byName = new Map<string, string[]>();
    for (const e of referenced) byName.set(e.eventName, [...new Set([...(byName.get(e.eventName) ?? []), e.eventReferenceId!])]);
    const [eventName, references] = [...byName].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
    const maxReferences = ctx.spec.parameter('eventReferenceIds').schema['maxItems'];
    if (eventName && references && typeof maxReferences === 'number' && maxReferences >= 2) {
      const chosen = random.sample(references, Math.min(references.length, maxReferences - 1));
      const sent = random.sample([...chosen, chosen[0]!], chosen.length + 1);
      // One entry per reference sent: a reference sent twice names its event twice.
      const named = sent.flatMap((ref) =>
        referenced.filter((e) => e.eventName === eventName && e.eventReferenceId === ref).map((e) => e.eventLogId),
      );
      selections.push({
        what: `${eventName} events by reference id, one reference id sent twice`,
        base: [...lookup, ['eventName', eventName], ['eventReferenceIds', sent.join(',')]],
        expected: inKnobOrder(rules, named),
      });
    }

    const read = await Promise.all(
      selections.map(async (s) => ({
        ...s,
        answers: await readPages(ctx, s.base, rules, rules.maxLimit, pageCount(s.expected.length, rules.maxLimit)),
      })),
    );
    for (const { what, expected: wanted, answers } of read) judge(ctx, rules, what, wanted, answers, direction);
  },
});

function judge(
  ctx: CheckContext,
  rules: PagingRules,
  what: string,
  expected: readonly string[],
  answers: readonly Answer[],
  direction: string,
): void {
  const pages = answers.map((answer, index) => ({
    answer,
    ids: idsOfPage(ctx, answer, `Page ${index} at limit ${rules.maxLimit} (${what})`),
  }));
  const joined = pages.flatMap((p) => p.ids);
  const at = joined.findIndex((id, i) => id !== expected[i]);
  // The pages, put end to end, list each selected event once (or as often as selected), in the documented order.
  if (at !== -1 || joined.length !== expected.length) {
    const answer = pageHolding(pages, at === -1 ? Math.min(joined.length, expected.length) : at);
    const repeated = repeatedIds(joined);
    ctx.softFail(
      `Events are not listed ${rules.knob.duplicates === 'collapse' ? 'once each' : 'as often as selected'} in ${direction} order (${what})`,
      {
        received: `${showIds(joined)}; ${firstMismatch(joined, expected)}${repeated.length > 0 ? `; repeated ${showIds(repeated)}` : ''}`,
        documented: `${showIds(expected)}: ${direction}, each selected event ${rules.knob.duplicates === 'collapse' ? 'once' : 'as often as selected'} (x-ledger-pagination order, duplicates: ${rules.knob.duplicates})`,
        answer,
      },
    );
  }
}
