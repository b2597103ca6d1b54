/**
 * FLAG-BILL-DETAILS, FLAG-POINTS-BREAKUP, FLAG-CUSTOM-FIELDS, FLAG-EXTENDED-FIELDS,
 * FLAG-PAYMENT-MODES, FLAG-MAX-CONVERSION, FLAG-LAST-YEAR: one check per entry of
 * `x-ledger-flags` (its requirement is the entry's `requirement`). What the sources state, and
 * what holds under every evidenced behaviour:
 * - `true` only adds: the answer with the flag shows everything the answer without it shows,
 *   unchanged (an empty list stands for nothing shown);
 * - `true` shows each path the entry reveals on every event of the types it lists (a path marked
 *   `optional` only where the data has something to show: S1 shows line items without a breakup);
 * - `false` or absent shows none of the paths on those types (where `whenOff` allows, an empty list);
 * - `true` shows nothing that another flag, left off, reveals.
 * An entry that reveals nothing changes nothing at all. Which other event types may carry a path
 * no source restricts (S1's redemption carries customFields without a flag), so that is not judged.
 *
 * Events of the listed types, and a few of other types, are asked for three times: with the
 * flag `true`, `false` and absent, with the flags the entry `requires` on.
 */
import type { CheckContext, CheckDefinition } from '../../src/check/check.js';
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { Reveal } from '../../src/contract/knobs.js';
import type { LoadedSpec } from '../../src/contract/load.js';
import { comparableBody, expectEvents, firstDifference, valueAt } from '../support.js';
import { forEachContainer, holds } from '../../src/contract/reveal-paths.js';
import { profileEventTypes, requiresOf, sampleEvents, showQuery, skipIfOrgSettingOff, uncovered } from './helpers.js';

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
  const common: QueryPair[] = needed.map((f): QueryPair => [f, 'true']);
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
  // Paths other flags reveal, while those flags are off in these requests: the flag must not show them.
  const othersOff = Object.entries(flags)
    .filter(([other]) => !onFlags.includes(other))
    .flatMap(([other, k]) => k.reveals.map((r) => ({ other, reveal: r })))
    .filter(({ reveal }) => !isContainerOf(reveal.path, knob.reveals));

  for (const { batch, on, off, absent } of answered) {
    skipIfOrgSettingOff(ctx, on, onFlags);
    const where = `${batch.ledger.what}, ${batch.events.length} event(s)`;
    // Each of the three requests is answered 200 with events.
    const onEvents = expectEvents(ctx, on, `The request with ${flag}=true (${where})`);
    const offEvents = expectEvents(ctx, off, `The request with ${flag}=false (${where})`);
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

    // The flag only adds: the answer with it true shows all the answer with it false shows, unchanged.
    const lost = uncovered(on.json, off.json);
    if (lost !== undefined) {
      ctx.softFail(
        knob.reveals.length > 0 ? `${flag}=true hides or changes what ${flag}=false shows` : `${flag}=true changes the answer`,
        {
          received: `at ${lost} (${where}): with false ${shown(valueAt(off.json, lost))}, with true ${shown(valueAt(on.json, lost))}`,
          documented:
            knob.reveals.length > 0
              ? `everything the answer with ${flag}=false shows, unchanged: the flag only adds ${describeReveals(knob.reveals)}`
              : `no difference (x-ledger-flags.${flag}.reveals is empty)`,
          answer: on,
        },
      );
    }
    if (knob.reveals.length === 0 && comparableBody(on) !== comparableBody(off)) {
      const at = firstDifference(on.json, off.json) ?? '/';
      ctx.softFail(`${flag}=true changes the answer`, {
        received: `at ${at} (${where}): with true ${shown(valueAt(on.json, at))}, with false ${shown(valueAt(off.json, at))}`,
        documented: `no difference (x-ledger-flags.${flag}.reveals is empty)`,
        answer: on,
      });
    }

    // One failure per path and event type is enough to show a rule broken.
    const reported = new Set<string>();
    const once = (key: string): boolean => {
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    };
    const emptyAllowed = knob.whenOff === 'absent-or-empty';
    for (const [index, event] of offEvents.entries()) {
      const eventName = String(event['eventName']);
      for (const reveal of hidden.filter((r) => r.eventNames.includes(eventName))) {
        // With the flag false, none of the paths it reveals is shown (an empty list where whenOff allows).
        forEachContainer(event, reveal.path, (container, token) => {
          if (!holds(container, token) || Array.isArray(container)) return;
          const value = (container as Record<string, unknown>)[token];
          if (emptyAllowed && Array.isArray(value) && value.length === 0) return;
          if (once(`off ${reveal.path} ${eventName}`))
            ctx.softFail(`${flag}=false shows ${reveal.path} on a ${eventName} event`, {
              received: `event ${index} (${String(event['eventLogId'])}) has ${reveal.path} = ${shown(value)} (${where})`,
              documented: `no ${reveal.path} without ${flag}${emptyAllowed ? ' (or an empty list)' : ''} (x-ledger-flags.${flag})`,
              answer: off,
            });
        });
      }
    }
    for (const [index, event] of onEvents.entries()) {
      const eventName = String(event['eventName']);
      for (const reveal of knob.reveals.filter((r) => !r.optional && r.eventNames.includes(eventName))) {
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
      }
      for (const { other, reveal } of othersOff.filter(({ reveal }) => reveal.eventNames.includes(eventName))) {
        // With the flag true, nothing another flag reveals appears while that flag is off.
        if (withoutEmpty(event, reveal.path) && once(`other ${reveal.path} ${eventName}`))
          ctx.softFail(`${flag}=true adds ${reveal.path}, which ${other} reveals`, {
            received: `event ${index} (${String(event['eventLogId'])}, ${eventName}) has ${reveal.path} (${where}, ${other} off)`,
            documented: `${reveal.path} only with ${other}=true (x-ledger-flags.${other})`,
            answer: on,
          });
      }
    }
  }
}

/** Whether a path is a container (an ancestor) of one of the reveals, or one of them. */
function isContainerOf(path: string, reveals: readonly Reveal[]): boolean {
  return reveals.some((r) => r.path === path || r.path.startsWith(`${path}/`));
}

/** Whether a path holds something other than an empty list on the event. */
function withoutEmpty(event: Record<string, unknown>, path: string): boolean {
  let found = false;
  forEachContainer(event, path, (container, token) => {
    if (!holds(container, token) || Array.isArray(container)) return;
    const value = (container as Record<string, unknown>)[token];
    if (!(Array.isArray(value) && value.length === 0)) found = true;
  });
  return found;
}

function describeReveals(reveals: readonly Reveal[]): string {
  return reveals.map((r) => `${r.path} (${r.eventNames.join(', ')})`).join(', ');
}

/** One check per entry of the spec's x-ledger-flags. */
export function flagChecks(spec: LoadedSpec): CheckDefinition[] {
  return Object.entries(spec.knobs.flags).map(([flag, knob]) => flagCheck(flag, knob.requirement, knob.reveals.length > 0));
}
