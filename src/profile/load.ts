/**
 * Reads a profile: the built-in `reference`, or a JSON/YAML file validated against
 * `schemas/profile.schema.json` and against the spec (identifier names, sources, event names).
 * A bad profile is a `ProfileInvalidError` naming the file, the JSON pointer and the rule.
 */
import { createHash } from 'node:crypto';
import { readDataFile } from '../engine/data-file.js';
import { ProfileInvalidError } from '../errors.js';
import type { LoadedSpec } from '../spec/load.js';
import type { Profile } from './model.js';

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

export function loadProfileFile(file: string, spec: LoadedSpec): LoadedProfile {
  const { text, data } = readDataFile(file, '--profile', 'profile.schema.json', (pointer, rule) => new ProfileInvalidError(file, pointer, rule));
  const profile = data as Profile;
  checkAgainstSpec(profile, spec, file);
  return { profile, name: file, sha256: sha256(text) };
}

/** Values the spec constrains must be values the spec allows, or checks would test nonsense. */
function checkAgainstSpec(profile: Profile, spec: LoadedSpec, file: string): void {
  const fail = (pointer: string, rule: string): never => {
    throw new ProfileInvalidError(file, pointer, rule);
  };
  const names = (spec.parameter('identifierName').enumValues ?? []).map((n) => String(n).toLowerCase());
  const sources = (spec.parameter('source').enumValues ?? []).map(String);
  const checkLookup = (lookup: { identifierName: string; source: string }, pointer: string): void => {
    if (!names.includes(lookup.identifierName.toLowerCase())) fail(`${pointer}/identifierName`, `${lookup.identifierName} is not an identifierName of the spec`);
    if (!sources.includes(lookup.source)) fail(`${pointer}/source`, `${lookup.source} is not a source of the spec`);
  };
  const eventNames = new Set(spec.eventNames);
  const keys = new Set<string>();
  profile.customers.forEach((c, i) => {
    if (keys.has(c.key)) fail(`/customers/${i}/key`, `duplicate key ${c.key}`);
    keys.add(c.key);
    c.lookups.forEach((l, j) => checkLookup(l, `/customers/${i}/lookups/${j}`));
    c.notFoundLookups.forEach((l, j) => checkLookup(l, `/customers/${i}/notFoundLookups/${j}`));
    c.events.forEach((e, j) => {
      if (!eventNames.has(e.eventName)) fail(`/customers/${i}/events/${j}/eventName`, `${e.eventName} is not an event name of the spec`);
    });
  });
  profile.groups.forEach((g, i) => {
    if (keys.has(g.key)) fail(`/groups/${i}/key`, `duplicate key ${g.key}`);
    keys.add(g.key);
    g.lookups.forEach((l, j) => checkLookup(l, `/groups/${i}/lookups/${j}`));
    if (!profile.customers.some((c) => c.key === g.primaryMember)) fail(`/groups/${i}/primaryMember`, `no customer has the key ${g.primaryMember}`);
    g.events.forEach((e, j) => {
      if (!eventNames.has(e.eventName)) fail(`/groups/${i}/events/${j}/eventName`, `${e.eventName} is not an event name of the spec`);
    });
  });
  profile.absent.customers.forEach((l, j) => checkLookup(l, `/absent/customers/${j}`));
  profile.absent.groups.forEach((l, j) => checkLookup(l, `/absent/groups/${j}`));
}
