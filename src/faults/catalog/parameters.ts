/** Faults the parameters checks must catch: selector styles, the reference-id limit, identifierName case, undeclared parameters. */
import type { ReferenceResponse } from '../../core/handler.js';
import type { ErrorRule } from '../../contract/knobs.js';
import type { LoadedSpec } from '../../contract/load.js';
import { defineFault, type Fault } from '../fault.js';
import { rewriteQuery } from '../wrappers.js';
import { firstValue, pairsOfRawQuery } from '../../core/query.js';

/** The rule x-ledger-errors has for an invalid value of `parameter`. */
function invalidRuleOf(spec: LoadedSpec, parameter: string): ErrorRule {
  const rule = spec.knobs.errors.find((r) => r.trigger.kind === 'invalid' && r.trigger.parameters.includes(parameter));
  if (!rule) throw new Error(`the spec has no rule for an invalid ${parameter}`);
  return rule;
}

const envelope = (rule: ErrorRule, message = rule.message): ReferenceResponse => ({
  status: rule.status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ errors: [{ code: rule.code, message, status: false }], warnings: [] }),
});

export const faults: readonly Fault[] = [
  defineFault({
    id: 'parameters/reference-selector-misread',
    title: 'eventReferenceIds is read as eventReferenceId, so selecting by event name and reference id is answered 11023',
    trips: ['PARAM-SELECTOR-STYLES'],
    build: ({ reference }) =>
      rewriteQuery(reference, (pairs) => pairs.map(([n, v]) => [n === 'eventReferenceIds' ? 'eventReferenceId' : n, v] as const)),
  }),
  defineFault({
    id: 'parameters/reference-limit-off-by-one',
    title: 'the eventReferenceIds limit is enforced as maxItems - 1: ten reference ids are refused with 9022',
    trips: ['PARAM-REFERENCE-COUNT'],
    build: ({ reference, spec }) => {
      const maxItems = spec.parameter('eventReferenceIds').schema['maxItems'] as number;
      const rule = invalidRuleOf(spec, 'eventReferenceIds');
      return (request) => {
        const references = firstValue(pairsOfRawQuery(request.rawQuery), 'eventReferenceIds');
        return references !== undefined && references.split(',').length >= maxItems ? envelope(rule) : reference(request);
      };
    },
  }),
  defineFault({
    id: 'parameters/identifier-name-case-sensitive',
    title: 'identifierName is compared with its enum case-sensitively: MOBILE is answered 8013',
    trips: ['PARAM-IDENTIFIER-NAME-CASE'],
    build: ({ reference, spec }) => {
      const members = (spec.parameter('identifierName').enumValues ?? []).map(String);
      const rule = invalidRuleOf(spec, 'identifierName');
      return (request) => {
        const name = firstValue(pairsOfRawQuery(request.rawQuery), 'identifierName');
        return name !== undefined && name !== '' && !members.includes(name) ? envelope(rule) : reference(request);
      };
    },
  }),
  defineFault({
    id: 'parameters/get-payment-mode-alias',
    title: 'the v2.1 spelling getPaymentMode is read as getPaymentModes',
    trips: ['PARAM-UNKNOWN-IGNORED'],
    build: ({ reference }) =>
      rewriteQuery(reference, (pairs) => pairs.map(([n, v]) => [n === 'getPaymentMode' ? 'getPaymentModes' : n, v] as const)),
  }),
  defineFault({
    id: 'parameters/unknown-parameter-rejected',
    title: 'an undeclared query parameter is refused with 11001',
    trips: ['PARAM-UNKNOWN-IGNORED'],
    build: ({ reference, spec }) => {
      const declared = new Set(spec.parameters.map((p) => p.name));
      const rule = spec.knobs.errors.find((r) => r.trigger.kind === 'repeated') ?? invalidRuleOf(spec, 'offset');
      return (request) => {
        const unknown = pairsOfRawQuery(request.rawQuery).find(([n]) => !declared.has(n));
        return unknown
          ? envelope(rule, `Combination of request parameters not supported : unknown parameter ${unknown[0]}`)
          : reference(request);
      };
    },
  }),
];
