/**
 * `run --transcript FILE`: the replay of a golden transcript joins the run as one more check of
 * the golden suite (GOLDEN-MATCH). A transcript the selected suites or requirements would leave
 * out is refused rather than silently ignored.
 */
import type { Catalog, CheckDefinition } from '../check/check.js';
import { UsageError } from '../core/errors.js';
import type { LoadedSpec } from '../contract/load.js';
import { readTranscript } from '../transcript/read.js';
import { transcriptCheck } from '../../suites/golden/transcript.js';
import { suiteOf } from '../check/check.js';

export function transcriptChecks(
  file: string | undefined,
  spec: LoadedSpec,
  selection: { suite?: readonly string[]; requirement?: readonly string[] },
): CheckDefinition[] {
  if (file === undefined) return [];
  const check = transcriptCheck(readTranscript(file, spec));
  if (selection.suite && !selection.suite.includes(suiteOf(check)))
    throw new UsageError(
      '--transcript',
      `the replay is a check of the ${suiteOf(check)} suite: add ${suiteOf(check)} to --suite`,
    );
  if (selection.requirement && !selection.requirement.includes(check.requirement))
    throw new UsageError('--transcript', `the replay proves ${check.requirement}: add it to --requirement`);
  return [check];
}

/** The catalog with the replay added to its checks. */
export function withChecks(catalog: Catalog, checks: readonly CheckDefinition[]): Catalog {
  return checks.length === 0 ? catalog : { checks: [...catalog.checks, ...checks], observers: catalog.observers };
}
