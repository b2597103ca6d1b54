/**
 * GOLDEN-MATCH without the generator: every line of a golden transcript (`run --transcript
 * FILE`) is sent to the target with the run's own credentials for its identity, and the answer
 * must carry the line's status and body. Each differing line is one failure naming the first
 * differing field. The requests go through the run's queue like any check's: GET to the
 * endpoint path only, the rate limit, redaction of every credential.
 *
 * "Every line" is what the check proves, so lines the run has no credentials for are never left
 * out silently: when every line sent matched but some could not be sent, the check is skipped,
 * naming how many lines and which identities' variables would send them (docs/vendors.md).
 */
import { defineCheck, type Answer, type CheckDefinition } from '../../src/check/check.js';
import type { IdentityName } from '../../src/http/types.js';
import type { TranscriptLine } from '../../src/transcript/line.js';
import type { LoadedTranscript } from '../../src/transcript/read.js';
import { compareWithExpected, type ExpectedAnswer } from './compare.js';

/** Where the credentials of each identity a transcript line may need come from. */
const ENVIRONMENT_OF: Readonly<Partial<Record<IdentityName, string>>> = {
  primary: 'LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD, or LEDGER_CONFORMANCE_TOKEN',
  'primary-basic': 'LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD',
  'primary-oauth': 'LEDGER_CONFORMANCE_TOKEN',
  'wrong-basic-password': 'LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD',
  'unhashed-basic-password': 'LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD',
  forbidden: 'LEDGER_CONFORMANCE_FORBIDDEN_*',
  'breakup-disabled': 'LEDGER_CONFORMANCE_BREAKUP_DISABLED_*',
};

/** Lines in flight at once: enough to keep the run's queue busy, which caps the real concurrency. */
const IN_FLIGHT = 8;

function expectedOf(line: TranscriptLine): ExpectedAnswer {
  const { status, body, bodyText } = line.response;
  return body !== undefined ? { status, bodyText: JSON.stringify(body), json: body } : { status, bodyText: bodyText ?? '' };
}

export function transcriptCheck(transcript: LoadedTranscript): CheckDefinition {
  return defineCheck({
    id: 'golden/transcript',
    requirement: 'GOLDEN-MATCH',
    title: "Every request of the golden transcript is answered with the transcript's status and body",
    async run(ctx) {
      const sendable = transcript.entries.filter(({ line }) => ctx.canUse(line.request.identity));
      if (sendable.length === 0) {
        const identities = [...new Set(transcript.entries.map(({ line }) => line.request.identity))];
        ctx.skip(`no line of ${transcript.file} can be sent: the run has no credentials for ${identities.join(', ')}`);
      }
      const answers: Answer[] = [];
      // Started in file order (the evidence is numbered in that order), a few at a time.
      for (let start = 0; start < sendable.length; start += IN_FLIGHT) {
        const batch = sendable.slice(start, start + IN_FLIGHT);
        answers.push(
          ...(await Promise.all(
            batch.map(({ line }) => ctx.send([], { identity: line.request.identity, rawQuery: line.request.query })),
          )),
        );
      }
      let differing = 0;
      sendable.forEach(({ line, lineNumber }, i) => {
        const answer = answers[i]!;
        const source = { whose: "the transcript's", origin: `${transcript.file} line ${lineNumber}, ${line.id}` };
        for (const o of compareWithExpected(expectedOf(line), answer, source)) {
          differing += 1;
          ctx.softFail(o.title, { received: o.received, documented: o.documented, answer });
        }
      });
      const unsent = transcript.entries.length - sendable.length;
      if (differing === 0 && unsent > 0) {
        const missing = [...new Set(transcript.entries.map(({ line }) => line.request.identity))].filter((id) => !ctx.canUse(id));
        const environment = missing.map((id) => ENVIRONMENT_OF[id] ?? id).join('; ');
        ctx.skip(
          `${sendable.length} of ${transcript.entries.length} lines of ${transcript.file} answered as the transcript says; ` +
            `${unsent} not sent, for want of credentials for ${missing.join(', ')} (${environment})`,
          { environment },
        );
      }
    },
  });
}
