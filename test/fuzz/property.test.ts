/**
 * How a fuzz property runs: its cases are fast-check's own, drawn from the seed as an indexed
 * list; they go out concurrently up to the run's concurrency; the failure of the lowest index is
 * shrunk and reported with a path that replays it; and the outcome does not depend on the order
 * in which answers come back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CheckFailure, type Answer, type CheckContext } from '../../src/check/check.js';
import { caseArb } from '../../src/fuzz/cases.js';
import { drawCases } from '../../src/fuzz/draw.js';
import { judgeCases } from '../../src/fuzz/pipeline.js';
import { checkProperty, type FuzzProperty } from '../../src/fuzz/property.js';
import { printRequest } from '../../src/fuzz/request.js';
import type { Exchange } from '../../src/http/types.js';
import { referenceFor, spec } from '../support/harness.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('drawn cases', () => {
  it('are the values fast-check draws for the seed, in order, across blocks', () => {
    const arbitrary = fc.tuple(fc.nat(), fc.string());
    const drawn = [...drawCases(arbitrary, 99, 2500)];
    expect(drawn.map((c) => c.index)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(drawn.map((c) => c.value)).toEqual(fc.sample(arbitrary, { seed: 99, numRuns: 2500 }));
  });

  it('are the requests fast-check draws for each fuzz property', () => {
    for (const name of ['no-server-error', 'valid-accepted', 'invalid-rejected', 'deterministic'] as const) {
      const arbitrary = caseArb(name, spec, referenceFor().profile);
      const drawn = [...drawCases(arbitrary, 7, 1030)].map((c) => printRequest(c.value));
      expect(drawn, name).toEqual(fc.sample(arbitrary, { seed: 7, numRuns: 1030 }).map(printRequest));
    }
  });
});

describe('judging cases', () => {
  const cases = Array.from({ length: 40 }, (_, index) => ({ index, value: index }));

  it('starts them in index order, judges all, and keeps the failure of the lowest index whatever finishes first', async () => {
    const started: number[] = [];
    const judged = await judgeCases(cases, 8, async ({ value }) => {
      started.push(value);
      // Later cases finish first.
      await tick(40 - value);
      return value % 7 === 3 ? `case ${value}` : undefined;
    });
    expect(started).toEqual(cases.map((c) => c.index));
    expect(judged.judged).toBe(40);
    expect(judged.first).toEqual({ index: 3, value: 3, finding: 'case 3' });
  });

  it('stops starting cases once one cannot be judged', async () => {
    const started: number[] = [];
    const judged = await judgeCases(cases, 4, async ({ value }) => {
      started.push(value);
      await tick(1);
      if (value === 5) throw new Error('no answer');
      return undefined;
    });
    expect(judged.broken?.error).toEqual(new Error('no answer'));
    expect(started.length).toBeLessThan(12);
  });
});

/** A context whose target answers after a random pause, and which counts what is in flight. */
function fakeContext(concurrency: number): { ctx: CheckContext; maxInFlight: () => number; properties: unknown[] } {
  let inFlight = 0;
  let max = 0;
  let sent = 0;
  const properties: unknown[] = [];
  const ctx = {
    spec,
    profile: referenceFor().profile,
    seed: 31,
    fuzzRuns: 300,
    concurrency,
    canUse: () => true,
    async send(query) {
      sent += 1;
      inFlight += 1;
      max = Math.max(max, inFlight);
      await tick(Math.random() * 3);
      inFlight -= 1;
      const exchange = {
        id: `fuzz/test#${sent}`,
        request: {
          method: 'GET',
          url: `http://t/?${query.map(([n, v]) => `${n}=${v}`).join('&')}`,
          headers: {},
          identity: 'primary',
        },
        attempts: 1,
        durationMs: 0,
      } as Exchange;
      return { exchange, status: 200, headers: {}, bodyText: '{}', json: {} } satisfies Answer;
    },
    fail(title, detail): never {
      throw new CheckFailure(title, detail);
    },
    softFail() {},
    skip(reason): never {
      throw new Error(reason);
    },
    reportProperty(property) {
      properties.push(property);
    },
  } satisfies CheckContext;
  return { ctx, maxInFlight: () => max, properties };
}

/** Numbers of 0 to 1000; any number of 500 or more breaks it. */
const atLeast500: FuzzProperty<number> = {
  name: 'numbers stay below 500',
  arbitrary: fc.nat(1000),
  print: String,
  async examine(value, send) {
    const answer = await send({ pairs: [['n', String(value)]] });
    return value >= 500 ? { title: 'too big', received: String(value), documented: 'below 500', answer } : undefined;
  },
};

async function failureOf(concurrency: number): Promise<{ failure: CheckFailure; maxInFlight: number; properties: unknown[] }> {
  const { ctx, maxInFlight, properties } = fakeContext(concurrency);
  const error = await checkProperty(ctx, atLeast500).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CheckFailure);
  return { failure: error as CheckFailure, maxInFlight: maxInFlight(), properties };
}

describe('a property', () => {
  it('keeps the run concurrency in flight, and reports the same shrunk counterexample at any concurrency', async () => {
    const sequential = await failureOf(1);
    const concurrent = await failureOf(8);
    expect(sequential.maxInFlight).toBe(1);
    expect(concurrent.maxInFlight).toBe(8);
    expect(concurrent.failure.detail.fuzz).toEqual(sequential.failure.detail.fuzz);
    expect(concurrent.properties).toEqual([{ name: atLeast500.name, runs: 300, status: 'fail' }]);
    const fuzz = sequential.failure.detail.fuzz!;
    // Shrunk to the smallest failing value, which seed and path replay.
    expect(fuzz.counterexample).toBe('500');
    expect(fc.sample(atLeast500.arbitrary, { seed: fuzz.seed, path: fuzz.path, numRuns: 1 })).toEqual([500]);
    // The budget that finds it again: the first failing case, counted from one.
    const drawn = fc.sample(atLeast500.arbitrary, { seed: 31, numRuns: 300 });
    expect(fuzz.numRuns).toBe(drawn.findIndex((n) => n >= 500) + 1);
    expect(fuzz.path.split(':')[0]).toBe(String(fuzz.numRuns - 1));
  });

  it('refuses a case that sends after awaiting an answer: request numbers would depend on timing', async () => {
    const { ctx } = fakeContext(4);
    const twoSteps: FuzzProperty<number> = {
      ...atLeast500,
      async examine(value, send) {
        await send({ pairs: [['n', String(value)]] });
        await send({ pairs: [['again', String(value)]] });
        return undefined;
      },
    };
    await expect(checkProperty(ctx, twoSteps)).rejects.toThrow(/sent a request after awaiting one/);
  });
});
