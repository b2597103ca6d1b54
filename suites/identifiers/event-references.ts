/**
 * ID-EVENT-REFERENCES: eventName with eventReferenceIds returns exactly the events of that name
 * whose reference id is listed. The expected events are computed from the profile's handles (one
 * reference id can name several events, e.g. every goodwill event carries "-1"). Three requests:
 * several reference ids of one name (at most maxItems of the parameter's schema); a reference id
 * that events of another name share; and a proper prefix of a reference id, which names nothing.
 */
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { EventHandle, ProfileCustomer } from '../../src/profile/model.js';
import { createRandom } from '../../src/core/random.js';
import { customersWithEvents, ruleOfKind } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import { checkExactEvents, checkRule, idList, wholePage } from './helpers.js';

type Referenced = EventHandle & { readonly eventReferenceId: string };

const referencedEvents = (customer: ProfileCustomer): Referenced[] =>
  customer.events.filter((e): e is Referenced => e.eventReferenceId !== undefined);
const namedWith = (events: readonly Referenced[], eventName: string, references: readonly string[]): Referenced[] =>
  events.filter((e) => e.eventName === eventName && references.includes(e.eventReferenceId));
const selectorQuery = (eventName: string, references: readonly string[]): QueryPair[] => [
  ['eventName', eventName],
  ['eventReferenceIds', references.join(',')],
];

export default defineCheck({
  id: 'identifiers/event-references',
  requirement: 'ID-EVENT-REFERENCES',
  title: 'eventName with eventReferenceIds returns exactly the events of that name with a listed reference id',
  async run(ctx) {
    const random = createRandom(ctx.seed);
    const page = wholePage(ctx);
    const maxItems =
      (ctx.spec.parameter('eventReferenceIds').schema['maxItems'] as number | undefined) ?? Number.POSITIVE_INFINITY;
    const ranked = customersWithEvents(ctx).filter((c) => referencedEvents(c).length > 0);
    if (ranked.length === 0)
      ctx.skip('the profile lists no customer event with an eventReferenceId', {
        profileField: '/customers/*/events/*/eventReferenceId',
      });

    // Several reference ids of one name: the name with most distinct ids, a proper subset of them
    // when it has two or more, never more than maxItems, and no more events than one page holds.
    const several =
      ranked
        .flatMap((customer) => {
          const events = referencedEvents(customer);
          const names = [...new Set(events.map((e) => e.eventName))];
          return names.map((eventName) => ({
            customer,
            events,
            eventName,
            distinct: [...new Set(events.filter((e) => e.eventName === eventName).map((e) => e.eventReferenceId))],
          }));
        })
        .sort((a, b) => b.distinct.length - a.distinct.length)
        .map(({ customer, events, eventName, distinct }) => {
          const references = random.sample(distinct, Math.min(maxItems, distinct.length > 1 ? distinct.length - 1 : 1));
          while (references.length > 1 && namedWith(events, eventName, references).length > page.size) references.pop();
          return { customer, eventName, references, expected: namedWith(events, eventName, references) };
        })
        .find((c) => c.expected.length <= page.size) ??
      ctx.skip(`every reference id of the profile names more events than one page holds (${page.size})`);

    // A reference id that events of another name share in the same ledger (e.g. "-1").
    const shared = ranked
      .flatMap((customer) => {
        const events = referencedEvents(customer);
        return events
          .filter((e) => events.some((o) => o.eventReferenceId === e.eventReferenceId && o.eventName !== e.eventName))
          .map((e) => ({
            customer,
            eventName: e.eventName,
            references: [e.eventReferenceId],
            expected: namedWith(events, e.eventName, [e.eventReferenceId]),
          }));
      })
      .filter((c) => c.expected.length <= page.size)
      .sort((a, b) => a.expected.length - b.expected.length)[0];

    // A proper prefix of a reference id that no event of that name carries: the longest id gives the clearest prefix.
    const prefix = ranked
      .flatMap((customer) => {
        const events = referencedEvents(customer);
        return events
          .filter((e) => e.eventReferenceId.length >= 2)
          .map((e) => ({ customer, event: e, prefix: e.eventReferenceId.slice(0, -1) }))
          .filter(({ event, prefix }) => namedWith(events, event.eventName, [prefix]).length === 0);
      })
      .sort((a, b) => b.event.eventReferenceId.length - a.event.eventReferenceId.length)[0];

    const ask = (customer: ProfileCustomer, eventName: string, references: readonly string[]) =>
      ctx.send([...lookupPairs(customer.lookups[0]!), ...selectorQuery(eventName, references), ...page.query]);
    const [severalAnswer, sharedAnswer, prefixAnswer] = await Promise.all([
      ask(several.customer, several.eventName, several.references),
      shared ? ask(shared.customer, shared.eventName, shared.references) : undefined,
      prefix ? ask(prefix.customer, prefix.event.eventName, [prefix.prefix]) : undefined,
    ]);
    // Listed reference ids return exactly the events of that name that carry one of them.
    checkExactEvents(
      ctx,
      severalAnswer,
      several.expected,
      `${several.eventName} with eventReferenceIds ${idList(several.references, 4)} (customer ${several.customer.key})`,
    );
    // A reference id shared with events of another name returns only the events of the name asked for.
    if (shared && sharedAnswer)
      checkExactEvents(
        ctx,
        sharedAnswer,
        shared.expected,
        `${shared.eventName} with eventReferenceIds ${shared.references[0]}, an id other event types carry too (customer ${shared.customer.key})`,
      );
    // A prefix of a reference id names no event: the spec's answer for a reference that matches nothing.
    if (prefix && prefixAnswer) {
      checkRule(
        ctx,
        prefixAnswer,
        ruleOfKind(ctx, 'event-reference-not-found'),
        `${prefix.event.eventName} with eventReferenceIds ${prefix.prefix}, a prefix of ${prefix.event.eventReferenceId} (customer ${prefix.customer.key}),`,
      );
    }
  },
});
