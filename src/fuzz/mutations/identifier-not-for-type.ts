/** `identifier-not-for-type`: an identifierName its `type` does not resolve (`x-ledger-identifiers.byType`). */
import fc from 'fast-check';
import { withValue } from '../../core/query.js';
import type { LoadedSpec } from '../../contract/load.js';
import { defineMutation, hasRule } from './mutation.js';

function namesNotForType(spec: LoadedSpec): { type: string; name: string }[] {
  const nameMembers = (spec.parameter('identifierName').enumValues ?? []).map(String);
  return Object.entries(spec.knobs.identifiers.byType).flatMap(([type, names]) =>
    nameMembers.filter((n) => !names.includes(n)).map((name) => ({ type, name })),
  );
}

export const nameNotForType = defineMutation({
  name: 'an identifierName its type does not resolve',
  weight: 1,
  applies: (ctx) => hasRule(ctx, 'identifier-not-for-type') && namesNotForType(ctx.spec).length > 0,
  arbitrary: ({ spec }) =>
    fc.constantFrom(...namesNotForType(spec)).map(({ type, name }) => ({
      name: `identifierName ${name} for type ${type}`,
      apply: (q) => withValue(withValue(q, 'type', type), 'identifierName', name),
    })),
});
