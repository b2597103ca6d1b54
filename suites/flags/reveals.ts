/**
 * FLAG-BILL-DETAILS, FLAG-POINTS-BREAKUP, FLAG-CUSTOM-FIELDS, FLAG-EXTENDED-FIELDS,
 * FLAG-PAYMENT-MODES, FLAG-MAX-CONVERSION, FLAG-LAST-YEAR: one check per entry of
 * `x-ledger-flags` (its requirement is the entry's `requirement`). `true` adds exactly the paths
 * the entry reveals, on the event types it lists; `false` or absent adds none of them; nothing
 * else changes. An entry that reveals nothing changes nothing at all.
 *
 * Events of the listed types, and a few of other types, are asked for three times: with the
 * flag `true`, `false` and absent, with the flags the entry `requires` on and every alternate
 * currency included (so that blocks needing the flag show as well).
 */
import type { CheckContext, CheckDefinition } from '../../src/check/check.js';
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { Reveal } from '../../src/contract/knobs.js';
import type { LoadedSpec } from '../../src/contract/load.js';
import { canonicalJson, comparableBody, expectEvents, firstDifference, valueAt } from '../support.js';
import { existsAt, forEachContainer, holds } from '../../src/contract/reveal-paths.js';
import {
  emptyWhenOff,
  profileEventTypes,
  requiresOf,
  sampleEvents,
  showQuery,
  skipIfOrgSettingOff,
  withoutEmptyLists,
  withoutReveals,
} from './helpers.js';

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A value for a Received line: what stands at a path, or that nothing does. */
const shown = (value: unknown): string => (value === undefined ? 'absent' : JSON.stringify(value).slice(0, 80));

export function flagCheck(flag: string, requirement: string, revealsSomething: boolean): CheckDefinition {
  return defineCheck({
    id: `flags/${kebab(flag)}`,
    requirement,
    title: revealsSomething
      ? `${flag}=true adds exactly the paths x-ledger-flags lists, on the event types it lists`
      : `${flag} changes nothing in the answer`,
    run: (ctx) => judgeFlag(ctx, flag),
  });
}

async function judgeFlag(ctx: CheckContext, flag: string): Promise<void> {
  const { flags, alternateCurrencies } = ctx.spec.knobs;
  const knob = flags[flag];
  if (!knob) throw new Error(`x-ledger-flags has no entry ${flag}`);
  const needed = requiresOf(knob.reveals).filter((f) => f !== flag);
  // What `false` hides: the flag's own paths, and any other path that needs the flag.
  const hidden: Reveal[] = [
    ...knob.reveals,
    ...Object.entries(flags)
      .filter(([other]) => other !== flag)
      .flatMap(([, k]) => k.reveals.filter((r) => r.requires?.includes(flag))),
    ...alternateCurrencies.blocks.filter((b) => b.requires?.includes(flag)),
  ];
  const listed = new Set(knob.reveals.flatMap((r) => r.eventNames));
  // Other types that the knobs list for other flags or blocks are the likeliest to catch a leak: they come first.
  const neighbours = new Set(
    [...Object.values(flags).flatMap((k) => k.reveals), ...alternateCurrencies.blocks]
      .flatMap((r) => r.eventNames)
      .filter((n) => !listed.has(n)),
  );
  const batches =
    listed.size > 0
      ? sampleEvents(ctx, { types: listed, perType: 2, others: 4, preferredOthers: neighbours })
      : sampleEvents(ctx, { types: profileEventTypes(ctx), perType: 1, others: 0 });
  if (!batches.some((b) => b.events.some((e) => listed.size === 0 || listed.has(e.eventName)))) {
    ctx.skip(listed.size > 0 ? `the profile lists no event of ${[...listed].join(', ')}` : 'the profile lists no event', {
      profileField: '/customers/*/events',
    });
  }
  const onFlags = [flag, ...needed];
  const defaultValue = ctx.spec.parameter(flag).schema['default'] ?? false;
  const common: QueryPair[] = [...needed.map((f): QueryPair => [f, 'true']), [alternateCurrencies.includeParameter, 'true']];
  const answered = await Promise.all(
    batches.map(async (batch) => {
      const [on, off, absent] = await Promise.all([
        ctx.send([...batch.query, ...common, [flag, 'true']]),
        ctx.send([...batch.query, ...common, [flag, 'false']]),
        ctx.send([...batch.query, ...common]),
      ]);
      return { batch, on, off, absent };
    }),
  );

  for (const { batch, on, off, absent } of answered) {
    skipIfOrgSettingOff(ctx, on, onFlags);
    const where = `${batch.ledger.what}, ${batch.events.length} event(s)`;
    // Each of the three requests is answered 200 with events.
    const onEvents = expectEvents(ctx, on, `The request with ${flag}=true (${where})`);
    expectEvents(ctx, off, `The request with ${flag}=false (${where})`);
    expectEvents(ctx, absent, `The request without ${flag} (${where})`);

    // Leaving the flag out gives the same answer as sending its default.
    const byDefault = defaultValue === true ? on : off;
    if (comparableBody(absent) !== comparableBody(byDefault)) {
      const at = firstDifference(absent.json, byDefault.json) ?? '/';
      ctx.softFail(`The answer without ${flag} differs from the answer with ${flag}=${String(defaultValue)}`, {
        received: `at ${at} (${where}): without the flag ${shown(valueAt(absent.json, at))}, with ${String(defaultValue)} ${shown(valueAt(byDefault.json, at))}`,
        documented: `the same answer: ${flag} defaults to ${String(defaultValue)}`,
        answer: absent,
      });
    }

    // The answer with the flag true, less the paths the flag reveals, is the answer with the flag
    // false (where whenOff allows it, an empty list stands for a path not shown).
    const stripped = withoutReveals(on.json, hidden);
    const offShown = withoutEmptyLists(off.json, emptyWhenOff(ctx));
    if (canonicalJson(withoutEmptyLists(stripped, emptyWhenOff(ctx))) !== canonicalJson(offShown)) {
      const at = firstDifference(stripped, offShown) ?? '/';
      ctx.softFail(
        knob.reveals.length > 0
          ? `${flag}=true and ${flag}=false differ in more than the paths ${flag} reveals`
          : `${flag}=true changes the answer`,
        {
          received: `at ${at} (${where}): with true${knob.reveals.length > 0 ? ' (revealed paths removed)' : ''} ${shown(valueAt(stripped, at))}, with false ${shown(valueAt(offShown, at))}`,
          documented:
            knob.reveals.length > 0
              ? `only ${describeReveals(knob.reveals)} differ${hidden.length > knob.reveals.length ? `, and ${hidden.length - knob.reveals.length} other path(s) that need ${flag}` : ''}`
              : `no difference (x-ledger-flags.${flag}.reveals is empty)`,
          answer: valueAt(stripped, at) === undefined ? off : on,
        },
      );
    }

    // One failure per path and event type is enough to show a rule broken.
    const reported = new Set<string>();
    const once = (key: string): boolean => {
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    };
    for (const [index, event] of onEvents.entries()) {
      const eventName = String(event['eventName']);
      for (const reveal of knob.reveals) {
        if (reveal.eventNames.includes(eventName)) {
          // With the flag true, a revealed path is there on every event of a listed type wherever its container is.
          forEachContainer(event, reveal.path, (container, token) => {
            if (!holds(container, token) && once(`missing ${reveal.path} ${eventName}`)) {
              ctx.softFail(`${flag}=true does not add ${reveal.path} to a ${eventName} event`, {
                received: `event ${index} (${String(event['eventLogId'])}) has no ${reveal.path} (${where}, ${showQuery(onFlags.map((f) => [f, 'true']))})`,
                documented: `${reveal.path} on ${reveal.eventNames.join(', ')} (x-ledger-flags.${flag})`,
                answer: on,
              });
            }
          });
        } else if (
          !shownElsewhere(ctx, onFlags, reveal.path, eventName) &&
          existsAt(event, reveal.path) &&
          once(`extra ${reveal.path} ${eventName}`)
        ) {
          // With the flag true, a revealed path never appears on an event of a type the flag does not list.
          ctx.softFail(`${flag}=true adds ${reveal.path} to a ${eventName} event`, {
            received: `event ${index} (${String(event['eventLogId'])}, ${eventName}) has ${reveal.path} (${where})`,
            documented: `${reveal.path} only on ${reveal.eventNames.join(', ')} (x-ledger-flags.${flag})`,
            answer: on,
          });
        }
      }
    }
  }
}

/** Whether another reveal that the request switches on shows this path on this event type. */
function shownElsewhere(ctx: CheckContext, onFlags: readonly string[], path: string, eventName: string): boolean {
  const active = (r: Reveal): boolean =>
    r.path === path && r.eventNames.includes(eventName) && (r.requires ?? []).every((f) => onFlags.includes(f));
  return (
    Object.entries(ctx.spec.knobs.flags).some(([f, k]) => onFlags.includes(f) && k.reveals.some(active)) ||
    ctx.spec.knobs.alternateCurrencies.blocks.some(active)
  );
}

function describeReveals(reveals: readonly Reveal[]): string {
  return reveals.map((r) => `${r.path} (${r.eventNames.join(', ')})`).join(', ');
}

/** One check per entry of the spec's x-ledger-flags. */
export function flagChecks(spec: LoadedSpec): CheckDefinition[] {
  return Object.entries(spec.knobs.flags).map(([flag, knob]) => flagCheck(flag, knob.requirement, knob.reveals.length > 0));
}
