/** The parameters suite: selector styles, the reference-id limit, identifierName case, undeclared parameters. */
import { defineSuite } from '../../src/check/check.js';
import identifierNameCase from './identifier-name-case.js';
import referenceCount from './reference-count.js';
import selectorStyles from './selector-styles.js';
import unknownIgnored from './unknown-ignored.js';

export default defineSuite({
  name: 'parameters',
  checks: () => [selectorStyles, referenceCount, identifierNameCase, unknownIgnored],
});
