/**
 * Waivers: known deviations of a target, each with a reason and an expiry date. A waived
 * failure does not fail the run; an expired waiver, one whose requirement no longer fails and
 * one that names an unknown requirement are all reported, so that waivers cannot rot.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FileInvalidError, UsageError } from '../errors.js';
import type { Waiver, WaiverReport } from '../report/model.js';
import { createSpecAjv } from '../spec/ajv.js';
import { SCHEMAS_DIR } from '../spec/files.js';

/** Reads and validates a waivers file (JSON or YAML) against `schemas/waivers.schema.json`. */
export function loadWaivers(file: string): Waiver[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError('--waivers', `cannot read ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new FileInvalidError(file, '', `not valid JSON or YAML: ${(error as Error).message}`);
  }
  const ajv = createSpecAjv();
  const validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS_DIR, 'waivers.schema.json'), 'utf8')) as object);
  if (!validate(data)) {
    const e = validate.errors![0]!;
    throw new FileInvalidError(file, e.instancePath, `${e.message ?? 'invalid'} (schemas/waivers.schema.json ${e.schemaPath})`);
  }
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
