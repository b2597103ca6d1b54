/**
 * The knobs step: the requirement catalog (x-conformance) and the operation's x-ledger-* knobs,
 * read into their models. Their shapes were checked against openapi/extensions.schema.json.
 */
import type { ErrorRule, Knobs, Requirement, Trigger, WarningRule } from './knobs.js';
import type { Fail } from '../core/pointer.js';

/** The requirements in catalog order, by id too; ids are unique and every `governs` pointer resolves. */
export function readRequirements(
  document: Record<string, unknown>,
  resolve: (pointer: string) => unknown,
  fail: Fail,
): { requirements: Requirement[]; requirementById: Map<string, Requirement> } {
  const requirements = (document['x-conformance'] as { requirements: Omit<Requirement, 'index'>[] }).requirements.map(
    (r, index): Requirement => ({ ...r, index }),
  );
  const requirementById = new Map<string, Requirement>();
  requirements.forEach((r) => {
    if (requirementById.has(r.id)) fail(`#/x-conformance/requirements/${r.index}/id`, `duplicate requirement id ${r.id}`);
    requirementById.set(r.id, r);
    r.governs.forEach((pointer, i) => {
      if (resolve(pointer) === undefined)
        fail(`#/x-conformance/requirements/${r.index}/governs/${i}`, `points nowhere: ${pointer}`);
    });
  });
  return { requirements, requirementById };
}

/** Reads the knobs (all but the dialects, which are read against the document). */
export function readKnobs(operation: Record<string, unknown>, operationPointer: string): Omit<Knobs, 'dialects'> {
  const errors = (operation['x-ledger-errors'] as Omit<ErrorRule, 'index' | 'pointer'>[]).map((rule, index) => ({
    ...rule,
    trigger: rule.trigger as Trigger,
    index,
    pointer: `${operationPointer}/x-ledger-errors/${index}`,
  }));
  const warnings = (operation['x-ledger-warnings'] as Omit<WarningRule, 'pointer'>[]).map((rule, index) => ({
    ...rule,
    pointer: `${operationPointer}/x-ledger-warnings/${index}`,
  }));
  const flags = Object.fromEntries(
    Object.entries(
      operation['x-ledger-flags'] as Record<
        string,
        Omit<Knobs['flags'][string], 'whenOff'> & { whenOff?: 'absent' | 'absent-or-empty' }
      >,
    ).map(([flag, knob]) => [flag, { ...knob, whenOff: knob.whenOff ?? 'absent' }]),
  );
  const events = operation['x-ledger-events'] as { withoutDetail: string[]; refusedByName: string[] };
  return {
    pagination: operation['x-ledger-pagination'] as Knobs['pagination'],
    eventsWithoutDetail: events.withoutDetail,
    eventsRefusedByName: events.refusedByName,
    flags,
    alternateCurrencies: operation['x-ledger-alternate-currencies'] as Knobs['alternateCurrencies'],
    identifiers: operation['x-ledger-identifiers'] as Knobs['identifiers'],
    userGroups: operation['x-ledger-user-groups'] as Knobs['userGroups'],
    timestamps: operation['x-ledger-timestamps'] as Knobs['timestamps'],
    parsing: operation['x-ledger-parsing'] as Knobs['parsing'],
    limits: operation['x-ledger-limits'] as Knobs['limits'],
    auth: operation['x-ledger-auth'] as Knobs['auth'],
    errors,
    warnings,
  };
}
