/**
 * The preflight's contradictions, one per kind: each way a profile can be wrong about the target
 * comes back as exactly one mismatch row (handle, expected, answered), so that a profile mistake
 * is never blamed on the target. And the completion of reference ids over several pages: a
 * reference id whose events fill more than a page is learned in full, not dropped.
 */
import { describe, expect, it } from 'vitest';
import { ProfileMismatchError, type HandleMismatch } from '../../src/core/errors.js';
import { openTarget } from '../../src/engine/target.js';
import { runPreflight } from '../../src/preflight/index.js';
import { normaliseProfile } from '../../src/profile/declared.js';
import type { LoadedProfile } from '../../src/profile/load.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { createReference, type Reference } from '../../src/reference/index.js';
import type { LoadedSpec } from '../../src/contract/load.js';
import { effective, overlayOf, writeOverlay } from '../dialects/support.js';
import { referenceFor, spec } from '../support/harness.js';

/** The preflight of a declared profile against a reference: the learned profile, or the mismatches. */
async function preflight(
  file: unknown,
  reference: Reference = referenceFor(),
  against: LoadedSpec = spec,
): Promise<{ loaded?: LoadedProfile; mismatches: readonly HandleMismatch[] }> {
  const target = openTarget({
    spec: against,
    destination: { kind: 'in-process', handler: reference.handler },
    secrets: referenceSecrets(reference.identities),
  });
  try {
    const declared = normaliseProfile(file, 'qa');
    const { loaded } = await runPreflight({
      spec: against,
      transport: target.transport,
      baseUrl: target.baseUrl,
      file: { declared, name: 'qa.yaml', sha256: '0'.repeat(64) },
      seed: 1,
      credentialSource: 'the test',
    });
    return { loaded, mismatches: [] };
  } catch (error) {
    if (error instanceof ProfileMismatchError) return { mismatches: error.mismatches };
    throw error;
  } finally {
    await target.transport.close();
  }
}

const full = referenceFor().profile;
const [customer, other] = full.customers;
const withDetail = customer!.events.filter((e) => e.eventReferenceId !== undefined);
const [first, second] = withDetail;
const withoutDetail = customer!.eventIdsWithoutDetail[0]!;
const otherEventName = (name: string): string => customer!.events.find((e) => e.eventName !== name)!.eventName;

/** A true profile of one customer: two lookups, two events in full, an id without detail, a lookup that finds nobody. */
const truth = () => ({
  customers: [
    {
      key: 'qa',
      lookups: [customer!.lookups[0]!, customer!.lookups[1]!],
      events: [{ ...first! }, { ...second! }] as Record<string, string>[],
      eventIdsWithoutDetail: [withoutDetail],
      notFoundLookups: [customer!.notFoundLookups[0]!],
    },
  ],
});
type Truth = ReturnType<typeof truth>;
const changed = (change: (c: Truth['customers'][number]) => void): Truth => {
  const file = truth();
  change(file.customers[0]!);
  return file;
};

describe('the preflight against a true profile', () => {
  it('finds no contradiction, and keeps every declared event', async () => {
    const { loaded, mismatches } = await preflight(truth());
    expect(mismatches).toEqual([]);
    const events = loaded!.profile.customers[0]!.events.map((e) => e.eventLogId);
    expect(events).toEqual(expect.arrayContaining([first!.eventLogId, second!.eventLogId]));
    expect(loaded!.profile.customers[0]!.eventIdsWithoutDetail).toContain(withoutDetail);
  });
});

describe('each kind of contradiction is one row naming the handle, what the profile says and what the target answered', () => {
  const bogusMobile = { identifierName: 'mobile', identifierValue: '910000000017', source: customer!.lookups[0]!.source };
  const cases: [string, Truth, RegExp, string | RegExp, RegExp][] = [
    [
      'the first lookup finds nobody',
      changed((c) => (c.lookups[0] = bogusMobile)),
      /^\/customers\/0\/lookups\/0 mobile=910000000017/,
      'finds customer qa',
      /customer-not-found/,
    ],
    [
      'an event declared by name and reference id is not in the ledger',
      changed((c) => (c.events[0] = { eventName: first!.eventName, eventReferenceId: 'no-such-reference' })),
      new RegExp(`^/customers/0/events/0 ${first!.eventName} no-such-reference$`),
      'an event of customer qa',
      /event-reference-not-found/,
    ],
    [
      'an id declared without explode detail has it',
      changed((c) => (c.eventIdsWithoutDetail = [first!.eventLogId])),
      new RegExp(`^/customers/0/events/0 ${first!.eventLogId}$`),
      'an event without explode detail',
      new RegExp(`a ${first!.eventName} with detail`),
    ],
    [
      'an event declared under another name',
      changed((c) => (c.events[0] = { ...first!, eventName: otherEventName(first!.eventName) })),
      new RegExp(`^/customers/0/events/0 ${first!.eventLogId}$`),
      otherEventName(first!.eventName),
      new RegExp(`^${first!.eventName}$`),
    ],
    [
      'an event declared with another reference id',
      changed((c) => (c.events[0] = { ...first!, eventReferenceId: 'another-reference' })),
      new RegExp(`^/customers/0/events/0 ${first!.eventLogId}$`),
      'reference id another-reference',
      new RegExp(`^reference id ${first!.eventReferenceId}$`),
    ],
    [
      'an event declared with detail has none',
      changed((c) => (c.events[0] = { eventLogId: withoutDetail, eventName: first!.eventName })),
      new RegExp(`^/customers/0/events/0 ${withoutDetail}$`),
      `a ${first!.eventName} with explode detail`,
      /event-without-detail/,
    ],
    [
      "an event id of another customer's ledger",
      changed((c) => (c.events[0] = { ...other!.events[0]! })),
      new RegExp(`^/customers/0/events/0 ${other!.events[0]!.eventLogId}$`),
      'an event of customer qa',
      /event-id-not-found/,
    ],
    [
      'a second lookup finds nobody',
      changed((c) => (c.lookups[1] = bogusMobile)),
      /^\/customers\/0\/lookups\/1 mobile=910000000017/,
      'finds customer qa',
      /customer-not-found/,
    ],
    [
      'a second lookup finds another customer',
      changed((c) => (c.lookups[1] = other!.lookups[0]!)),
      /^\/customers\/0\/lookups\/1 /,
      /^finds customer qa \(events /,
      /another ledger/,
    ],
    [
      'a lookup declared to find nobody finds the customer',
      changed((c) => (c.notFoundLookups = [customer!.lookups[1]!])),
      /^\/customers\/0\/notFoundLookups\/0 /,
      'finds no customer',
      /^200/,
    ],
  ];
  it.each(cases)('%s', async (_, file, handle, expected, answered) => {
    const { mismatches } = await preflight(file);
    expect(mismatches).toEqual([
      {
        handle: expect.stringMatching(handle) as string,
        expected: typeof expected === 'string' ? expected : (expect.stringMatching(expected) as string),
        answered: expect.stringMatching(answered) as string,
      },
    ]);
  });
});

describe('reference ids completed over several pages', () => {
  // Pages of two events: a reference id that selects four events takes three pages to know in full.
  const paged = effective([
    writeOverlay('limit-default-2', overlayOf([{ pointer: '#/components/parameters/limit/schema/default', value: 2 }])),
  ]);
  const reference = createReference(paged);
  const shared = (() => {
    for (const c of reference.profile.customers) {
      const counts = new Map<string, typeof c.events>();
      for (const e of c.events)
        if (e.eventReferenceId !== undefined)
          counts.set(`${e.eventName} ${e.eventReferenceId}`, [...(counts.get(`${e.eventName} ${e.eventReferenceId}`) ?? []), e]);
      const events = [...counts.values()].find((list) => list.length >= 3);
      if (events) return { customer: c, events };
    }
    return undefined;
  })();

  it('learns every event a declared reference id selects, beyond the first page', async () => {
    expect(shared, 'the dataset has a reference id selecting three events or more').toBeDefined();
    const { customer: owner, events } = shared!;
    const file = { customers: [{ lookups: [owner.lookups[0]!], events: [{ ...events[0]! }] }] };
    const { loaded, mismatches } = await preflight(file, reference, paged);
    expect(mismatches).toEqual([]);
    const learned = loaded!.profile.customers[0]!.events;
    expect(
      learned
        .filter((e) => e.eventReferenceId === events[0]!.eventReferenceId)
        .map((e) => e.eventLogId)
        .sort(),
    ).toEqual(events.map((e) => e.eventLogId).sort());
  });
});
