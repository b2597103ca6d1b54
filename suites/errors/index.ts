/** The errors suite: one check per rule of x-ledger-errors, each triggering the rule on purpose. */
import type { CheckDefinition } from '../../src/engine/check.js';
import ruleChecks from './rules.js';

export const checks: readonly CheckDefinition[] = [...ruleChecks];
