/**
 * What a verdict rests on, in words every renderer can share: how many requirements of the
 * gating level were proven, and the others grouped by what would let them be proven (a profile
 * field, an identity's environment variables) or by why not (failed, error, waived, other).
 */
import type { ConformanceReport, Coverage, NotProven } from './model.js';

export interface NotProvenGroup {
  /** `profile`: a profile field would unlock them; `environment`: an identity's credentials; `other`: any other reason. */
  readonly kind: 'profile' | 'environment' | 'other';
  /** The profile field or the variables; undefined for `other`. */
  readonly lacks?: string;
  /** "the profile lacks /customers/…/lookups", "no credentials in LEDGER_CONFORMANCE_FORBIDDEN_*", "not applicable here". */
  readonly label: string;
  readonly requirements: readonly NotProven[];
}

/** Not-proven requirements grouped by what unlocks them: profile fields first, then identities, then the rest. */
export function notProvenGroups(coverage: Coverage): NotProvenGroup[] {
  const groups = new Map<string, { kind: NotProvenGroup['kind']; lacks?: string; items: NotProven[] }>();
  for (const item of coverage.notProven) {
    const [kind, lacks] = item.profileField !== undefined ? (['profile', item.profileField] as const) : item.environment !== undefined ? (['environment', item.environment] as const) : (['other', undefined] as const);
    const key = `${kind} ${lacks ?? item.status}`;
    const group = groups.get(key) ?? { kind, ...(lacks !== undefined ? { lacks } : {}), items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const order = { profile: 0, environment: 1, other: 2 } as const;
  return [...groups.values()]
    .sort((a, b) => order[a.kind] - order[b.kind] || (a.lacks ?? '').localeCompare(b.lacks ?? ''))
    .map((g) => ({ kind: g.kind, ...(g.lacks !== undefined ? { lacks: g.lacks } : {}), label: labelOf(g.kind, g.lacks, g.items[0]!), requirements: g.items }));
}

function labelOf(kind: NotProvenGroup['kind'], lacks: string | undefined, first: NotProven): string {
  if (kind === 'profile') return `the profile lacks ${lacks}`;
  if (kind === 'environment') return `no credentials in ${lacks}`;
  return { fail: 'failed', error: 'could not be judged', waived: 'waived', skip: 'not applicable here', pass: 'passed' }[first.status];
}

/** "50 of 58 MUST requirements proven (86.2 %); 8 not proven (the profile lacks 5 fields; 3 identities are not configured)". */
export function coverageSentence(coverage: Coverage): string {
  const proven = `${coverage.proven} of ${coverage.judged} ${coverage.level} requirement${coverage.judged === 1 ? '' : 's'} proven (${coverage.percent} %)`;
  const missing = coverage.judged - coverage.proven;
  const groups = notProvenGroups(coverage);
  const fields = groups.filter((g) => g.kind === 'profile').length;
  const identities = groups.filter((g) => g.kind === 'environment').length;
  const why = [
    ...(fields > 0 ? [`the profile lacks ${fields} field${fields === 1 ? '' : 's'}`] : []),
    ...(identities > 0 ? [`${identities} identit${identities === 1 ? 'y is' : 'ies are'} not configured`] : []),
  ];
  const bar = coverage.required ? `; ${coverage.required.met ? 'meets' : 'below'} --require-coverage ${coverage.required.percent}` : '';
  return `${proven}${missing > 0 ? `; ${missing} not proven${why.length > 0 ? ` (${why.join('; ')})` : ''}` : ''}${bar}`;
}

/** The banner sentence: "Conformant: 50 of 58 MUST requirements proven (86.2 %); 8 not proven (…)". */
export function coverageStatement(report: Pick<ConformanceReport, 'verdict' | 'coverage'>): string {
  const verdict = { conformant: 'Conformant', 'non-conformant': 'Non-conformant', inconclusive: 'Inconclusive' }[report.verdict];
  return `${verdict}: ${coverageSentence(report.coverage)}`;
}
