/**
 * A declared profile as a full profile, without asking the target (`--no-preflight`). What the
 * checks can do without is left empty (they skip with the reason); an event whose id or name
 * is missing cannot be used at all, so such a profile is refused, naming each gap.
 */
import { ProfileInvalidError, type FileProblem } from '../core/errors.js';
import type { DeclaredEvent, ProfileFile } from './declared.js';
import type { LoadedProfile } from './load.js';
import type { EventHandle, Profile } from './model.js';

const LEARN_HINT = 'the preflight learns it (run without --no-preflight), or `ledger-conformance profile init` writes it';

function eventHandle(e: DeclaredEvent): EventHandle | undefined {
  if (e.eventLogId === undefined || e.eventName === undefined) return undefined;
  return {
    eventLogId: e.eventLogId,
    eventName: e.eventName,
    ...(e.eventReferenceId !== undefined ? { eventReferenceId: e.eventReferenceId } : {}),
  };
}

export function completeProfile(file: ProfileFile): LoadedProfile {
  const { declared } = file;
  const problems: FileProblem[] = [];
  const events = (list: readonly DeclaredEvent[], pointer: string): EventHandle[] =>
    list.flatMap((e, j) => {
      const handle = eventHandle(e);
      if (!handle)
        problems.push({
          pointer: `${pointer}/${j}`,
          rule: `needs ${e.eventLogId === undefined ? 'eventLogId' : 'eventName'}: ${LEARN_HINT}`,
        });
      return handle ? [handle] : [];
    });
  const profile: Profile = {
    name: declared.name,
    ...(declared.description !== undefined ? { description: declared.description } : {}),
    ...(declared.canonicalDataset !== undefined ? { canonicalDataset: declared.canonicalDataset } : {}),
    ...(declared.orgSettings !== undefined ? { orgSettings: declared.orgSettings } : {}),
    ...(declared.orgTimezone !== undefined ? { orgTimezone: declared.orgTimezone } : {}),
    alternateCurrencyNames: declared.alternateCurrencyNames ?? [
      ...new Set(declared.customers.flatMap((c) => c.alternateCurrencies ?? [])),
    ],
    customers: declared.customers.map((c, i) => ({
      key: c.key,
      lookups: c.lookups,
      notFoundLookups: c.notFoundLookups ?? [],
      events: events(c.events, `/customers/${i}/events`),
      eventIdsWithoutDetail: c.eventIdsWithoutDetail ?? [],
      ...(c.alternateCurrencies !== undefined ? { alternateCurrencies: c.alternateCurrencies } : {}),
    })),
    groups: declared.groups.map((g, i) => ({
      key: g.key,
      lookups: g.lookups,
      ...(g.primaryMember !== undefined ? { primaryMember: g.primaryMember } : {}),
      events: events(g.events, `/groups/${i}/events`),
    })),
    absent: {
      customers: declared.absent.customers ?? [],
      groups: declared.absent.groups ?? [],
      eventIds: declared.absent.eventIds ?? [],
      eventReferenceIds: declared.absent.eventReferenceIds ?? [],
      alternateCurrencyNames: declared.absent.alternateCurrencyNames ?? [],
    },
  };
  if (problems.length > 0) throw new ProfileInvalidError(file.name, problems);
  return { profile, name: file.name, sha256: file.sha256 };
}
