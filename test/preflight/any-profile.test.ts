/**
 * No internal error, and no false failure, for any valid profile: 200 profiles that the
 * published schema accepts, true of the reference's data but as partial as users write them
 * (no groups, empty lists, one event, ids only, names with reference ids, currencies or not,
 * absent handles or not), run against the reference, most with the preflight and some without
 * (the profile used as declared). Every run must end conformant (inconclusive only when the
 * profile leaves its two suites nothing to prove), with no check failed and none broken, or
 * (without the preflight) refuse a profile whose events lack names as the user's error. Each
 * run judges two suites with a small fuzz budget, and every suite comes round twenty times over
 * the 200.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSession } from '../../src/engine/session.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSpecAjv } from '../../src/core/ajv.js';
import { ProfileInvalidError } from '../../src/core/errors.js';
import { SCHEMAS_DIR } from '../../src/core/files.js';
import { problemsAgainstSpec } from '../../src/profile/load.js';
import { normaliseProfile } from '../../src/profile/declared.js';
import { createReference } from '../../src/reference/index.js';
import { buildCatalog, SUITE_NAMES } from '../../suites/index.js';
import { spec } from '../support/harness.js';

const reference = createReference(spec, { seed: 5, size: 8 });
const full = reference.profile;
const validate = createSpecAjv().compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, 'profile.schema.json'), 'utf8')) as object);
const SUITES = [...SUITE_NAMES].sort();
const catalog = buildCatalog(spec);

/** Up to `max` items of a list, whatever its length. */
const upTo = <T>(items: readonly T[], max: number, min = 0): fc.Arbitrary<T[]> =>
  fc.subarray([...items], { minLength: Math.min(min, items.length), maxLength: Math.min(max, items.length) });

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

type Event = (typeof full.customers)[number]['events'][number];

/**
 * The events picked, and every other event of the ledger that a picked one's name and reference
 * id select: what a profile used without the preflight must hold (`profile init` writes it so),
 * because a check that selects by reference id expects exactly the events the profile names.
 */
const withSameReference = (picked: readonly Event[], ledger: readonly Event[]): Event[] =>
  ledger.filter(
    (e) =>
      picked.includes(e) ||
      picked.some(
        (p) => p.eventReferenceId !== undefined && p.eventName === e.eventName && p.eventReferenceId === e.eventReferenceId,
      ),
  );

/** An event as a user may write it: an id (text or number), an id object, name and reference id, or all three. */
const eventArb = (e: Event, complete: boolean): fc.Arbitrary<unknown> =>
  complete
    ? fc.constant({ ...e })
    : fc.constantFrom<unknown>(
        e.eventLogId,
        Number(e.eventLogId),
        { eventLogId: e.eventLogId },
        ...(e.eventReferenceId !== undefined
          ? [{ eventName: e.eventName, eventReferenceId: e.eventReferenceId }, { ...e }]
          : [{ ...e }]),
      );

const customerArb = (
  c: (typeof full.customers)[number],
  index: number,
  complete: boolean,
): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record({
      key: maybe(fc.constant(`qa${index}`)),
      lookups: upTo(c.lookups, 2, 1),
      events: maybe(
        upTo(c.events, 6).chain((events) =>
          fc.tuple(...(complete ? withSameReference(events, c.events) : events).map((e) => eventArb(e, complete))),
        ),
      ),
      notFoundLookups: maybe(upTo(c.notFoundLookups, 2)),
      eventIdsWithoutDetail: maybe(upTo(c.eventIdsWithoutDetail, 2)),
      alternateCurrencies: maybe(fc.constant([...(c.alternateCurrencies ?? [])])),
    })
    .map((record) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)));

/**
 * One run in four goes without the preflight: the profile is then used as declared, so its
 * events are written in full, and its absent lists are empty or short (what crashed the fuzzer once).
 */
const profileArb = fc
  .boolean()
  .chain((b) => (b ? fc.constant(true) : fc.boolean()))
  .chain((preflight) =>
    fc
      .record({
        customers: maybe(
          upTo(
            full.customers.map((c, i) => ({ c, i })),
            3,
          ).chain((picked) => fc.tuple(...picked.map(({ c, i }) => customerArb(c, i, !preflight)))),
        ),
        groups: maybe(
          upTo(full.groups, 1).chain((groups) =>
            fc.tuple(
              ...groups.map((g) =>
                fc.record({
                  lookups: upTo(g.lookups, 2, 1),
                  events: upTo(g.events, 4).map((events) =>
                    preflight ? events.map((e) => e.eventLogId) : withSameReference(events, g.events).map((e) => ({ ...e })),
                  ),
                }),
              ),
            ),
          ),
        ),
        absent: maybe(
          fc.constantFrom<unknown>({}, { eventIds: [] }, full.absent, {
            customers: full.absent.customers.slice(0, 1),
            alternateCurrencyNames: ['NoSuchCoin'],
          }),
        ),
        orgSettings: maybe(fc.constant({ ENABLE_POINTS_AWARDED_SOURCE_VALUE_CAPTURING: true })),
        alternateCurrencyNames: maybe(fc.constant([...full.alternateCurrencyNames])),
        runSeed: fc.nat({ max: 1_000_000 }),
      })
      .map(({ runSeed, ...record }) => ({
        runSeed,
        preflight,
        file: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)),
      })),
  );

describe('any valid profile', () => {
  it('ends conformant against the reference, with no check failed or broken (200 profiles; inconclusive only where nothing could be proven)', async () => {
    let run = 0;
    const verdicts: string[] = [];
    const suitesSeen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(profileArb, async ({ file, runSeed, preflight }) => {
        expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
        const declared = normaliseProfile(file, 'generated');
        expect(problemsAgainstSpec(declared, spec)).toEqual([]);
        const suites = [SUITES[run % SUITES.length]!, SUITES[(run * 7 + 3) % SUITES.length]!];
        run += 1;
        suites.forEach((s) => suitesSeen.add(s));
        const session = runSession({
          catalog,
          spec,
          profile: { declared, name: 'generated.yaml', sha256: '0'.repeat(64) },
          destination: { kind: 'in-process', handler: reference.handler },
          secrets: referenceSecrets(reference.identities),
          seed: runSeed,
          fuzzRuns: 3,
          gatingLevel: 'MAY',
          suites,
          preflight,
          concurrency: 8,
        });
        // Without the preflight, a profile that leaves event names to learn is refused: the
        // user's error (exit 2), named as such, never the kit's.
        const report = await session.then(
          ({ report }) => report,
          (error: unknown) => {
            if (!preflight && error instanceof ProfileInvalidError && /needs (eventName|eventLogId)/.test(error.message))
              return undefined;
            throw error;
          },
        );
        if (!report) return;
        const problems = report.requirements
          .filter((r) => r.status === 'fail' || r.status === 'error')
          .map((r) => `${r.id} ${r.status}: ${r.failures[0]?.message ?? r.reasons.join(' | ')}`);
        expect(problems, JSON.stringify(file)).toEqual([]);
        // Conformant, or inconclusive because the profile gave these suites nothing to prove.
        const proven = report.requirements.some((r) => r.status === 'pass');
        expect(report.verdict, JSON.stringify(file)).toBe(proven ? 'conformant' : 'inconclusive');
        verdicts.push(report.verdict);
      }),
      { numRuns: 200, seed: 20261130 },
    );
    expect([...suitesSeen].sort()).toEqual(SUITES);
    console.log(
      `any profile: ${verdicts.filter((v) => v === 'conformant').length} conformant of ${verdicts.length} runs with a report`,
    );
    // Runs that prove something: 96 of the 200 when this was written (the seed is fixed); a
    // generator that made empty profiles would test nothing.
    expect(verdicts.filter((v) => v === 'conformant').length).toBeGreaterThanOrEqual(90);
  }, 600_000);
});
