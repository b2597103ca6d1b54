/**
 * GOLDEN-MATCH without the generator: every line of a golden transcript (`run --transcript
 * FILE`) is sent to the target with the run's own credentials for its identity, and the answer
 * must carry the line's status and body. Each differing line is one failure naming the first
 * differing field. The requests go through the run's queue like any check's: GET to the
 * endpoint path only, the rate limit, redaction of every credential.
 */
import { defineCheck, type Answer, type CheckDefinition } from '../../src/check/check.js';
import type { TranscriptLine } from '../../src/transcript/line.js';
import type { LoadedTranscript } from '../../src/transcript/read.js';
import { compareWithExpected, type ExpectedAnswer } from './compare.js';

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
      sendable.forEach(({ line, lineNumber }, i) => {
        const answer = answers[i]!;
        const source = { whose: "the transcript's", origin: `${transcript.file} line ${lineNumber}, ${line.id}` };
        for (const o of compareWithExpected(expectedOf(line), answer, source))
          ctx.softFail(o.title, { received: o.received, documented: o.documented, answer });
      });
    },
  });
}
