/**
 * Reads a golden transcript (`run --transcript FILE`). Every line is checked against
 * `schemas/transcript.schema.json`, and its path against the spec's endpoint: a replay sends
 * only GET to the endpoint path, whatever a file asks for. A problem names the file, the line,
 * the JSON pointer and the rule.
 */
import { readText, validateData } from '../core/data-file.js';
import { FileInvalidError } from '../core/errors.js';
import type { LoadedSpec } from '../contract/load.js';
import type { TranscriptLine } from './line.js';

export interface LoadedTranscript {
  /** The file as given. */
  readonly file: string;
  /** The lines, each with its 1-based line number in the file. */
  readonly entries: readonly { readonly line: TranscriptLine; readonly lineNumber: number }[];
}

export function readTranscript(file: string, spec: LoadedSpec, option = '--transcript'): LoadedTranscript {
  const text = readText(file, option);
  const entries: { line: TranscriptLine; lineNumber: number }[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const lineNumber = index + 1;
    const where = `${file} line ${lineNumber}`;
    const invalid = (pointer: string, rule: string): Error => new FileInvalidError(where, { pointer, rule });
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      throw invalid('', `not valid JSON: ${(error as Error).message}`);
    }
    validateData(data, 'transcript.schema.json', (problems) => new FileInvalidError(where, problems));
    const line = data as TranscriptLine;
    if (line.request.path !== spec.endpointPath)
      throw invalid('/request/path', `only GET to the endpoint path ${spec.endpointPath} is ever sent, not ${line.request.path}`);
    entries.push({ line, lineNumber });
  });
  if (entries.length === 0)
    throw new FileInvalidError(file, { pointer: '', rule: 'holds no line: a transcript has one JSON object per line' });
  return { file, entries };
}
