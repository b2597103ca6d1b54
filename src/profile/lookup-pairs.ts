import type { QueryPair } from '../core/query.js';
import type { IdentifierHandle } from './model.js';

/** The lookup parameters of a handle. */
export function lookupPairs(lookup: IdentifierHandle): QueryPair[] {
  return [
    ['identifierName', lookup.identifierName],
    ['identifierValue', lookup.identifierValue],
    ['source', lookup.source],
    ...(lookup.accountId !== undefined ? ([['accountId', lookup.accountId]] as QueryPair[]) : []),
  ];
}
