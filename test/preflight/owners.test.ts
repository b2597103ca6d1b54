/**
 * What the preflight learns of one customer or group (src/preflight/owners.ts), beyond the
 * contradictions of `mismatches.test.ts`: the values a partial profile leaves out, each with the
 * request that taught it; an answer the spec does not document, which teaches nothing and
 * contradicts nothing (it is noted, and the declared value kept); groups as well as customers;
 * and the page size it asks for.
 */
import { describe, expect, it } from 'vitest';
import type { ReferenceHandler } from '../../src/core/handler.js';
import { ProfileMismatchError, type HandleMismatch } from '../../src/core/errors.js';
import { openTarget } from '../../src/engine/target.js';
import { runPreflight } from '../../src/preflight/index.js';
import { largestPage } from '../../src/preflight/owners.js';
import type { Probe } from '../../src/preflight/probe.js';
import type { PreflightSummary } from '../../src/core/report-model.js';
import { normaliseProfile } from '../../src/profile/declared.js';
import type { LoadedProfile } from '../../src/profile/load.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { referenceFor, spec } from '../support/harness.js';

const reference = referenceFor();
const [customer] = reference.profile.customers;
const [ev0, ev1, ev2] = customer!.events.filter((e) => e.eventReferenceId !== undefined);
const withoutDetail = customer!.eventIdsWithoutDetail[0]!;
const group = reference.profile.groups[0]!;

/** The preflight of `file` against the reference, whose answers `wrap` may change. */
async function preflight(
  file: unknown,
  wrap: (handler: ReferenceHandler) => ReferenceHandler = (h) => h,
): Promise<{ loaded?: LoadedProfile; summary?: PreflightSummary; mismatches: readonly HandleMismatch[] }> {
  const target = openTarget({
    spec,
    destination: { kind: 'in-process', handler: wrap(reference.handler) },
    secrets: referenceSecrets(reference.identities),
  });
  try {
    const { loaded, summary } = await runPreflight({
      spec,
      transport: target.transport,
      baseUrl: target.baseUrl,
      file: { declared: normaliseProfile(file, 'qa'), name: 'qa.yaml', sha256: '0'.repeat(64) },
      seed: 1,
      credentialSource: 'the test',
    });
    return { loaded, summary, mismatches: [] };
  } catch (error) {
    if (error instanceof ProfileMismatchError) return { mismatches: error.mismatches };
    throw error;
  } finally {
    await target.transport.close();
  }
}

/** A target that answers 500, a status the spec does not document, to requests whose query contains `text`. */
const failingOn =
  (...texts: string[]) =>
  (handler: ReferenceHandler): ReferenceHandler =>
  (request) =>
    texts.some((text) => decodeURIComponent(request.rawQuery).includes(text))
      ? { status: 500, headers: { 'content-type': 'text/plain' }, body: 'boom' }
      : handler(request);

const one = (events: Record<string, string>[], more: Record<string, unknown> = {}) => ({
  customers: [{ key: 'qa', lookups: [customer!.lookups[0]!], events, ...more }],
});

describe('what the preflight learns of a customer', () => {
  it('the id of an event declared by name and reference id, the name of one declared by id, with the request that taught each', async () => {
    const { summary, mismatches } = await preflight(
      one([
        { eventName: ev0!.eventName, eventReferenceId: ev0!.eventReferenceId! },
        { ...ev1! },
        { eventLogId: ev2!.eventLogId },
      ]),
    );
    expect(mismatches).toEqual([]);
    const learned = summary!.learned.filter((l) => l.pointer.startsWith('/customers/0/events/'));
    expect(learned).toEqual(
      expect.arrayContaining([
        {
          pointer: '/customers/0/events/0',
          value: `${ev0!.eventLogId} ${ev0!.eventName} ${ev0!.eventReferenceId}`,
          request: expect.stringMatching(new RegExp(`eventName=${ev0!.eventName}&eventReferenceIds=.* → 200$`)) as string,
        },
        {
          pointer: '/customers/0/events/2',
          value: `${ev2!.eventLogId} ${ev2!.eventName} ${ev2!.eventReferenceId}`,
          request: expect.stringMatching(new RegExp(`eventIds=[0-9,]*${ev2!.eventLogId}[0-9,]* → 200$`)) as string,
        },
      ]),
    );
    // Declared in full: nothing was learned of it.
    expect(learned.map((l) => l.value)).not.toContain(`${ev1!.eventLogId} ${ev1!.eventName} ${ev1!.eventReferenceId}`);
  });

  it('that an id declared as an event has no explode detail, and that one declared so has none (taught by nothing)', async () => {
    const learnedWithout = async (file: unknown) =>
      (await preflight(file)).summary!.learned.filter((l) => l.pointer.startsWith('/customers/0/eventIdsWithoutDetail/'));
    expect(await learnedWithout(one([{ eventLogId: withoutDetail }]))).toEqual([
      {
        pointer: '/customers/0/eventIdsWithoutDetail/0',
        value: withoutDetail,
        request: expect.stringMatching(new RegExp(`eventIds=${withoutDetail}.* → 400 error`)) as string,
      },
    ]);
    expect(await learnedWithout(one([{ ...ev1! }], { eventIdsWithoutDetail: [withoutDetail] }))).toEqual([]);
  });
});

describe('an answer the spec does not document (500) teaches nothing and contradicts nothing', () => {
  it('an event declared by name and reference id is noted as not learned', async () => {
    const { loaded, summary, mismatches } = await preflight(
      one([{ eventName: ev0!.eventName, eventReferenceId: ev0!.eventReferenceId! }, { ...ev1! }]),
      failingOn(`eventReferenceIds=${ev0!.eventReferenceId}`),
    );
    expect(mismatches).toEqual([]);
    expect(summary!.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^customer qa: ${ev0!.eventName} ${ev0!.eventReferenceId} was not learned: GET .* → 500`),
        ),
      ]),
    );
    expect(loaded!.profile.customers[0]!.events.map((e) => e.eventLogId)).not.toContain(ev0!.eventLogId);
  });

  it('an event declared in full is kept as declared; one declared by id only is noted', async () => {
    const { loaded, summary, mismatches } = await preflight(
      one([{ ...ev1! }, { eventLogId: ev2!.eventLogId }]),
      failingOn(ev1!.eventLogId, ev2!.eventLogId),
    );
    expect(mismatches).toEqual([]);
    expect(loaded!.profile.customers[0]!.events).toEqual(expect.arrayContaining([{ ...ev1! }]));
    expect(loaded!.profile.customers[0]!.events.map((e) => e.eventLogId)).not.toContain(ev2!.eventLogId);
    expect(summary!.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^customer qa: event ${ev2!.eventLogId} was not learned: GET .* → 500`)),
      ]),
    );
  });

  it('an id declared without detail stays so', async () => {
    const { loaded, mismatches } = await preflight(
      one([{ ...ev1! }], { eventIdsWithoutDetail: [withoutDetail] }),
      failingOn(withoutDetail),
    );
    expect(mismatches).toEqual([]);
    expect(loaded!.profile.customers[0]!.eventIdsWithoutDetail).toEqual([withoutDetail]);
  });

  it('a page of ids refused as a whole is asked id by id: one answer that fails spoils none of the others', async () => {
    const { loaded, mismatches } = await preflight(
      one([{ ...ev0! }, { ...ev1! }, { eventLogId: ev2!.eventLogId }]),
      failingOn(`${ev0!.eventLogId},`),
    );
    expect(mismatches).toEqual([]);
    expect(loaded!.profile.customers[0]!.events).toEqual(expect.arrayContaining([{ ...ev0! }, { ...ev1! }, { ...ev2! }]));
  });
});

describe('groups', () => {
  const groupFile = (lookups = group.lookups) => ({
    customers: [],
    groups: [{ key: group.key, lookups, events: [{ ...group.events[0]! }] }],
  });

  it('are checked and completed as customers are', async () => {
    const { loaded, mismatches } = await preflight(groupFile());
    expect(mismatches).toEqual([]);
    expect(loaded!.profile.groups[0]!.events).toEqual(expect.arrayContaining([{ ...group.events[0]! }]));
  });

  it('a group lookup that finds no group is a mismatch naming the group', async () => {
    const bogus = { ...group.lookups[0]!, identifierValue: '999999999' };
    const { mismatches } = await preflight(groupFile([bogus]));
    expect(mismatches).toEqual([
      {
        handle: `/groups/0/lookups/0 ${bogus.identifierName}=999999999 in ${bogus.source}`,
        expected: `finds group ${group.key}`,
        answered: expect.stringMatching(/group-not-found/) as string,
      },
    ]);
  });
});

describe('largestPage', () => {
  const probeWith = (limit: { defaultValue?: unknown; schema: Record<string, unknown> }) =>
    ({ spec: { parameter: () => limit } }) as unknown as Probe;

  it("asks for the spec's default page, naming no limit, so that broken paging is the pagination suite's to judge", () => {
    expect(largestPage(probeWith({ defaultValue: 20, schema: { maximum: 50 } }))).toEqual({ size: 20, pair: [] });
  });

  it('asks for the maximum, by name, when the spec gives no default; ten when it gives neither', () => {
    expect(largestPage(probeWith({ schema: { maximum: 50 } }))).toEqual({ size: 50, pair: [['limit', '50']] });
    expect(largestPage(probeWith({ schema: {} }))).toEqual({ size: 10, pair: [] });
  });
});
