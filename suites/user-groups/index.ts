/** The user-groups suite: the group type, each group identifier, and the primary-user flag. */
import type { CheckDefinition } from '../../src/engine/check.js';
import groupIdentifiers from './group-identifiers.js';
import groupLedger from './group-ledger.js';
import primaryUser from './primary-user.js';

export const checks: readonly CheckDefinition[] = [groupLedger, groupIdentifiers, primaryUser];
