/**
 * Reads a profile: the built-in `reference`, or a JSON/YAML file validated against
 * `schemas/profile.schema.json` and against the spec (identifier names, sources, event names).
 * A bad profile is a `ProfileInvalidError` listing every problem, each with the file, the JSON
 * pointer and the rule.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { readDataFile } from '../core/data-file.js';
import { ProfileInvalidError, type FileProblem } from '../core/errors.js';
import { parseOrgTimezone } from '../core/timezone.js';
import type { LoadedSpec } from '../contract/load.js';
import { normaliseProfile, type DeclaredProfile, type ProfileFile } from './declared.js';
import type { IdentifierHandle, Profile } from './model.js';

export interface LoadedProfile {
  readonly profile: Profile;
  /** `reference`, or the file name as given. */
  readonly name: string;
  /** sha256 of the file bytes, or of the built-in profile's JSON. */
  readonly sha256: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The built-in profile's name. */
export const REFERENCE_PROFILE = 'reference';

export function builtInProfile(profile: Profile): LoadedProfile {
  return { profile, name: REFERENCE_PROFILE, sha256: sha256(JSON.stringify(profile)) };
}

/** A loaded full profile as a profile file (it declares everything). */
export function fileOf(loaded: LoadedProfile): ProfileFile {
  return { declared: loaded.profile, name: loaded.name, sha256: loaded.sha256 };
}

export function loadProfileFile(file: string, spec: LoadedSpec): ProfileFile {
  const { text, data } = readDataFile(
    file,
    '--profile',
    'profile.schema.json',
    (problems) => new ProfileInvalidError(file, problems),
  );
  const declared = normaliseProfile(data, basename(file, extname(file)));
  const problems = problemsAgainstSpec(declared, spec);
  if (problems.length > 0) throw new ProfileInvalidError(file, problems);
  return { declared, name: file, sha256: sha256(text) };
}

/** Values the spec constrains must be values the spec allows, or checks would test nonsense. */
export function problemsAgainstSpec(profile: DeclaredProfile, spec: LoadedSpec): FileProblem[] {
  const problems: FileProblem[] = [];
  const fail = (pointer: string, rule: string): void => void problems.push({ pointer, rule });
  const { byType } = spec.knobs.identifiers;
  const customerType = String(spec.parameter('type').defaultValue);
  const groupType = spec.knobs.userGroups.groupType;
  const names = (spec.parameter('identifierName').enumValues ?? []).map((n) => String(n).toLowerCase());
  const sources = (spec.parameter('source').enumValues ?? []).map(String);
  const checkLookup = (lookup: IdentifierHandle, pointer: string, type?: string): void => {
    const name = lookup.identifierName.toLowerCase();
    if (!names.includes(name))
      fail(`${pointer}/identifierName`, `${lookup.identifierName} is not an identifierName of the spec (${names.join(', ')})`);
    else if (type !== undefined && byType[type] && !byType[type]!.some((n) => n.toLowerCase() === name)) {
      fail(
        `${pointer}/identifierName`,
        `${lookup.identifierName} does not find a ${type === groupType ? 'user group' : 'customer'} (x-ledger-identifiers.byType.${type}: ${byType[type]!.join(', ')})`,
      );
    }
    if (!sources.includes(lookup.source))
      fail(`${pointer}/source`, `${lookup.source} is not a source of the spec (${sources.join(', ')})`);
  };
  const eventNames = new Set(spec.eventNames);
  const checkEvents = (events: DeclaredProfile['customers'][number]['events'], pointer: string): void =>
    events.forEach((e, j) => {
      if (e.eventName !== undefined && !eventNames.has(e.eventName))
        fail(`${pointer}/${j}/eventName`, `${e.eventName} is not an event name of the spec`);
    });
  const keys = new Set<string>();
  const checkKey = (key: string, pointer: string): void => {
    if (keys.has(key)) fail(pointer, `duplicate key ${key}`);
    keys.add(key);
  };
  profile.customers.forEach((c, i) => {
    checkKey(c.key, `/customers/${i}/key`);
    c.lookups.forEach((l, j) => checkLookup(l, `/customers/${i}/lookups/${j}`, customerType));
    (c.notFoundLookups ?? []).forEach((l, j) => checkLookup(l, `/customers/${i}/notFoundLookups/${j}`, customerType));
    checkEvents(c.events, `/customers/${i}/events`);
  });
  profile.groups.forEach((g, i) => {
    checkKey(g.key, `/groups/${i}/key`);
    g.lookups.forEach((l, j) => checkLookup(l, `/groups/${i}/lookups/${j}`, groupType));
    if (g.primaryMember !== undefined && !profile.customers.some((c) => c.key === g.primaryMember))
      fail(`/groups/${i}/primaryMember`, `no customer has the key ${g.primaryMember}`);
    checkEvents(g.events, `/groups/${i}/events`);
  });
  const zone = profile.orgTimezone === undefined ? undefined : parseOrgTimezone(profile.orgTimezone);
  if (zone !== undefined && 'problem' in zone) fail('/orgTimezone', zone.problem);
  (profile.absent.customers ?? []).forEach((l, j) => checkLookup(l, `/absent/customers/${j}`, customerType));
  (profile.absent.groups ?? []).forEach((l, j) => checkLookup(l, `/absent/groups/${j}`, groupType));
  return problems;
}
