/**
 * PARAM-IDENTIFIER-NAME-CASE: identifierName is matched without regard to letter case (when the
 * parameter is declared case-insensitive): the same lookup spelt in upper case or in mixed case
 * gets the answer of the canonical spelling.
 */
import { defineCheck } from '../../src/check/check.js';
import type { QueryPair } from '../../src/core/query.js';
import type { IdentifierHandle } from '../../src/profile/model.js';
import { comparableBody, describe, eventIdsOf, eventIdsQuery, firstDifference } from '../support.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import { withValue } from '../../src/core/query.js';

/** `mObIlE`: every other letter in upper case. */
const mixedCase = (name: string): string => [...name].map((c, i) => (i % 2 === 1 ? c.toUpperCase() : c.toLowerCase())).join('');

export default defineCheck({
  id: 'parameters/identifier-name-case',
  requirement: 'PARAM-IDENTIFIER-NAME-CASE',
  title: 'identifierName in upper or mixed case finds what its canonical spelling finds',
  async run(ctx) {
    if (!ctx.spec.parameter('identifierName').caseInsensitive)
      ctx.skip('identifierName is not declared case-insensitive (x-ledger-case-insensitive)');
    // One lookup per identifier name: of the customers, then of the groups (with the group type).
    const canonical = new Map<string, QueryPair[]>();
    const add = (key: string, lookup: IdentifierHandle, extra: QueryPair[], events: QueryPair[]): void => {
      if (!canonical.has(key)) canonical.set(key, [...lookupPairs(lookup), ...extra, ...events]);
    };
    for (const c of ctx.profile.customers.filter((c) => c.events.length > 0))
      for (const l of c.lookups) add(`customer ${l.identifierName}`, l, [], eventIdsQuery(c.events.slice(0, 2)));
    for (const g of ctx.profile.groups.filter((g) => g.events.length > 0)) {
      for (const l of g.lookups)
        add(`group ${l.identifierName}`, l, [['type', ctx.spec.knobs.userGroups.groupType]], eventIdsQuery(g.events.slice(0, 2)));
    }
    if (canonical.size === 0)
      ctx.skip('the profile lists no customer or group with events', { profileField: '/customers/*/events' });

    const cases = [...canonical].flatMap(([key, query]) => {
      const name = query.find(([n]) => n === 'identifierName')![1];
      const spellings = [...new Set([name.toUpperCase(), mixedCase(name)])].filter((s) => s !== name);
      return [
        { key, query, spelling: name, variant: false },
        ...spellings.map((spelling) => ({ key, query: withValue(query, 'identifierName', spelling), spelling, variant: true })),
      ];
    });
    const answers = await Promise.all(cases.map((c) => ctx.send(c.query)));
    const canonicalAnswers = new Map(
      cases
        .map((c, i) => [c, answers[i]!] as const)
        .filter(([c]) => !c.variant)
        .map(([c, a]) => [c.key, a]),
    );

    cases.forEach((c, i) => {
      const answer = answers[i]!;
      const reference = canonicalAnswers.get(c.key)!;
      if (!c.variant) {
        // The canonical spelling finds the events (else there is nothing to compare with).
        if (answer.status !== 200 || !eventIdsOf(answer)?.length)
          ctx.softFail(`The ${c.key} lookup, canonically spelt, is not answered 200 with events`, {
            received: describe(answer),
            documented: '200 with the selected events',
            answer,
          });
        return;
      }
      // Another spelling of the name gets the same status and the same body.
      if (answer.status !== reference.status || comparableBody(answer) !== comparableBody(reference)) {
        const where =
          answer.json !== undefined && reference.json !== undefined
            ? ` (first difference at ${firstDifference(reference.json, answer.json)})`
            : '';
        ctx.softFail(`identifierName=${c.spelling} is not matched like its canonical spelling`, {
          received: `${describe(answer)}${where}`,
          documented: `the answer to the canonical spelling: ${describe(reference)} (x-ledger-case-insensitive)`,
          answer,
        });
      }
    });
  },
});
