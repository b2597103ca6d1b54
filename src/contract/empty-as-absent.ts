import { isBlank } from '../core/server-trim.js';
import type { LoadedSpec } from './load.js';
import type { ParameterModel } from './parameters.js';

/**
 * x-ledger-parsing.emptyValues `absent`: an optional parameter sent empty was not sent at all.
 * Blank counts as empty: a reader that trims (Java's isBlank, Python's strip) sees nothing there.
 * The one place that decides it, for the oracle, the fuzzer and the errors suite alike.
 */
export function sentAsAbsent(spec: LoadedSpec, parameter: Pick<ParameterModel, 'required'>, value: string): boolean {
  return spec.knobs.parsing.emptyValues === 'absent' && !parameter.required && isBlank(value);
}
