/**
 * Trigger builders of the rules decided from the target's data, one per trigger kind. Each
 * takes handles from the profile (absent values, lookups outside a customer's sources, events
 * of other ledgers) so that the request keeps every rule decided from the request alone and
 * breaks the lookup meant.
 */
import type { CheckContext } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { IdentifierHandle } from '../../src/profile/model.js';
import type { Random } from '../../src/core/random.js';
import type { ErrorRule, LookupTrigger } from '../../src/contract/knobs.js';
import { itemPatternOf, ownersOf } from '../parameters/helpers.js';
import { withValue } from '../../src/core/query.js';
import { eventIdsQuery } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import type { Baselines, Variant } from './helpers.js';

type Kind = LookupTrigger['kind'];
type TriggerOf<K extends Kind> = Extract<LookupTrigger, { kind: K }>;
export type LookupBuilder<K extends Kind> = (
  ctx: CheckContext,
  rule: ErrorRule,
  trigger: TriggerOf<K>,
  base: Baselines,
  random: Random,
) => Variant[];

const lookupText = (l: IdentifierHandle): string =>
  `${l.identifierName}=${l.identifierValue} in ${l.source}${l.accountId !== undefined ? ` account ${l.accountId}` : ''}`;

const customerNotFound: LookupBuilder<'customer-not-found'> = (ctx, _rule, _trigger, base, random) => {
  const selector = eventIdsQuery([base.customer.events[0]!]);
  const variants: Variant[] = ctx.profile.absent.customers.map((l) => ({
    what: `unknown customer ${lookupText(l)}`,
    query: [...lookupPairs(l), ...selector],
  }));
  const misplaced = ctx.profile.customers.filter((c) => c.notFoundLookups.length > 0);
  for (const c of random.sample(misplaced, Math.min(3, misplaced.length))) {
    const own = c.events.length > 0 ? eventIdsQuery([c.events[0]!]) : selector;
    for (const l of c.notFoundLookups)
      variants.push({
        what: `customer ${c.key} looked up as ${lookupText(l)}, where it is not registered`,
        query: [...lookupPairs(l), ...own],
      });
  }
  if (variants.length === 0)
    ctx.skip('the profile lists no absent customer and no lookup of a customer outside its sources or accounts', {
      profileField: '/absent/customers',
    });
  return variants;
};

const groupNotFound: LookupBuilder<'group-not-found'> = (ctx, _rule, _trigger, base) => {
  const { groupType, primaryUserParameter } = ctx.spec.knobs.userGroups;
  const selector = eventIdsQuery([(base.group ?? base.customer).events[0]!]);
  const variants: Variant[] = ctx.profile.absent.groups.map((l) => ({
    what: `unknown group ${lookupText(l)}`,
    query: [...lookupPairs(l), ['type', groupType], ...selector],
  }));
  if (variants.length === 0) ctx.skip('the profile lists no absent user group', { profileField: '/absent/groups' });
  // Asking for the primary member of an unknown group finds no group either.
  variants.push({
    what: `${variants[0]!.what}, with ${primaryUserParameter}=true`,
    query: [...variants[0]!.query, [primaryUserParameter, 'true']],
  });
  return variants;
};

const orgSettingDisabled: LookupBuilder<'org-setting-disabled'> = (ctx, _rule, trigger, base) => {
  if (!ctx.canUse('breakup-disabled'))
    ctx.skip(`no identity of an org with ${trigger.setting} off is configured (LEDGER_CONFORMANCE_BREAKUP_DISABLED_*)`, {
      environment: 'LEDGER_CONFORMANCE_BREAKUP_DISABLED_*',
    });
  const on: QueryPair = [trigger.parameter, 'true'];
  const starts: [string, QueryPair[] | undefined][] = [
    ['a customer selected by event id', base.byIds],
    ['a customer selected by reference id', base.byReferences],
    ['a group selected by event id', base.groupByIds],
  ];
  return starts.flatMap(([label, query]): Variant[] =>
    query
      ? [
          {
            what: `${trigger.parameter}=true for ${label}, from an org with ${trigger.setting} off`,
            query: [...query, on],
            identity: 'breakup-disabled',
          },
        ]
      : [],
  );
};

const eventIdNotFound: LookupBuilder<'event-id-not-found'> = (ctx, _rule, _trigger, base) => {
  const known = new Set([...base.customer.events.map((e) => e.eventLogId), ...base.customer.eventIdsWithoutDetail]);
  const own = base.customer.events[0]!.eventLogId;
  const ask = (ids: string): QueryPair[] => withValue(base.byIds, 'eventIds', ids);
  const unknown = ctx.profile.absent.eventIds.filter((id) => !known.has(id));
  const variants: Variant[] = unknown.map((id) => ({ what: `unknown event id ${id}`, query: ask(id) }));
  // One unknown id spoils a list of ids of the ledger.
  if (unknown.length > 0)
    variants.push({
      what: `event ${own} of the ledger with the unknown event id ${unknown[0]}`,
      query: ask(`${own},${unknown[0]}`),
    });
  const other = ownersOf(ctx).find(
    (o) => o.kind === 'customer' && o.label !== base.customer.label && o.events.some((e) => !known.has(e.eventLogId)),
  );
  const foreign = other?.events.find((e) => !known.has(e.eventLogId));
  if (other && foreign)
    variants.push({
      what: `event ${foreign.eventLogId} of ${other.label}, asked of ${base.customer.label}`,
      query: ask(foreign.eventLogId),
    });
  const groupEvent = base.group?.events.find((e) => !known.has(e.eventLogId));
  if (base.group && groupEvent)
    variants.push({
      what: `event ${groupEvent.eventLogId} of ${base.group.label}, asked of ${base.customer.label}`,
      query: ask(groupEvent.eventLogId),
    });
  if (base.group && base.groupByIds && !base.group.events.some((e) => e.eventLogId === own)) {
    variants.push({
      what: `event ${own} of ${base.customer.label}, asked of ${base.group.label}`,
      query: withValue(base.groupByIds, 'eventIds', own),
    });
  }
  if (variants.length === 0)
    ctx.skip('the profile lists no absent event id and no event of another ledger', { profileField: '/absent/eventIds' });
  return variants;
};

const eventWithoutDetail: LookupBuilder<'event-without-detail'> = (ctx, _rule, _trigger, _base, random) => {
  const holders = ctx.profile.customers.filter((c) => c.eventIdsWithoutDetail.length > 0 && c.lookups.length > 0);
  if (holders.length === 0)
    ctx.skip('the profile lists no event without explode detail', { profileField: '/customers/*/eventIdsWithoutDetail' });
  const variants: Variant[] = [];
  for (const c of random.sample(holders, Math.min(3, holders.length))) {
    for (const id of c.eventIdsWithoutDetail.slice(0, 2))
      variants.push({
        what: `event ${id} of customer ${c.key}, a type without explode detail`,
        query: [...lookupPairs(c.lookups[0]!), ...eventIdsQuery([id])],
      });
    // One event without detail spoils a list of events that have it.
    if (c.events.length > 0 && variants.length <= 2) {
      variants.push({
        what: `event ${c.eventIdsWithoutDetail[0]} of customer ${c.key} listed after one with detail`,
        query: [...lookupPairs(c.lookups[0]!), ...eventIdsQuery([c.events[0]!, c.eventIdsWithoutDetail[0]!])],
      });
    }
  }
  return variants;
};

const eventReferenceNotFound: LookupBuilder<'event-reference-not-found'> = (ctx, _rule, _trigger, base) => {
  const set = base.references;
  if (!set || !base.byReferences)
    ctx.skip('the profile lists no event with a reference id', { profileField: '/customers/*/events/*/eventReferenceId' });
  const start = base.byReferences!;
  const ask = (what: string, references: readonly string[], eventName = set!.eventName): Variant => ({
    what,
    query: withValue(withValue(start, 'eventName', eventName), 'eventReferenceIds', references.join(',')),
  });
  const taken = new Set(set!.events.map((e) => e.eventReferenceId));
  const pattern = itemPatternOf(ctx, 'eventReferenceIds');
  const askable = (r: string | undefined): r is string => r !== undefined && !taken.has(r) && (!pattern || pattern.test(r));
  const variants: Variant[] = ctx.profile.absent.eventReferenceIds.map((r) =>
    ask(`unknown reference id ${r} of ${set!.eventName}`, [r]),
  );
  if (variants.length > 0)
    variants.push(
      ask(`a known and the unknown reference id ${ctx.profile.absent.eventReferenceIds[0]} of ${set!.eventName}`, [
        set!.references[0]!,
        ctx.profile.absent.eventReferenceIds[0]!,
      ]),
    );
  // A real reference id of another event type of the same ledger.
  const otherName = set!.owner.events.find((e) => e.eventName !== set!.eventName && askable(e.eventReferenceId));
  if (otherName)
    variants.push(
      ask(`reference id ${otherName.eventReferenceId} of a ${otherName.eventName}, asked as ${set!.eventName}`, [
        otherName.eventReferenceId!,
      ]),
    );
  // A real reference id of the same event type in another ledger.
  const elsewhere = ownersOf(ctx)
    .filter((o) => o.label !== set!.owner.label)
    .flatMap((o) =>
      o.events.filter((e) => e.eventName === set!.eventName && askable(e.eventReferenceId)).map((e) => ({ o, e })),
    )[0];
  if (elsewhere)
    variants.push(
      ask(
        `reference id ${elsewhere.e.eventReferenceId} of a ${set!.eventName} of ${elsewhere.o.label}, asked of ${set!.owner.label}`,
        [elsewhere.e.eventReferenceId!],
      ),
    );
  if (variants.length === 0)
    ctx.skip('the profile lists no absent reference id and no reference id of another event', {
      profileField: '/absent/eventReferenceIds',
    });
  return variants;
};

export const LOOKUP_BUILDERS: { readonly [K in Kind]: LookupBuilder<K> } = {
  'customer-not-found': customerNotFound,
  'group-not-found': groupNotFound,
  'org-setting-disabled': orgSettingDisabled,
  'event-id-not-found': eventIdNotFound,
  'event-without-detail': eventWithoutDetail,
  'event-reference-not-found': eventReferenceNotFound,
};
