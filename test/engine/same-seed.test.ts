/**
 * The same seed gives the same report, byte for byte once `stabilize` has fixed what is volatile
 * (times, volatile headers): whatever the concurrency, and whatever order the answers come back
 * in. The target answers over real sockets, each answer after a random pause, so requests sent
 * together finish in a different order every run; the fuzz properties have many cases in flight
 * and shrink a failure, and observers see answers in arrival order.
 */
import { describe, expect, it } from 'vitest';
import { defineCheck, defineObserver } from '../../src/check/check.js';
import { runSession } from '../../src/engine/session.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { faults as fuzzFaults } from '../../src/faults/catalog/fuzz.js';
import { faultContext } from '../../src/faults/fault.js';
import type { ReferenceHandler, ReferenceResponse } from '../../src/core/handler.js';

/** A handler that may answer later, as a slow target does. */
type LaterHandler = ReferenceHandler<ReferenceResponse | Promise<ReferenceResponse>>;
import { builtInProfile } from '../../src/profile/load.js';
import { RENDERERS } from '../../src/report/renderers/index.js';
import { stabilize } from '../../src/report/stabilize.js';
import { startHandlerServer } from '../http/support/servers.js';
import { catalog, referenceFor, spec } from '../support/harness.js';

const reference = referenceFor();
const emailCrash = fuzzFaults.find((f) => f.id === 'fuzz/email-upper-case-crash')!;

/** The handler's answer after a pause of up to 2 ms: answers overtake one another. */
const jittery =
  (handler: LaterHandler): LaterHandler =>
  (request) =>
    new Promise((resolve) => setTimeout(() => resolve(handler(request)), Math.random() * 2));

/** Every report format of one run over HTTP, stabilized, with the server's port taken out. */
async function reportsOf(handler: LaterHandler, concurrency: number): Promise<Record<string, string>> {
  const server = await startHandlerServer(jittery(handler));
  try {
    const { report } = await runSession({
      spec,
      profile: builtInProfile(reference.profile),
      catalog,
      destination: { kind: 'http', baseUrl: server.url },
      secrets: referenceSecrets(reference.identities),
      seed: 7,
      fuzzRuns: 25,
      gatingLevel: 'MUST',
      concurrency,
      today: '2026-01-01',
    });
    const stable = stabilize(report);
    return Object.fromEntries(
      Object.entries(RENDERERS).map(([format, renderer]) => [
        format,
        renderer.render(stable).replaceAll(server.url, 'http://target'),
      ]),
    );
  } finally {
    await server.close();
  }
}

describe('reports for the same seed', () => {
  it.each([
    ['the reference', reference.handler],
    [
      'a target that fails fuzz properties and observers',
      emailCrash.build(faultContext(spec, reference.dataset, reference.identities, reference.handler)),
    ],
  ] as const)('are the same bytes at concurrency 1, 4 and 16: %s', async (_name, handler) => {
    const one = await reportsOf(handler, 1);
    const four = await reportsOf(handler, 4);
    const sixteen = await reportsOf(handler, 16);
    expect(Object.keys(one).sort()).toEqual(Object.keys(RENDERERS).sort());
    for (const format of Object.keys(one)) {
      expect(four[format], `${format} at concurrency 4`).toBe(one[format]);
      expect(sixteen[format], `${format} at concurrency 16`).toBe(one[format]);
    }
  });
});

describe('a problem an observer sees many times', () => {
  it('is shown by its earliest exchange in check order, not by the first answer to arrive', async () => {
    // Two checks send at once; the target answers the later check first.
    const slowFirst: LaterHandler = async (request) => {
      if (request.rawQuery.includes('which=first')) await new Promise((resolve) => setTimeout(resolve, 30));
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    };
    const sendOne = (id: string, which: string) =>
      defineCheck({
        id,
        requirement: 'RESP-DETERMINISTIC',
        title: 'sends one request',
        run: async (ctx) => void (await ctx.send([['which', which]])),
      });
    const everyAnswer = defineObserver({
      id: 'schema/every-answer',
      requirement: 'RESP-STATUS',
      title: 'flags every answer as one problem',
      observe: () => [{ title: 'flagged', received: 'an answer', documented: 'none', key: 'the same problem' }],
    });
    const { report } = await runSession({
      spec,
      profile: builtInProfile(reference.profile),
      destination: { kind: 'in-process', handler: slowFirst },
      secrets: referenceSecrets(reference.identities),
      seed: 1,
      fuzzRuns: 1,
      gatingLevel: 'MUST',
      catalog: { checks: [sendOne('schema/a-first', 'first'), sendOne('schema/b-second', 'second')], observers: [everyAnswer] },
    });
    const flagged = report.requirements.find((r) => r.id === 'RESP-STATUS')!;
    expect(flagged.failureCount).toBe(2);
    expect(flagged.failures.map((f) => f.exchange?.id)).toEqual(['schema/a-first#1']);
  });
});
