/**
 * Runs one fuzz property inside a check. The cases are drawn from the run's seed alone
 * (`draw.ts`), so they all go out at once, up to the run's concurrency (`pipeline.ts`); every
 * case is judged. The failing case of the lowest index is then shrunk, one request at a time,
 * by fast-check replaying that case from its path, and reported with what replays it (the seed,
 * the fast-check path, the printed request) and the answer to the minimal request (so the
 * report carries its curl line). A transport failure is an `error`, never a finding: the
 * property stops starting cases at once and the check ends as the engine reports any broken
 * request.
 */
import fc from 'fast-check';
import type { Answer, CheckContext } from '../check/check.js';
import { drawCases, type DrawnCase } from './draw.js';
import { judgeCases } from './pipeline.js';
import type { FuzzRequest } from './request.js';
import { judgesCase } from './shard.js';

/** Why one case breaks the property. */
export interface Finding {
  readonly title: string;
  readonly received: string;
  readonly documented: string;
  readonly answer: Answer;
}

/** Sends a generated request as it is meant to go on the wire. */
export type CaseSender = (request: FuzzRequest) => Promise<Answer>;

export interface FuzzProperty<T> {
  /** The property in words, for the report's fuzz summary. */
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /**
   * Sends one case through `send` and judges the answers: a finding when the case breaks the
   * property. Every request of a case goes out before the first `await` (e.g. `Promise.all`),
   * so that request numbers, and with them the reports, do not depend on timing.
   */
  readonly examine: (value: T, send: CaseSender) => Promise<Finding | undefined>;
  /** The counterexample as a report shows it. */
  readonly print: (value: T) => string;
}

/**
 * Cases shrinking may try after the first failure. Shrinking a request is cheap (tens of
 * steps); the cap only bounds what a target that fails almost everything can cost.
 */
export const SHRINK_BUDGET = 400;

/**
 * Examines one case with a sender that refuses requests once the case has started waiting.
 * `background`: the case is one of a backlog, queued behind checks that wait on one answer at a
 * time; shrinking, one case at a time itself, is not.
 */
function examineCase<T>(
  ctx: CheckContext,
  property: FuzzProperty<T>,
  value: T,
  background: boolean,
): Promise<Finding | undefined> {
  let open = true;
  const send: CaseSender = (request) => {
    if (!open)
      throw new Error(
        `the fuzz property "${property.name}" sent a request after awaiting one: a case sends all its requests at once`,
      );
    return ctx.send(request.pairs, { background, ...(request.rawQuery !== undefined ? { rawQuery: request.rawQuery } : {}) });
  };
  try {
    return property.examine(value, send);
  } finally {
    open = false;
  }
}

interface Shrunk<T> {
  readonly value: T;
  readonly finding: Finding;
  readonly path: string;
  readonly shrinks: number;
}

/**
 * Shrinks a failing case: fast-check replays it from its path (`seed` and `String(index)`) and
 * walks its shrinks one at a time. The replayed case itself is already judged, so it is not sent
 * again.
 */
async function shrink<T>(
  ctx: CheckContext,
  property: FuzzProperty<T>,
  failing: DrawnCase<T> & { readonly finding: Finding },
): Promise<Shrunk<T>> {
  let smallest = { value: failing.value, finding: failing.finding };
  let replayed: T | undefined;
  let stopped = false;
  let tries = 0;
  const predicate = async (value: T): Promise<boolean> => {
    if (replayed === undefined) {
      replayed = value;
      return false;
    }
    // Once a request goes unanswered, or shrinking has had its budget, the remaining cases pass
    // without a request: fast-check then ends with the smallest failure it has.
    if (stopped || ++tries > SHRINK_BUDGET) return true;
    try {
      const finding = await examineCase(ctx, property, value, false);
      if (finding === undefined) return true;
      // fast-check only moves to a case that fails, so the last failure is the smallest.
      smallest = { value, finding };
      return false;
    } catch {
      stopped = true;
      return true;
    }
  };
  const details = await fc.check(fc.asyncProperty(property.arbitrary, predicate), {
    seed: ctx.seed,
    path: String(failing.index),
    numRuns: 1,
  });
  if (replayed === undefined || property.print(replayed) !== property.print(failing.value)) {
    throw new Error(`the fuzz property "${property.name}": replaying case ${failing.index} from the seed drew another case`);
  }
  return { ...smallest, path: details.counterexamplePath ?? String(failing.index), shrinks: details.numShrinks };
}

/**
 * Checks the property on `ctx.fuzzRuns` cases drawn with `ctx.seed`; passes, or fails the
 * check with the shrunk counterexample. The same seed and budget draw the same cases, and
 * `fc.check(property, { seed, path })` (or `fc.sample(arbitrary, { seed, path, numRuns: 1 })`)
 * goes straight to the counterexample.
 */
export async function checkProperty<T>(ctx: CheckContext, property: FuzzProperty<T>): Promise<void> {
  // In a sharded run every shard draws the same list and judges its share of the indexes;
  // a failure is shrunk in the shard that judged it.
  const cases = shareOf(drawCases(property.arbitrary, ctx.seed, ctx.fuzzRuns), ctx.shard);
  const { judged, first, broken } = await judgeCases(cases, ctx.concurrency, (drawn) =>
    examineCase(ctx, property, drawn.value, true),
  );
  if (first !== undefined) {
    const shrunk = await shrink(ctx, property, first);
    ctx.reportProperty({ name: property.name, runs: judged, status: 'fail' });
    ctx.fail(shrunk.finding.title, {
      received: shrunk.finding.received,
      documented: shrunk.finding.documented,
      answer: shrunk.finding.answer,
      // `numRuns`: the budget that finds this failure again from the same seed.
      fuzz: {
        seed: ctx.seed,
        path: shrunk.path,
        counterexample: property.print(shrunk.value),
        numRuns: first.index + 1,
        shrinks: shrunk.shrinks,
      },
    });
  }
  if (broken !== undefined) {
    ctx.reportProperty({ name: property.name, runs: judged, status: 'error' });
    throw broken.error;
  }
  ctx.reportProperty({ name: property.name, runs: judged, status: 'pass' });
}

function* shareOf<T>(cases: Iterable<DrawnCase<T>>, shard: CheckContext['shard']): Generator<DrawnCase<T>> {
  for (const drawn of cases) if (judgesCase(shard, drawn.index)) yield drawn;
}
