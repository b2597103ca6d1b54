/**
 * What one requirement's test does with the requirement's result: pass, fail with the evidence
 * the reports carry, or skip with a note vitest shows.
 *
 * - pass: passes.
 * - fail at or above the gating level: fails with every kept failure (Received/Documented, the
 *   request, the body excerpt, the curl line) and the seed that replays it.
 * - fail below the gating level (a SHOULD failure at the default MUST): skipped, the note saying
 *   it failed and why that does not fail the file; `level: 'SHOULD'` makes it fail. A skip, not
 *   a pass, so that it stays visible in vitest's output and in its JUnit report.
 * - skip: skipped, with the reason and what would unlock it.
 * - error at or above the gating level: fails, saying the kit or the transport broke, not the
 *   target; below it, skipped with the same words (the command line exits 3 only for the former).
 * - waived: skipped, with the waiver's reason and its date.
 */
import type { Level, RequirementResult } from '../core/report-model.js';
import { gates } from '../engine/verdict.js';
import { failuresText } from '../report/renderers/plain-text.js';

export type TestOutcome =
  | { readonly kind: 'pass' }
  | { readonly kind: 'skip'; readonly note: string }
  | { readonly kind: 'fail'; readonly message: string };

export function testOutcome(result: RequirementResult | undefined, gating: Level, seed: number): TestOutcome {
  if (!result) return { kind: 'fail', message: 'the run did not judge this requirement (its checks did not run)' };
  const gated = gates(result.level, gating);
  const replay = `Seed ${seed}: describeConformance({ …, seed: ${seed} }) or ledger-conformance run --seed ${seed} replays it.`;
  switch (result.status) {
    case 'pass':
      return { kind: 'pass' };
    case 'fail': {
      const count = `${result.failureCount} failure${result.failureCount === 1 ? '' : 's'}`;
      if (!gated)
        return {
          kind: 'skip',
          note: `failed (${count}: ${result.failures[0]?.title ?? 'see the reports'}), but a ${result.level} failure does not fail a run gated at ${gating}; set level: '${result.level}' to make it fail`,
        };
      return { kind: 'fail', message: `${result.id} (${result.level}) failed: ${count}\n\n${failuresText(result)}\n\n${replay}` };
    }
    case 'skip':
      return { kind: 'skip', note: skipNote(result) };
    case 'error': {
      const what = `could not be judged: the kit or the transport broke, not the target (${result.reasons.join('; ') || 'no reason recorded'})`;
      return gated
        ? { kind: 'fail', message: `${result.id} (${result.level}) ${what}\n\n${replay}` }
        : { kind: 'skip', note: what };
    }
    case 'waived':
      return {
        kind: 'skip',
        note: `waived until ${result.waiver?.expires ?? '?'}: ${result.waiver?.reason ?? 'no reason given'} (it failed: ${result.failures[0]?.title ?? 'see the reports'})`,
      };
  }
}

/** The reason, then what would unlock the requirement when a check names it. */
function skipNote(result: RequirementResult): string {
  const reasons = [...new Set(result.reasons)].join('; ') || 'no reason recorded';
  const unlock = result.checks.find(
    (check) => check.status === 'skip' && (check.profileField ?? check.environment) !== undefined,
  );
  if (unlock?.profileField !== undefined) return `${reasons} (unlocked by the profile field ${unlock.profileField})`;
  if (unlock?.environment !== undefined) return `${reasons} (unlocked by credentials in ${unlock.environment})`;
  return reasons;
}
