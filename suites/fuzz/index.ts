/** The fuzz suite: properties over requests generated from the spec (README, "The fuzz suite"). */
import { defineSuite } from '../../src/check/check.js';
import deterministic from './deterministic.js';
import invalidRejected from './invalid-rejected.js';
import noServerError from './no-server-error.js';
import validAccepted from './valid-accepted.js';

export default defineSuite({ name: 'fuzz', checks: () => [noServerError, validAccepted, invalidRejected, deterministic] });
