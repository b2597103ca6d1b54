/** The errors suite: one check per rule of x-ledger-errors, each triggering the rule on purpose. */
import { defineSuite } from '../../src/check/check.js';
import precedence from './precedence.js';
import { errorRuleChecks } from './rules.js';

export default defineSuite({ name: 'errors', checks: (spec) => [...errorRuleChecks(spec), precedence] });
