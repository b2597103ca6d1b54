import { serverTrim } from '../core/server-trim.js';
import type { LoadedSpec } from './load.js';
import type { ParameterModel } from './parameters.js';

/**
 * x-ledger-parsing.surroundingWhitespace `unjudged`: whether the value differs from a valid one
 * only by whitespace around it or around its list items (no source says whether that whitespace
 * counts, so such a value is not known to be invalid).
 */
export function validOnceTrimmed(spec: LoadedSpec, parameter: ParameterModel, value: string): boolean {
  if (spec.knobs.parsing.surroundingWhitespace !== 'unjudged') return false;
  const trimmed = parameter.kind === 'array' ? value.split(',').map(serverTrim).join(',') : serverTrim(value);
  return trimmed !== value && trimmed !== '' && parameter.check(trimmed).valid;
}
