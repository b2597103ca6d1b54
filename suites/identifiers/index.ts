/** The identifiers suite: identifier types, sources and accounts, value case, and both selector styles. */
import { defineSuite } from '../../src/check/check.js';
import emailCase from './email-case.js';
import equivalence from './equivalence.js';
import eventIds from './event-ids.js';
import eventReferences from './event-references.js';
import sourceAccount from './source-account.js';

export default defineSuite({
  name: 'identifiers',
  checks: () => [equivalence, sourceAccount, emailCase, eventIds, eventReferences],
});
