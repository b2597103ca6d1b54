/**
 * Faults the errors checks must catch. One family is generated from the spec: each rule of
 * x-ledger-errors left unenforced, the way an implementation forgets a validation. The others
 * get a rule's answer wrong: codes swapped, a wrong status, a missing or malformed envelope,
 * errors answered 200, a lookup run before a rule decided from the request alone.
 */
import type { ReferenceHandler, ReferenceResponse } from '../../core/handler.js';
import type { ErrorRule, Trigger } from '../../contract/knobs.js';
import type { LoadedSpec } from '../../contract/load.js';
import { defineFault, type Fault, type FaultContext } from '../fault.js';
import { rewriteJson, rewriteQuery } from '../wrappers.js';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** The first rule of a trigger kind (for `invalid`, the one listing `parameter`). */
function ruleOf(ctx: { spec: FaultContext['spec'] }, kind: Trigger['kind'], parameter?: string): ErrorRule {
  const rule = ctx.spec.knobs.errors.find(
    (r) =>
      r.trigger.kind === kind &&
      (parameter === undefined || (r.trigger.kind === 'invalid' && r.trigger.parameters.includes(parameter))),
  );
  if (!rule) throw new Error(`the spec has no ${kind} rule${parameter ? ` for ${parameter}` : ''}`);
  return rule;
}

/** `errors[0].code` of a response, if it is an error envelope. */
function codeOf(response: ReferenceResponse): number | undefined {
  if (!response.headers['content-type']?.startsWith('application/json')) return undefined;
  const code = (JSON.parse(response.body) as { errors?: { code?: unknown }[] }).errors?.[0]?.code;
  return typeof code === 'number' ? code : undefined;
}

/** What a lenient implementation answers when nothing it looked for was there. */
const EMPTY_ANSWER: ReferenceResponse = {
  status: 200,
  headers: JSON_HEADERS,
  body: JSON.stringify({ events: [], warnings: [] }),
};

/**
 * The reference without one rule. A request that breaks it falls through to the next rule it
 * breaks, or to the answer; where the reference itself cannot go on without the rule (no
 * owner, no selection), the forgetful implementation finds nothing and answers an empty list.
 */
function withoutRule(ctx: FaultContext, rule: ErrorRule): ReferenceHandler {
  const forgetful = ctx.withKnobs((knobs) => ({ ...knobs, errors: knobs.errors.filter((r) => r.index !== rule.index) }));
  return (request) => {
    try {
      return forgetful(request);
    } catch {
      return EMPTY_ANSWER;
    }
  };
}

/** The errors faults, generated from the spec's x-ledger-errors and hand-written. */
export function faults(spec: LoadedSpec): Fault[] {
  // Every ERR-* requirement of the spec: what a fault of every error answer trips.
  const everyErrorRequirement = [...new Set(spec.knobs.errors.map((r) => r.requirement))];

  const notEnforced: Fault[] = spec.knobs.errors.map((rule) =>
    defineFault({
      id: `errors/${rule.code}-${rule.trigger.kind}${spec.knobs.errors.some((r) => r.index < rule.index && r.code === rule.code && r.trigger.kind === rule.trigger.kind) ? `-${rule.index}` : ''}-not-enforced`,
      title: `the ${rule.trigger.kind} rule of error ${rule.code} is not enforced (${rule.pointer})`,
      trips: [rule.requirement],
      build: (ctx) => withoutRule(ctx, ctx.spec.knobs.errors[rule.index]!),
    }),
  );

  /** Rewrites every error envelope of the reference's answers. */
  const rewriteErrors = (
    handler: ReferenceHandler,
    change: (
      error: Record<string, unknown>,
      body: Record<string, unknown>,
    ) => Record<string, unknown> | { status: number; body: unknown },
  ): ReferenceHandler =>
    rewriteJson(handler, (body) =>
      Array.isArray(body['errors']) && body['errors'].length > 0
        ? change(body['errors'][0] as Record<string, unknown>, body)
        : body,
    );

  const others: Fault[] = [
    defineFault({
      id: 'errors/selector-codes-swapped',
      title: 'the codes of "both selectors" and "no selector" are swapped (11021 for a missing selector, 11023 for two)',
      trips: [ruleOf({ spec }, 'both-selectors').requirement, ruleOf({ spec }, 'no-selector').requirement],
      build: (ctx) => {
        const both = ruleOf(ctx, 'both-selectors');
        const none = ruleOf(ctx, 'no-selector');
        return ctx.withKnobs((knobs) => ({
          ...knobs,
          errors: knobs.errors.map((r) =>
            r.index === both.index ? { ...r, code: none.code } : r.index === none.index ? { ...r, code: both.code } : r,
          ),
        }));
      },
    }),
    defineFault({
      id: 'errors/customer-not-found-404',
      title: 'an unknown customer is answered 404 instead of 400',
      trips: [ruleOf({ spec }, 'customer-not-found').requirement, 'RESP-STATUS'],
      build: (ctx) => {
        const rule = ruleOf(ctx, 'customer-not-found');
        return ctx.withKnobs((knobs) => ({
          ...knobs,
          errors: knobs.errors.map((r) => (r.index === rule.index ? { ...r, status: 404 } : r)),
        }));
      },
    }),
    defineFault({
      id: 'errors/event-id-format-500',
      title: 'a malformed event id escapes as a NumberFormatException: 500',
      trips: [ruleOf({ spec }, 'invalid', 'eventIds').requirement, 'RESP-STATUS', 'RESP-NO-SERVER-ERROR'],
      build: (ctx) => {
        const rule = ruleOf(ctx, 'invalid', 'eventIds');
        return ctx.withKnobs((knobs) => ({
          ...knobs,
          errors: knobs.errors.map((r) => (r.index === rule.index ? { ...r, status: 500 } : r)),
        }));
      },
    }),
    defineFault({
      id: 'errors/envelope-missing',
      title: 'errors are answered as a bare {code, message} object, without the errors list',
      trips: ['RESP-BODY', ...everyErrorRequirement],
      build: ({ reference }) => rewriteErrors(reference, (error) => ({ code: error['code'], message: error['message'] })),
    }),
    defineFault({
      id: 'errors/envelope-status-true',
      title: 'error items carry status: true',
      trips: ['RESP-BODY'],
      build: ({ reference }) =>
        rewriteErrors(reference, (error, body) => {
          error['status'] = true;
          return body;
        }),
    }),
    defineFault({
      id: 'errors/envelope-code-string',
      title: 'error codes are sent as strings ("8015")',
      trips: ['RESP-BODY', ...everyErrorRequirement],
      build: ({ reference }) =>
        rewriteErrors(reference, (error, body) => {
          error['code'] = String(error['code']);
          return body;
        }),
    }),
    defineFault({
      id: 'errors/errors-as-empty-200',
      title: 'every rejected request is answered 200 with an empty events list',
      trips: everyErrorRequirement,
      build: ({ reference }) => rewriteErrors(reference, () => ({ status: 200, body: { events: [], warnings: [] } })),
    }),
    defineFault({
      id: 'errors/customer-before-selector',
      title: 'the customer is looked up before the selector rules are checked, so an unknown customer hides them',
      trips: ['ERR-PRECEDENCE'],
      build: (ctx) => {
        const selectorCodes = new Set([ruleOf(ctx, 'both-selectors').code, ruleOf(ctx, 'no-selector').code]);
        const customerRule = ruleOf(ctx, 'customer-not-found');
        // The same request with a well-formed selector: what the early lookup sees.
        const lookupFirst = rewriteQuery(ctx.reference, (pairs) => [
          ...pairs.filter(([n]) => !['eventIds', 'eventName', 'eventReferenceIds'].includes(n)),
          ['eventIds', '1'],
        ]);
        return (request) => {
          const response = ctx.reference(request);
          if (!selectorCodes.has(codeOf(response)!)) return response;
          const early = lookupFirst(request);
          return codeOf(early) === customerRule.code ? early : response;
        };
      },
    }),
  ];
  return [...notEnforced, ...others];
}
