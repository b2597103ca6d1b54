import { serverTrim } from '../core/server-trim.js';
import type { LoadedSpec } from './load.js';
import type { ParameterModel } from './parameters.js';

/**
 * x-ledger-parsing.surroundingWhitespace `unjudged`: whether the value differs from one `isValid`
 * accepts only by whitespace around it (or, for a comma-separated list, around its items). No
 * source says whether that whitespace counts, so such a value is not known to be invalid.
 */
export function trimsToValid(spec: LoadedSpec, value: string, isValid: (trimmed: string) => boolean, list = false): boolean {
  if (spec.knobs.parsing.surroundingWhitespace !== 'unjudged') return false;
  const trimmed = list ? value.split(',').map(serverTrim).join(',') : serverTrim(value);
  return trimmed !== value && trimmed !== '' && isValid(trimmed);
}

/** The same, for a value of `parameter` judged by its schema. */
export function validOnceTrimmed(spec: LoadedSpec, parameter: ParameterModel, value: string): boolean {
  return trimsToValid(spec, value, (trimmed) => parameter.check(trimmed).valid, parameter.kind === 'array');
}
