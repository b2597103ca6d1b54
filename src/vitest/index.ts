/**
 * `ledger-explode-conformance/vitest`: the conformance catalog as tests of the user's own
 * vitest run, one `describe` per suite and one test per requirement, named by its id and title.
 *
 * vitest collects every test of a file before it runs any, and a requirement's outcome is only
 * known once the run is over; so the tests are registered from the spec and the catalog, the
 * engine runs once in the outer `describe`'s `beforeAll` (preflight and checks as one scheduled
 * run, narrowed to the tests vitest will run), and each test then reports its requirement's
 * result (outcome.ts says how each outcome shows).
 */
import { beforeAll, describe, test, type TestContext } from 'vitest';
import { SuiteError } from '../core/errors.js';
import type { CliIo } from '../cli/io.js';
import type { RunFlags } from '../cli/run/flags.js';
import { prepareInputs } from '../cli/run/prepare.js';
import { withChecks } from '../cli/transcript-option.js';
import { buildCatalog } from '../../suites/index.js';
import { judgeOnce, type Judged, type PreparedInputs } from './engine.js';
import { inOptionTerms, runFlagsOf, type ConformanceOptions } from './options.js';
import { testOutcome, type TestOutcome } from './outcome.js';
import { plannedSuites, testName, type PlannedSuite } from './plan.js';

export type { ConformanceOptions } from './options.js';

/** Time the engine's hook gets beyond the run's own timeout (which ends the run with its results). */
const HOOK_MARGIN_SECONDS = 60;

/**
 * Registers the catalog in the calling test file (or `describe`). Bad options, a bad profile,
 * spec, overlay or waivers file fail the file at once; credentials the target refuses or a
 * profile it contradicts fail it when the run starts; each with the command line's message.
 */
export function describeConformance(options: ConformanceOptions = {}): void {
  const io = vitestIo(options.env ?? process.env);
  const { flags, inputs, suites } = withoutStack(() => settle(options, io));
  describe(options.name ?? 'getLedgerExplodeInfo conformance', () => {
    const state: { judged?: Judged } = {};
    beforeAll(
      // vitest reads a hook's source for the fixtures it uses: its first parameter must be a
      // destructuring pattern, and the suite (whose tests -t and .only have marked) comes second.
      // eslint-disable-next-line no-empty-pattern
      async ({}, suite) => {
        const running = requirementsToRun(suite);
        const all = suites.reduce((sum, s) => sum + s.requirements.length, 0);
        state.judged = await withoutStack(() =>
          judgeOnce(flags, inputs, io, {
            ...(options.reportDir !== undefined ? { reportDir: options.reportDir } : {}),
            ...(running.length < all ? { requirements: running } : {}),
          }),
        );
      },
      (flags.runTimeout + HOOK_MARGIN_SECONDS) * 1000,
    );
    for (const planned of suites) {
      describe(planned.name, () => {
        for (const requirement of planned.requirements) {
          test(testName(requirement), async (context) => {
            const judged = state.judged!;
            const result = judged.report.requirements.find((r) => r.id === requirement.id);
            await settleTest(context, testOutcome(result, flags.level, judged.report.run.seed), judged.redact);
          });
        }
      });
    }
  });
}

/** Everything known before a request goes out: the flags, the spec, profile, credentials and waivers, the tests. */
function settle(options: ConformanceOptions, io: CliIo): { flags: RunFlags; inputs: PreparedInputs; suites: PlannedSuite[] } {
  const flags = runFlagsOf(options);
  let inputs: PreparedInputs;
  try {
    inputs = prepareInputs(flags, io, (spec, transcript) => withChecks(buildCatalog(spec), transcript));
  } catch (error) {
    throw inOptionTerms(error);
  }
  const suites = plannedSuites(inputs.spec, inputs.catalog, {
    ...(flags.suite ? { suites: flags.suite } : {}),
    ...(flags.requirement ? { requirements: flags.requirement } : {}),
  });
  return { flags, inputs, suites };
}

/** The requirement ids of the tests vitest will run in this `describe` (all, or those `-t` and `.only` leave). */
function requirementsToRun(suite: Readonly<{ tasks?: readonly unknown[] }>): string[] {
  const ids: string[] = [];
  const visit = (task: { type?: string; mode?: string; name?: string; tasks?: readonly unknown[] }): void => {
    if (task.type === 'test' && (task.mode === 'run' || task.mode === 'only')) ids.push(task.name!.split(' ', 1)[0]!);
    for (const child of task.tasks ?? []) visit(child as typeof task);
  };
  visit(suite as Parameters<typeof visit>[0]);
  return ids;
}

async function settleTest(context: TestContext, outcome: TestOutcome, redact: (text: string) => string): Promise<void> {
  if (outcome.kind === 'skip') {
    const note = redact(outcome.note);
    // The note of a skip reaches the terminal; an annotation also reaches the JUnit report (as a property).
    await context.annotate(note, 'skip');
    context.skip(note);
  }
  if (outcome.kind === 'fail') throw stackless('RequirementFailed', redact(outcome.message));
}

/**
 * The kit's own errors reach the reader as the command line prints them: one message, no stack
 * trace (it would point into the kit, not at anything the reader can fix). Anything else is a
 * bug of the kit and keeps its stack.
 */
function withoutStack<T>(work: () => T): T {
  const rethrow = (error: unknown): never => {
    if (error instanceof SuiteError) throw stackless('LedgerConformanceError', `ledger-conformance: ${error.message}`);
    throw error;
  };
  try {
    const result = work();
    return (result instanceof Promise ? result.catch(rethrow) : result) as T;
  } catch (error) {
    return rethrow(error);
  }
}

/** An error vitest prints as its name and message only: a stack without frames gives it nothing else to show. */
function stackless(name: string, message: string): Error {
  const error = new Error(message);
  Object.defineProperty(error, 'name', { value: name, enumerable: false });
  error.stack = `${name}: ${message}`;
  return error;
}

/** Notices and the seed go to the test file's standard error, where vitest shows them. */
function vitestIo(env: Readonly<Record<string, string | undefined>>): CliIo {
  return {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    env,
    color: false,
  };
}
