/** The flags suite: what each `get*` flag of x-ledger-flags adds, alone and together. */
import { defineSuite } from '../../src/check/check.js';
import independent from './independent.js';
import { flagChecks } from './reveals.js';

export default defineSuite({ name: 'flags', checks: (spec) => [...flagChecks(spec), independent] });
