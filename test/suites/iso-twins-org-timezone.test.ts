/**
 * RESP-ISO-TWIN and the org's timezone. A cluster may write legacy timestamps in the org's
 * timezone and their ISO twins in the server's: the same instant, other digits. With the org's
 * timezone (the profile's `orgTimezone`, or learned by the preflight) the kit accepts that and
 * still fails a twin that names neither the wall clock nor the instant; without it, the failure
 * says which profile field would settle it.
 */
import { describe, expect, it } from 'vitest';
import { runSession } from '../../src/engine/session.js';
import { rewriteJson } from '../../src/faults/wrappers.js';
import { instantsOf, parseOrgTimezone, type OrgTimezone } from '../../src/core/timezone.js';
import type { ReferenceHandler } from '../../src/core/handler.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { builtInProfile, loadProfileFile } from '../../src/profile/load.js';
import type { Profile } from '../../src/profile/model.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { ProfileInvalidError } from '../../src/core/errors.js';
import { certify, referenceFor, spec } from '../support/harness.js';
import { buildCatalog } from '../../suites/index.js';
import { learnedProfileYaml } from '../../src/preflight/learned-yaml.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reference = referenceFor();
const stored = new Set(spec.knobs.timestamps.storedOffsetTwins);
const HOUR = 3_600_000;

/** The reference with every ISO twin (but stored-offset ones) rewritten from its current value. */
function twinsRewritten(rewrite: (iso: string) => string): ReferenceHandler {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const { legacy, iso } of spec.isoTwins)
      if (!stored.has(iso) && typeof record[legacy] === 'string' && typeof record[iso] === 'string')
        record[iso] = rewrite(record[iso] as string);
    Object.values(record).forEach(walk);
  };
  return rewriteJson(reference.handler, (body, { status }) => {
    if (status === 200) walk(body);
    return body;
  });
}

const utc = (ms: number): string => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
/** Legacy in the org's timezone (+05:30, the reference's), twins in UTC: the same instants. */
const legacyInOrgIsoInUtc = twinsRewritten((iso) => utc(Date.parse(iso)));
/** Twins in UTC, three hours off: neither the legacy wall clock nor its instant at +05:30. */
const shiftedThreeHours = twinsRewritten((iso) => utc(Date.parse(iso) + 3 * HOUR));
/** Twins in UTC, 7 min 13 s off: no timezone at all would reconcile them. */
const shiftedOddly = twinsRewritten((iso) => utc(Date.parse(iso) + 433_000));

const withZone = (orgTimezone?: string): Profile => {
  const { orgTimezone: _, ...profile } = reference.profile;
  return orgTimezone === undefined ? profile : { ...profile, orgTimezone };
};

async function isoTwin(handler: ReferenceHandler, orgTimezone?: string) {
  const report = await certify({ handler, suites: ['schema'], profile: withZone(orgTimezone) });
  return report.requirements.find((r) => r.id === 'RESP-ISO-TWIN')!;
}

/** Every failure and group the report keeps for the requirement, as text. */
const failureText = (r: Awaited<ReturnType<typeof isoTwin>>): string => JSON.stringify([r.failures, r.failureGroups]);

describe('RESP-ISO-TWIN with the org timezone', () => {
  it('passes the reference, with or without the org timezone', async () => {
    expect((await isoTwin(reference.handler)).status).toBe('pass');
    expect((await isoTwin(reference.handler, 'Asia/Kolkata')).status).toBe('pass');
  });

  it('passes legacy values in the org timezone with twins in UTC when the profile gives it, as an offset or an IANA name', async () => {
    expect((await isoTwin(legacyInOrgIsoInUtc, '+05:30')).status).toBe('pass');
    expect((await isoTwin(legacyInOrgIsoInUtc, 'Asia/Kolkata')).status).toBe('pass');
  });

  it('fails them without the org timezone, naming the profile field that settles it', async () => {
    const result = await isoTwin(legacyInOrgIsoInUtc);
    expect(result.status).toBe('fail');
    const text = failureText(result);
    expect(text).toContain('eventTimeISO does not name the wall-clock time of eventTime');
    expect(text).toContain("set orgTimezone in the profile if the org's timezone is +05:30 (or an IANA name at that offset)");
  });

  it('fails them under another org timezone', async () => {
    const result = await isoTwin(legacyInOrgIsoInUtc, 'Europe/London');
    expect(result.status).toBe('fail');
    expect(failureText(result)).toContain("nor its instant in the org's timezone Europe/London");
  });

  it('fails a twin that names neither the wall clock nor the instant, with the timezone known or not', async () => {
    const known = await isoTwin(shiftedThreeHours, '+05:30');
    expect(known.status).toBe('fail');
    expect(failureText(known)).toContain(
      "names neither the wall-clock time of eventTime nor its instant in the org's timezone +05:30",
    );
    const odd = await isoTwin(shiftedOddly);
    expect(odd.status).toBe('fail');
    expect(failureText(odd)).toContain('no org timezone would make them one instant');
  });
});

describe('the org timezone in the profile', () => {
  const folder = mkdtempSync(join(tmpdir(), 'org-timezone-'));
  const write = (name: string, orgTimezone: string): string => {
    const file = join(folder, name);
    const { customers, groups } = reference.profile;
    writeFileSync(file, JSON.stringify({ orgTimezone, customers: customers.slice(0, 1), groups: groups.slice(0, 0) }));
    return file;
  };

  it('is read as an IANA name or a UTC offset', () => {
    expect(loadProfileFile(write('iana.json', 'Asia/Kolkata'), spec).declared.orgTimezone).toBe('Asia/Kolkata');
    expect(loadProfileFile(write('offset.json', '-03:00'), spec).declared.orgTimezone).toBe('-03:00');
  });

  it('refuses a name no timezone database knows, or an offset no timezone has, at /orgTimezone', () => {
    for (const [name, zone, rule] of [
      ['unknown.json', 'Mars/Olympus_Mons', 'neither an IANA timezone name'],
      ['far.json', '+15:00', 'not a UTC offset from -12:00 to +14:00'],
    ] as const) {
      const file = write(name, zone);
      expect(() => loadProfileFile(file, spec)).toThrow(ProfileInvalidError);
      try {
        loadProfileFile(file, spec);
      } catch (error) {
        expect((error as ProfileInvalidError).message).toContain('/orgTimezone');
        expect((error as ProfileInvalidError).message).toContain(rule);
      }
    }
  });

  it('is written quoted by profile init, so that YAML 1.1 readers do not take +05:30 for a number', () => {
    const text = learnedProfileYaml(withZone('+05:30'), [{ pointer: '/orgTimezone', value: '+05:30', request: 'twins' }], {
      schema: 'profile.schema.json',
      header: [],
    });
    expect(text).toContain('orgTimezone: "+05:30" # learned: twins');
  });

  it('reads wall clocks in a zone with daylight saving: two instants when clocks go back, none when they skip', () => {
    const london = parseOrgTimezone('Europe/London') as OrgTimezone;
    expect(instantsOf(london, Date.UTC(2024, 6, 1, 12)).map(utc)).toEqual(['2024-07-01T11:00:00Z']);
    expect(instantsOf(london, Date.UTC(2024, 0, 1, 12)).map(utc)).toEqual(['2024-01-01T12:00:00Z']);
    expect(
      instantsOf(london, Date.UTC(2024, 9, 27, 1, 30))
        .map(utc)
        .sort(),
    ).toEqual(['2024-10-27T00:30:00Z', '2024-10-27T01:30:00Z']);
    expect(instantsOf(london, Date.UTC(2024, 2, 31, 1, 30))).toEqual([]);
  });
});

describe('the preflight learns the org timezone', () => {
  const catalog = buildCatalog(spec);
  async function preflighted(handler: ReferenceHandler, profile: Profile): Promise<ConformanceReport> {
    const { report } = await runSession({
      catalog,
      spec,
      profile: builtInProfile(profile),
      destination: { kind: 'in-process', handler },
      secrets: referenceSecrets(reference.identities),
      seed: 3,
      fuzzRuns: 10,
      gatingLevel: 'MAY',
      concurrency: 8,
      preflight: true,
      suites: ['schema'],
    });
    return report;
  }
  const status = (report: ConformanceReport): string => report.requirements.find((r) => r.id === 'RESP-ISO-TWIN')!.status;

  it('from twins that all name the instant of their legacy value at one offset, and judges by it', async () => {
    const report = await preflighted(legacyInOrgIsoInUtc, withZone());
    const learned = report.preflight!.learned.find((l) => l.pointer === '/orgTimezone');
    expect(learned?.value).toBe('+05:30');
    expect(learned?.request).toMatch(/ISO twins name the instant of their legacy value read at \+05:30, e\.g\. .* in GET \?/);
    expect(status(report)).toBe('pass');
  });

  it('not from the reference, whose twins keep the wall clock', async () => {
    const report = await preflighted(reference.handler, withZone());
    expect(report.preflight!.learned.some((l) => l.pointer === '/orgTimezone')).toBe(false);
    expect(status(report)).toBe('pass');
  });

  it('not from twins no real offset explains: a note says so, and the check fails naming the field', async () => {
    const report = await preflighted(shiftedOddly, withZone());
    expect(report.preflight!.learned.some((l) => l.pointer === '/orgTimezone')).toBe(false);
    expect(report.preflight!.notes.join('\n')).toContain(
      'orgTimezone not learned: the ISO twins differ from their legacy values by no real UTC offset',
    );
    expect(status(report)).toBe('fail');
  });

  it('never over a declared one: the profile decides', async () => {
    const report = await preflighted(legacyInOrgIsoInUtc, withZone('+00:00'));
    expect(report.preflight!.learned.some((l) => l.pointer === '/orgTimezone')).toBe(false);
    expect(status(report)).toBe('fail');
  });
});
