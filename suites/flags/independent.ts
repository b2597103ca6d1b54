/**
 * FLAG-INDEPENDENT: flags combine independently, so several flags together add exactly what
 * each adds on its own.
 *
 * For the combination of every flag and a few seeded ones, the answer with the combination is
 * compared with the answer without flags merged with each flag's own answer (that flag, plus
 * those it requires when the combination has them). Every alternate currency is included
 * throughout, so that blocks needing flags take part.
 */
import type { Answer } from '../../src/check/check.js';
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import { createRandom } from '../../src/core/random.js';
import { canonicalJson, expectEvents, firstDifference, valueAt } from '../support.js';
import { emptyWhenOff, mergeAdditions, requiresOf, sampleEvents, skipIfOrgSettingOff, withoutEmptyLists } from './helpers.js';

const COMBINATIONS = 3;

const shown = (value: unknown): string => (value === undefined ? 'absent' : JSON.stringify(value).slice(0, 80));

export default defineCheck({
  id: 'flags/independent',
  requirement: 'FLAG-INDEPENDENT',
  title: 'Several flags together add exactly what each adds on its own',
  async run(ctx) {
    const { flags, alternateCurrencies } = ctx.spec.knobs;
    const names = Object.keys(flags);
    if (names.length < 2) ctx.skip('x-ledger-flags has fewer than two flags to combine');
    const random = createRandom(ctx.seed);
    const inSpecOrder = (set: Iterable<string>): string[] => names.filter((n) => [...set].includes(n));
    const combinations = new Map<string, string[]>([[names.join(','), names]]);
    for (let i = 0; i < COMBINATIONS && names.length > 2; i++) {
      const combination = inSpecOrder(random.sample(names, random.int(2, names.length - 1)));
      combinations.set(combination.join(','), combination);
    }
    // A flag alone, with those of the flags it requires that the combination has.
    const alone = (flag: string, combination: readonly string[]): string[] =>
      inSpecOrder([flag, ...requiresOf(flags[flag]!.reveals).filter((f) => combination.includes(f))]);

    const batches = sampleEvents(ctx, {
      types: new Set(Object.values(flags).flatMap((k) => k.reveals.flatMap((r) => r.eventNames))),
      perType: 1,
      others: 3,
    });
    if (batches.length === 0) ctx.skip('the profile lists no event', { profileField: '/customers/*/events' });
    const include: QueryPair = [alternateCurrencies.includeParameter, 'true'];
    const flagSets = new Map<string, string[]>([['', []]]);
    for (const combination of combinations.values()) {
      flagSets.set(combination.join(','), combination);
      for (const flag of combination) flagSets.set(alone(flag, combination).join(','), alone(flag, combination));
    }

    const sent = await Promise.all(
      batches.map(async (batch) => ({
        batch,
        answers: new Map<string, Answer>(
          await Promise.all(
            [...flagSets].map(
              async ([key, set]) =>
                [key, await ctx.send([...batch.query, include, ...set.map((f): QueryPair => [f, 'true'])])] as const,
            ),
          ),
        ),
      })),
    );
    // Where whenOff allows it, an empty list stands for a path a flag that is off does not show.
    const shownOf = (answer: Answer): unknown => withoutEmptyLists(answer.json, emptyWhenOff(ctx));
    for (const { batch, answers } of sent) {
      const where = `${batch.ledger.what}, ${batch.events.length} event(s)`;
      // Every request, with or without flags, is answered 200 with events.
      for (const [key, answer] of answers) {
        skipIfOrgSettingOff(ctx, answer, flagSets.get(key)!);
        expectEvents(ctx, answer, `The request with ${key || 'no flag'} (${where})`);
      }
      for (const combination of combinations.values()) {
        const together = answers.get(combination.join(','))!;
        let expected: unknown = shownOf(answers.get('')!);
        let contradicted = false;
        for (const flag of combination) {
          const own = answers.get(alone(flag, combination).join(','))!;
          const merged = mergeAdditions(expected, shownOf(own));
          // What each flag of the combination adds alone fits with what the others add.
          if ('conflict' in merged) {
            ctx.softFail(`What ${flag} adds alone contradicts what the other flags add`, {
              received: `at ${merged.conflict} (${where}): ${shown(valueAt(shownOf(own), merged.conflict))} with ${alone(flag, combination).join(', ')}, ${shown(valueAt(expected, merged.conflict))} with the others`,
              documented: 'each flag only adds paths (x-ledger-flags), so answers with one flag each merge without conflict',
              answer: own,
            });
            contradicted = true;
            break;
          }
          expected = merged.value;
        }
        if (contradicted) continue;
        // The answer with the combination is the answer without flags plus what each of its flags adds alone.
        if (canonicalJson(shownOf(together)) !== canonicalJson(expected)) {
          const at = firstDifference(shownOf(together), expected) ?? '/';
          ctx.softFail(`${combination.join(' + ')} together do not add what each adds alone`, {
            received: `at ${at} (${where}): together ${shown(valueAt(shownOf(together), at))}, one flag at a time ${shown(valueAt(expected, at))}`,
            documented: 'the answer without flags, plus what each flag adds on its own (x-ledger-flags)',
            answer: together,
          });
        }
      }
    }
  },
});
