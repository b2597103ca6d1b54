/**
 * Runs one fuzz property inside a check: fast-check with the run's seed and fuzz budget,
 * shrinking a failure to a minimal counterexample, and reporting it with what replays it (the
 * seed, the fast-check path, the printed request) and the answer to that minimal request (so
 * the report carries its curl line). A transport failure is an `error`, never a finding: the
 * property stops sending at once and the check ends as the engine reports any broken request.
 */
import fc from 'fast-check';
import type { Answer, CheckContext } from '../engine/check.js';
import type { FuzzRequest } from './request.js';
import { judgesCase } from './shard.js';

/** Why one case breaks the property. */
export interface Finding {
  readonly title: string;
  readonly received: string;
  readonly documented: string;
  readonly answer: Answer;
}

export interface FuzzProperty<T> {
  /** The property in words, for the report's fuzz summary. */
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Sends one case and judges the answer: a finding when the case breaks the property. */
  readonly examine: (value: T) => Promise<Finding | undefined>;
  /** The counterexample as a report shows it. */
  readonly print: (value: T) => string;
}

/**
 * Cases shrinking may try after the first failure. Shrinking a request is cheap (tens of
 * steps); the cap only bounds what a target that fails almost everything can cost.
 */
export const SHRINK_BUDGET = 400;

/** Sends a generated request as it is meant to go on the wire. */
export function sendRequest(ctx: CheckContext, request: FuzzRequest): Promise<Answer> {
  return ctx.send(request.pairs, request.rawQuery !== undefined ? { rawQuery: request.rawQuery } : {});
}

/**
 * Checks the property for `ctx.fuzzRuns` cases drawn with `ctx.seed`; passes, or fails the
 * check with the shrunk counterexample. The same seed and budget draw the same cases, and
 * `fc.check(property, { seed, path })` (or `fc.sample(arbitrary, { seed, path, numRuns: 1 })`)
 * goes straight to the counterexample.
 */
export async function checkProperty<T>(ctx: CheckContext, property: FuzzProperty<T>): Promise<void> {
  let broken: { readonly error: unknown } | undefined;
  let failure: { readonly value: T; readonly finding: Finding } | undefined;
  let tries = 0;
  let drawn = 0;
  const predicate = async (value: T): Promise<boolean> => {
    // Once the run cannot be judged, or shrinking has had its budget, the remaining cases pass
    // without a request: fast-check then ends with the smallest failure it has.
    if (broken !== undefined || (failure !== undefined && ++tries > SHRINK_BUDGET)) return true;
    // Another shard judges this case (shrinking steps, after a failure, are all judged here).
    if (failure === undefined && !judgesCase(ctx.shard, drawn++)) return true;
    try {
      const finding = await property.examine(value);
      if (finding === undefined) return true;
      // fast-check only moves to a case that fails, so the last failure is the counterexample.
      failure = { value, finding };
      return false;
    } catch (error) {
      broken = { error };
      return true;
    }
  };
  const details = await fc.check(fc.asyncProperty(property.arbitrary, predicate), { seed: ctx.seed, numRuns: ctx.fuzzRuns });

  if (failure !== undefined) {
    ctx.reportProperty({ name: property.name, runs: details.numRuns, status: 'fail' });
    const { finding, value } = failure;
    ctx.fail(finding.title, {
      received: finding.received,
      documented: finding.documented,
      answer: finding.answer,
      fuzz: { seed: details.seed, path: details.counterexamplePath ?? '', counterexample: property.print(value), numRuns: details.numRuns, shrinks: details.numShrinks },
    });
  }
  if (broken !== undefined || details.failed) {
    ctx.reportProperty({ name: property.name, runs: details.numRuns, status: 'error' });
    throw broken !== undefined ? broken.error : new Error(`the fuzz property "${property.name}" broke: ${String(details.errorInstance)}`);
  }
  ctx.reportProperty({ name: property.name, runs: details.numRuns, status: 'pass' });
}
