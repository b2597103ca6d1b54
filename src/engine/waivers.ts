/**
 * Waivers: known deviations of a target, each with a reason, an expiry date, an owner and a kind
 * (known-defect: the target is wrong; disputed: the kit asks too much). A waiver covers a whole
 * requirement, or, narrowed by check, status, code, pointer or request pattern, only the failure
 * groups it matches: waiving one undocumented warning code leaves a real schema break failing.
 * A waived failure does not fail the run; an expired waiver, one that matched nothing (stale) and
 * one that names an unknown requirement are all reported, so that waivers cannot rot.
 */
import { FileInvalidError } from '../core/errors.js';
import type { FailureSignature, Waiver, WaiverReport } from '../core/report-model.js';
import { readDataFile } from '../core/data-file.js';

/** Reads and validates a waivers file (JSON or YAML) against `schemas/waivers.schema.json`. */
export function loadWaivers(file: string): Waiver[] {
  const { data } = readDataFile(file, '--waivers', 'waivers.schema.json', (problems) => new FileInvalidError(file, problems));
  const waivers = (data as { waivers: Waiver[] }).waivers;
  waivers.forEach((waiver, index) => {
    if (waiver.request === undefined) return;
    try {
      new RegExp(waiver.request);
    } catch (error) {
      throw new FileInvalidError(file, [
        { pointer: `/waivers/${index}/request`, rule: `not a regular expression: ${(error as Error).message}` },
      ]);
    }
  });
  return waivers;
}

/** A waiver covers failures up to and including its expiry day (UTC). */
export function isExpired(waiver: Waiver, today: string): boolean {
  return waiver.expires < today;
}

/** Whether the waiver names anything narrower than its requirement. */
export function isNarrowed(waiver: Waiver): boolean {
  return [waiver.check, waiver.status, waiver.code, waiver.pointer, waiver.request].some((field) => field !== undefined);
}

const pointerWithin = (pointer: string | undefined, prefix: string): boolean => {
  if (pointer === undefined) return false;
  const bare = (p: string): string => p.replace(/^#/, '');
  return bare(pointer) === bare(prefix) || bare(pointer).startsWith(`${bare(prefix).replace(/\/$/, '')}/`);
};

/** Whether the waiver covers a group of failures (its signature and its kept requests). */
export function waiverMatches(
  waiver: Waiver,
  group: { readonly signature: FailureSignature; readonly requests: readonly string[] },
): boolean {
  const { signature } = group;
  if (waiver.requirement !== signature.requirement) return false;
  if (waiver.check !== undefined && waiver.check !== signature.check) return false;
  if (waiver.status !== undefined && waiver.status !== signature.status) return false;
  if (waiver.code !== undefined && !(signature.codes ?? []).includes(waiver.code)) return false;
  if (waiver.pointer !== undefined && !pointerWithin(signature.pointer, waiver.pointer)) return false;
  if (waiver.request !== undefined) {
    const pattern = new RegExp(waiver.request);
    if (group.requests.length === 0 || !group.requests.every((url) => pattern.test(url))) return false;
  }
  return true;
}

/** A failed requirement as waivers see it: its groups of failures, and whether some failures fell outside any group. */
export interface FailedRequirement {
  readonly groups: readonly { readonly signature: FailureSignature; readonly requests: readonly string[] }[];
  readonly ungrouped: boolean;
}

export interface SortedWaivers extends WaiverReport {
  /** Per failed requirement: the waiver of each of its groups (undefined where none covers it), in group order. */
  readonly groupWaivers: ReadonlyMap<string, readonly (Waiver | undefined)[]>;
  /** Requirements every failure of which a waiver covers. */
  readonly waivedRequirements: ReadonlyMap<string, Waiver>;
}

/**
 * Sorts waivers against the run's failures. `failed` maps each failed requirement id to its
 * groups; `known` is every id of the catalog, `selected` the ids this run judged. The first
 * current waiver that matches a group covers it; a whole-requirement waiver also covers failures
 * past the bound on groups.
 */
export function sortWaivers(
  waivers: readonly Waiver[],
  results: { failed: ReadonlyMap<string, FailedRequirement>; known: ReadonlySet<string>; selected: ReadonlySet<string> },
  today: string,
): SortedWaivers {
  const expired: Waiver[] = [];
  const unknown: Waiver[] = [];
  const current: Waiver[] = [];
  for (const waiver of waivers) {
    if (!results.known.has(waiver.requirement)) unknown.push(waiver);
    else if (!results.selected.has(waiver.requirement)) continue;
    else if (isExpired(waiver, today)) expired.push(waiver);
    else current.push(waiver);
  }
  const used = new Set<Waiver>();
  const groupWaivers = new Map<string, (Waiver | undefined)[]>();
  const waivedRequirements = new Map<string, Waiver>();
  for (const [id, failed] of results.failed) {
    const mine = current.filter((w) => w.requirement === id);
    const perGroup = failed.groups.map((group) => mine.find((w) => waiverMatches(w, group)));
    perGroup.forEach((w) => w && used.add(w));
    groupWaivers.set(id, perGroup);
    const whole = mine.find((w) => !isNarrowed(w));
    const allCovered = perGroup.every((w) => w !== undefined) && (!failed.ungrouped || whole !== undefined);
    if (whole && failed.groups.length === 0) used.add(whole);
    const first = perGroup.find((w) => w !== undefined) ?? whole;
    if (allCovered && first) waivedRequirements.set(id, first);
  }
  return {
    applied: current.filter((w) => used.has(w)),
    expired,
    unused: current.filter((w) => !used.has(w)),
    unknown,
    groupWaivers,
    waivedRequirements,
  };
}
