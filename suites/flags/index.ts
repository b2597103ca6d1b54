/** The flags suite: what each `get*` flag of x-ledger-flags adds, alone and together. */
import type { CheckDefinition } from '../../src/engine/check.js';
import independent from './independent.js';
import { flagChecks } from './reveals.js';

export const checks: readonly CheckDefinition[] = [...flagChecks, independent];
