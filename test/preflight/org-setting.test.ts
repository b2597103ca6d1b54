/**
 * The 11019 org: a main identity whose org has source-value capturing off (the reference's
 * `legacy.till`) answers `getPointsEarnedBreakup=true` with 11019, as the spec says it must. The
 * run learns that in the preflight (or reads it from the profile) and judges the target as that
 * org sees it: the reference is conformant, nothing fails for the org's configuration.
 */
import { describe, expect, it } from 'vitest';
import { runSession } from '../../src/engine/session.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { builtInProfile } from '../../src/profile/load.js';
import type { Profile } from '../../src/profile/model.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { referenceFor, spec } from '../support/harness.js';
import { buildCatalog as buildCatalogOf } from '../../suites/index.js';

const catalog = buildCatalogOf(spec);

const reference = referenceFor();
const legacy = reference.identities.find((i) => i.role === 'breakup-disabled')!;
const SETTING = 'ENABLE_POINTS_AWARDED_SOURCE_VALUE_CAPTURING';

async function certifyAsLegacy(profile: Profile, preflight: boolean, suites?: string[]): Promise<ConformanceReport> {
  const { report } = await runSession({
    catalog,
    spec,
    profile: builtInProfile(profile),
    destination: { kind: 'in-process', handler: reference.handler },
    secrets: {
      ...referenceSecrets(reference.identities),
      primary: { basic: { user: legacy.basicUser, password: legacy.basicPassword } },
    },
    seed: 3,
    fuzzRuns: 100,
    gatingLevel: 'MAY',
    concurrency: 8,
    preflight,
    ...(suites ? { suites } : {}),
  });
  return report;
}

const problemsOf = (report: ConformanceReport): string[] =>
  report.requirements
    .filter((r) => r.status === 'fail' || r.status === 'error')
    .map((r) => `${r.id} ${r.status}: ${r.failures[0]?.message ?? r.reasons.join(' | ')}`);

describe('legacy.till as the main identity', () => {
  it('is conformant: the preflight learns the org setting and the breakup-dependent checks leave the flag off', async () => {
    const report = await certifyAsLegacy(reference.profile, true);
    expect(problemsOf(report)).toEqual([]);
    expect(report.verdict).toBe('conformant');
    expect(report.preflight!.learned).toContainEqual(
      expect.objectContaining({ pointer: `/orgSettings/${SETTING}`, value: 'false' }),
    );
    const status = (id: string) => report.requirements.find((r) => r.id === id)!.status;
    // Judged, not skipped: the valid fuzz requests and every event type, with the other flags.
    for (const id of ['RESP-BODY', 'PARAM-VALID-ACCEPTED', 'GOLDEN-MATCH', 'AC-INCLUDE', 'AC-FILTER'])
      expect(status(id), id).toBe('pass');
    // What the org cannot show is skipped with the reason, never failed.
    expect(status('FLAG-POINTS-BREAKUP')).toBe('skip');
  });

  it('is conformant without the preflight when the profile declares the setting', async () => {
    // The suites that send the breakup flag, or compare with the reference.
    const report = await certifyAsLegacy({ ...reference.profile, orgSettings: { [SETTING]: false } }, false, [
      'schema',
      'fuzz',
      'golden',
      'alternate-currencies',
      'flags',
    ]);
    expect(problemsOf(report)).toEqual([]);
    expect(report.verdict).toBe('conformant');
  });
});
