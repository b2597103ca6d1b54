/**
 * `run --transcript FILE`: the replay of a golden transcript joins the run as one more check of
 * the golden suite (GOLDEN-MATCH). A transcript the selected suites or requirements would leave
 * out is refused rather than silently ignored.
 */
import type { Catalog, CheckDefinition } from '../check/check.js';
import { UsageError } from '../core/errors.js';
import type { LoadedSpec } from '../contract/load.js';
import { identityAvailable, resolveCredentials, type TargetSecrets } from '../http/credentials.js';
import type { RenewableToken } from '../http/types.js';
import { readTranscript, type LoadedTranscript } from '../transcript/read.js';
import { transcriptCheck } from '../../suites/golden/transcript.js';
import { suiteOf } from '../check/check.js';

export function transcriptChecks(
  file: string | undefined,
  spec: LoadedSpec,
  selection: { suite?: readonly string[]; requirement?: readonly string[] },
  secrets?: TargetSecrets,
  warn: (line: string) => void = () => {},
): CheckDefinition[] {
  if (file === undefined) return [];
  const transcript = readTranscript(file, spec);
  const check = transcriptCheck(transcript);
  if (secrets) {
    const notice = unsendableNotice(transcript, secrets);
    if (notice) warn(notice);
  }
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

/**
 * Said before the run when some lines need identities the run has no credentials for: they are
 * not sent, and the replay check then ends skipped rather than passed (suites/golden/transcript.ts).
 */
function unsendableNotice(transcript: LoadedTranscript, secrets: TargetSecrets): string | undefined {
  // Only whether each identity exists matters here: OAuth client credentials stand for a token never fetched.
  const { credentials } = resolveCredentials(secrets, () => ({}) as RenewableToken);
  const unsent = transcript.entries.filter(({ line }) => !identityAvailable(credentials, line.request.identity));
  if (unsent.length === 0) return undefined;
  const identities = [...new Set(unsent.map(({ line }) => line.request.identity))];
  return (
    `--transcript: ${unsent.length} of ${transcript.entries.length} lines need credentials this run lacks ` +
    `(${identities.join(', ')}); they are not sent, so the replay cannot prove every line and ends skipped ` +
    `(LEDGER_CONFORMANCE_FORBIDDEN_*, LEDGER_CONFORMANCE_BREAKUP_DISABLED_*, LEDGER_CONFORMANCE_TOKEN: see docs/vendors.md)`
  );
}
