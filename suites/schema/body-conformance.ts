/** Every response body validates against the schema documented for its status. */
import { defineObserver } from '../../src/check/check.js';
import { isContainerAnswer } from './container-answer.js';
import { resolvePointer } from '../../src/core/pointer.js';

/** An error or warning code that is itself the problem names its cause (a waiver can narrow to it). */
function codeAt(json: unknown, instancePath: string): { codes?: number[] } {
  if (!/^\/(errors|warnings)\/\d+\/code$/.test(instancePath)) return {};
  const value = resolvePointer(json, `#${instancePath}`);
  return typeof value === 'number' ? { codes: [value] } : {};
}

/** The offending value itself, short: the body excerpt may be cut before it. */
function receivedValue(json: unknown, instancePath: string): string {
  const value = resolvePointer(json, `#${instancePath}`);
  if (value === undefined || (typeof value === 'object' && value !== null)) return '';
  const text = JSON.stringify(value);
  return ` (received ${text.length > 80 ? `${text.slice(0, 80)}…` : text})`;
}

export default defineObserver({
  id: 'schema/body-conformance',
  requirement: 'RESP-BODY',
  title: 'Every body validates against the schema of its status, each event against its eventName schema',
  observe(answer, { spec }) {
    const judge = spec.responses.get(answer.status)?.judge;
    if (!judge || isContainerAnswer(answer)) return [];
    if (answer.json === undefined) {
      return [
        {
          title: `Response body of ${answer.status} is not JSON`,
          received: answer.bodyText.length > 0 ? JSON.stringify(answer.bodyText.slice(0, 200)) : '(empty body)',
          documented: `a JSON body (${spec.responses.get(answer.status)!.pointer})`,
          key: `${answer.status} not-json`,
        },
      ];
    }
    return judge(answer.json, answer.bodyText).open.map((issue) => ({
      title: `Response body violates the schema at ${issue.instancePath || '/'}`,
      received: `${issue.instancePath || '/'} ${issue.message}${receivedValue(answer.json, issue.instancePath)}`,
      documented: issue.specPointer,
      key: `${answer.status} ${issue.specPointer}`,
      pointer: issue.specPointer,
      ...codeAt(answer.json, issue.instancePath),
    }));
  },
});
