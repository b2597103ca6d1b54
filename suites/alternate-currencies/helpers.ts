/**
 * What the alternate-currencies checks share: the currency knob read from the spec, the
 * customers to ask for, and the currency names each block of an answer lists.
 */
import { refusedParameters } from '../../src/profile/org-settings.js';
import type { Answer, CheckContext } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { ProfileCustomer } from '../../src/profile/model.js';
import type { Reveal, WarningRule } from '../../src/contract/knobs.js';
import { eventIdCap, eventIdsQuery, expectEvents } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import { existsAt, forEachContainer, holds, valuesAt } from '../../src/contract/reveal-paths.js';
import { bodyEvents, requiresOf, skipIfOrgSettingOff } from '../flags/helpers.js';

export interface CurrencyRules {
  readonly includeParameter: string;
  readonly namesParameter: string;
  readonly nameField: string;
  readonly includeOverridesNames: boolean;
  readonly blocks: readonly Reveal[];
  /** The flags every block needs: always sent true, so that every block can show. */
  readonly flags: readonly string[];
  /** Event types that carry blocks. */
  readonly eventNames: ReadonlySet<string>;
}

export function currencyRules(ctx: CheckContext): CurrencyRules {
  const knob = ctx.spec.knobs.alternateCurrencies;
  // Blocks that need a flag the main identity's org refuses (the profile's orgSettings) cannot
  // show for it; the others still prove what the currency parameters do.
  const refused = refusedParameters(ctx.spec, ctx.profile);
  const blocks = knob.blocks.filter((b) => !(b.requires ?? []).some((flag) => refused.has(flag)));
  return {
    includeParameter: knob.includeParameter,
    namesParameter: knob.namesParameter,
    nameField: knob.nameField,
    includeOverridesNames: knob.includeOverridesNames,
    blocks,
    flags: requiresOf(blocks),
    eventNames: new Set(blocks.flatMap((b) => b.eventNames)),
  };
}

/** The warning rule of a trigger kind (x-ledger-warnings). */
export function warningRule(ctx: CheckContext, kind: WarningRule['trigger']['kind']): WarningRule {
  const rule = ctx.spec.knobs.warnings.find((w) => w.trigger.kind === kind);
  if (!rule) throw new Error(`x-ledger-warnings has no rule for ${kind}`);
  return rule;
}

/** The `warnings` of a body, as far as they have a code. */
export function warningsOf(answer: Answer): { code: unknown; message: unknown }[] {
  const warnings = (answer.json as { warnings?: unknown } | undefined)?.warnings;
  return Array.isArray(warnings) ? (warnings as { code: unknown; message: unknown }[]) : [];
}

/** Whether an answer carries a warning with one of the rule's accepted codes. */
export const hasWarning = (answer: Answer, rule: WarningRule): boolean =>
  warningsOf(answer).some((w) => rule.acceptedCodes.includes(w.code as number));

const blockTypes = (customer: ProfileCustomer, rules: CurrencyRules): number =>
  new Set(customer.events.filter((e) => rules.eventNames.has(e.eventName)).map((e) => e.eventName)).size;

/** A customer whose alternate currencies the profile knows. */
export type CustomerWithCurrencies = ProfileCustomer & { readonly alternateCurrencies: readonly string[] };

const knowsCurrencies = (c: ProfileCustomer): c is CustomerWithCurrencies => c.alternateCurrencies !== undefined;

/** Customers that earn alternate currencies and have events that carry blocks: most currencies first. */
export function customersWithCurrencies(ctx: CheckContext, rules: CurrencyRules): CustomerWithCurrencies[] {
  return ctx.profile.customers
    .filter(knowsCurrencies)
    .filter((c) => c.alternateCurrencies.length > 0 && c.lookups.length > 0 && blockTypes(c, rules) > 0)
    .sort((a, b) => b.alternateCurrencies.length - a.alternateCurrencies.length || blockTypes(b, rules) - blockTypes(a, rules));
}

/** Customers known to earn no alternate currency, those with events that carry blocks first. */
export function customersWithoutCurrencies(ctx: CheckContext, rules: CurrencyRules): CustomerWithCurrencies[] {
  return ctx.profile.customers
    .filter(knowsCurrencies)
    .filter((c) => c.alternateCurrencies.length === 0 && c.lookups.length > 0 && c.events.length > 0)
    .sort((a, b) => blockTypes(b, rules) - blockTypes(a, rules));
}

/**
 * The request for a customer: one page of its events, those that carry blocks (one per type
 * first) and up to two of other types, with every flag the blocks need.
 */
export function currencyQuery(ctx: CheckContext, customer: ProfileCustomer, rules: CurrencyRules): QueryPair[] {
  const maxLimit = ctx.spec.parameter('limit').schema['maximum'];
  if (typeof maxLimit !== 'number') throw new Error('the spec gives limit no maximum');
  const carrying = customer.events.filter((e) => rules.eventNames.has(e.eventName));
  const firstOfType = carrying.filter((e, i) => carrying.findIndex((x) => x.eventName === e.eventName) === i);
  const others = customer.events.filter((e) => !rules.eventNames.has(e.eventName)).slice(0, 2);
  const chosen = [...new Set([...firstOfType, ...others, ...carrying])].slice(0, Math.min(maxLimit, eventIdCap(ctx.spec)));
  const picked = customer.events.filter((e) => chosen.includes(e));
  return [
    ...lookupPairs(customer.lookups[0]!),
    ...eventIdsQuery(picked),
    ['limit', String(maxLimit)],
    ...rules.flags.map((f): QueryPair => [f, 'true']),
  ];
}

/** One block of one event, as an answer shows it. */
export interface BlockSeen {
  readonly eventIndex: number;
  readonly eventLogId: string;
  readonly eventName: string;
  readonly path: string;
  /** The currency names its entries carry; undefined when the block is absent. */
  readonly names: string[] | undefined;
}

/**
 * Every place a block can be in an answer: each block path on each event of a type the block
 * lists, wherever the path's container is.
 */
export function blocksOf(answer: Answer, rules: CurrencyRules): BlockSeen[] {
  const seen: BlockSeen[] = [];
  bodyEvents(answer.json).forEach((event, eventIndex) => {
    const eventName = String(event['eventName']);
    for (const block of rules.blocks.filter((b) => b.eventNames.includes(eventName))) {
      forEachContainer(event, block.path, (container, token) => {
        const present = holds(container, token);
        const value = present ? (container as Record<string, unknown>)[token] : undefined;
        const entries = Array.isArray(value) ? value : value !== undefined ? [value] : undefined;
        seen.push({
          eventIndex,
          eventLogId: String(event['eventLogId']),
          eventName,
          path: block.path,
          names: entries?.map((entry) => String((entry as Record<string, unknown> | null)?.[rules.nameField])),
        });
      });
    }
  });
  return seen;
}

/** Blocks that sit on events of types no block lists. */
export function strayBlocks(answer: Answer, rules: CurrencyRules): { eventIndex: number; eventName: string; path: string }[] {
  const stray: { eventIndex: number; eventName: string; path: string }[] = [];
  bodyEvents(answer.json).forEach((event, eventIndex) => {
    const eventName = String(event['eventName']);
    for (const block of rules.blocks)
      if (!block.eventNames.includes(eventName) && existsAt(event, block.path))
        stray.push({ eventIndex, eventName, path: block.path });
  });
  return stray;
}

/** The entries of every block, whatever the event type. */
export const blockEntries = (answer: Answer, rules: CurrencyRules): unknown[] =>
  bodyEvents(answer.json).flatMap((event) =>
    rules.blocks.flatMap((b) => valuesAt(event, b.path).flatMap((v) => (Array.isArray(v) ? v : [v]))),
  );

/**
 * What each block of an answer with every currency included lists, keyed by event, path and
 * place: the currencies that bill earned. Public sources say the include flag returns the
 * customer's alternate currencies (SEED, S1), not that every bill lists all of them (a bill
 * that earned none shows an empty block, S1 §3.12.9); so a selection by name is judged
 * against what the same bill shows with every currency included.
 */
export function earnedByBlock(included: Answer, rules: CurrencyRules): Map<string, readonly string[]> {
  const earned = new Map<string, readonly string[]>();
  for (const [key, block] of keyedBlocks(included, rules)) earned.set(key, block.names ?? []);
  return earned;
}

/** The blocks of an answer with a key that finds the same block in another answer to the same events. */
export function keyedBlocks(answer: Answer, rules: CurrencyRules): [string, BlockSeen][] {
  const seen = new Map<string, number>();
  return blocksOf(answer, rules).map((block) => {
    const base = `${block.eventLogId} ${block.path}`;
    const nth = seen.get(base) ?? 0;
    seen.set(base, nth + 1);
    return [`${base} #${nth}`, block];
  });
}

/** Sorted, for comparing sets of names. */
export const sortedNames = (names: Iterable<string>): string[] => [...names].sort();

/** Whether a block lists exactly these names, each once. */
export const listsExactly = (names: readonly string[] | undefined, expected: readonly string[]): boolean =>
  JSON.stringify(sortedNames(names ?? [])) === JSON.stringify(sortedNames(new Set(expected)));

/** Skips the check when the caller's org refuses a flag the blocks need (the blocks cannot show). */
export function skipIfBlocksRefused(ctx: CheckContext, answer: Answer, rules: CurrencyRules): void {
  skipIfOrgSettingOff(ctx, answer, rules.flags);
}

/** Fails unless the answer is a 200 with events; skips when the org refuses a flag the blocks need. */
export function expectCurrencyAnswer(ctx: CheckContext, answer: Answer, rules: CurrencyRules, what: string): void {
  skipIfBlocksRefused(ctx, answer, rules);
  expectEvents(ctx, answer, what);
}
