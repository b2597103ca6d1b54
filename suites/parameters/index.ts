/** The parameters suite (see README). */
import type { CheckDefinition } from '../../src/engine/check.js';

export const checks: readonly CheckDefinition[] = [];
