/** Golden mode: exact comparison with the reference, for targets serving its canonical dataset. */
import type { CheckDefinition } from '../../src/engine/check.js';
import goldenMatch from './golden-match.js';

export const observers = [goldenMatch];
export const checks: readonly CheckDefinition[] = [];
