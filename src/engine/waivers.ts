/**
 * Waivers: known deviations of a target, each with a reason and an expiry date. A waived
 * failure does not fail the run; an expired waiver, one whose requirement no longer fails and
 * one that names an unknown requirement are all reported, so that waivers cannot rot.
 */
import { FileInvalidError } from '../core/errors.js';
import type { Waiver, WaiverReport } from '../core/report-model.js';
import { readDataFile } from '../core/data-file.js';

/** Reads and validates a waivers file (JSON or YAML) against `schemas/waivers.schema.json`. */
export function loadWaivers(file: string): Waiver[] {
  const { data } = readDataFile(file, '--waivers', 'waivers.schema.json', (problems) => new FileInvalidError(file, problems));
  return (data as { waivers: Waiver[] }).waivers;
}

/** A waiver covers failures up to and including its expiry day (UTC). */
export function isExpired(waiver: Waiver, today: string): boolean {
  return waiver.expires < today;
}

/**
 * Sorts waivers against the run's results. `failed` are the requirement ids that failed,
 * `known` every id of the catalog, `selected` the ids this run judged.
 */
export function sortWaivers(
  waivers: readonly Waiver[],
  results: { failed: ReadonlySet<string>; known: ReadonlySet<string>; selected: ReadonlySet<string> },
  today: string,
): WaiverReport & { appliedTo: ReadonlyMap<string, Waiver> } {
  const applied: Waiver[] = [];
  const expired: Waiver[] = [];
  const unused: Waiver[] = [];
  const unknown: Waiver[] = [];
  const appliedTo = new Map<string, Waiver>();
  for (const waiver of waivers) {
    if (!results.known.has(waiver.requirement)) unknown.push(waiver);
    else if (!results.selected.has(waiver.requirement)) continue;
    else if (isExpired(waiver, today)) expired.push(waiver);
    else if (results.failed.has(waiver.requirement) && !appliedTo.has(waiver.requirement)) {
      applied.push(waiver);
      appliedTo.set(waiver.requirement, waiver);
    } else unused.push(waiver);
  }
  return { applied, expired, unused, unknown, appliedTo };
}
