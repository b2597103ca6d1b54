/** The fuzz suite: properties over requests generated from the spec (see src/fuzz/README-section.md). */
import type { CheckDefinition } from '../../src/engine/check.js';
import deterministic from './deterministic.js';
import invalidRejected from './invalid-rejected.js';
import noServerError from './no-server-error.js';
import validAccepted from './valid-accepted.js';

export const checks: readonly CheckDefinition[] = [noServerError, validAccepted, invalidRejected, deterministic];
