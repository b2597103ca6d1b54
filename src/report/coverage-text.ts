/**
 * The requirements a run did not prove, grouped by what would let them be proven (a profile
 * field, an identity's environment variables) or by why not (failed, error, waived, other).
 * The sentences built on it are in `renderers/verdict-text.ts`.
 */
import type { Coverage, NotProven } from '../core/report-model.js';

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
    const [kind, lacks] =
      item.profileField !== undefined
        ? (['profile', item.profileField] as const)
        : item.environment !== undefined
          ? (['environment', item.environment] as const)
          : (['other', undefined] as const);
    const key = `${kind} ${lacks ?? item.status}`;
    const group = groups.get(key) ?? { kind, ...(lacks !== undefined ? { lacks } : {}), items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const order = { profile: 0, environment: 1, other: 2 } as const;
  return [...groups.values()]
    .sort((a, b) => order[a.kind] - order[b.kind] || (a.lacks ?? '').localeCompare(b.lacks ?? ''))
    .map((g) => ({
      kind: g.kind,
      ...(g.lacks !== undefined ? { lacks: g.lacks } : {}),
      label: labelOf(g.kind, g.lacks, g.items[0]!),
      requirements: g.items,
    }));
}

function labelOf(kind: NotProvenGroup['kind'], lacks: string | undefined, first: NotProven): string {
  if (kind === 'profile') return `the profile lacks ${lacks}`;
  if (kind === 'environment') return `no credentials in ${lacks}`;
  return { fail: 'failed', error: 'could not be judged', waived: 'waived', skip: 'not applicable here', pass: 'passed' }[
    first.status
  ];
}
