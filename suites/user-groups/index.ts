/** The user-groups suite: the group type, each group identifier, and the primary-user flag. */
import { defineSuite } from '../../src/check/check.js';
import groupIdentifiers from './group-identifiers.js';
import groupLedger from './group-ledger.js';
import primaryUser from './primary-user.js';

export default defineSuite({ name: 'user-groups', checks: () => [groupLedger, groupIdentifiers, primaryUser] });
