/**
 * Golden comparison: an answer against the answer it must equal (the reference's, or a
 * transcript's). Equal status and byte-identical bodies are equal; JSON bodies that differ only
 * in key order or spacing are equal too; otherwise the first differing field is named.
 */
import type { Answer, Observation } from '../../src/check/check.js';
import { comparableBody, firstDifference, valueAt } from '../support.js';

export interface ExpectedAnswer {
  readonly status: number;
  readonly bodyText: string;
  /** The parsed body when it is JSON; parsed from `bodyText` when absent and `contentType` says JSON. */
  readonly json?: unknown;
  readonly contentType?: string;
}

/** Who the expected answer comes from, in the words of a failure message. */
export interface ExpectedSource {
  /** "the reference's", "the transcript's" */
  readonly whose: string;
  /** "the reference, seed 1, size 16": shown after the documented value. */
  readonly origin: string;
}

/** No observation when the answers are equal; else one naming the status or the first differing field. */
export function compareWithExpected(given: ExpectedAnswer, answer: Answer, source: ExpectedSource): Observation[] {
  // Byte-identical answers need no parsing (the common case, and the self-test's hot path).
  if (given.status === answer.status && given.bodyText === answer.bodyText) return [];
  const parse = given.json === undefined && given.contentType?.startsWith('application/json') === true;
  const expected = parse ? { ...given, json: JSON.parse(given.bodyText) as unknown } : given;
  if (
    expected.status === answer.status &&
    comparableBody({ json: expected.json, bodyText: expected.bodyText }) === comparableBody(answer)
  )
    return [];
  if (expected.status !== answer.status) {
    return [
      {
        title: `Status differs from ${source.whose}`,
        received: String(answer.status),
        documented: `${expected.status} (${source.origin})`,
        key: `status ${expected.status} ${answer.status}`,
      },
    ];
  }
  const at =
    expected.json !== undefined && answer.json !== undefined ? (firstDifference(expected.json, answer.json) ?? '/') : '/';
  const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 200));
  return [
    {
      title: `Body differs from ${source.whose} at ${at}`,
      received: `${at} = ${show(answer.json !== undefined ? valueAt(answer.json, at) : answer.bodyText)}`,
      documented: `${at} = ${show(expected.json !== undefined ? valueAt(expected.json, at) : expected.bodyText)} (${source.origin})`,
      key: `body ${at.replace(/\/\d+(?=\/|$)/g, '/*')}`,
    },
  ];
}
