/**
 * The reference implementation of the spec, as a pure function from a request to a response:
 * the HTTP server, the in-process transport and the fault catalog all wrap this one function.
 * Every rule comes from the spec: parameter schemas, `x-ledger-errors` (in order), the flag and
 * currency knobs, pagination, identifiers, user groups and auth.
 */
import { createHash } from 'node:crypto';
import type { ReferenceHandler, ReferenceResponse } from '../core/handler.js';
import type { ErrorAnswer, ErrorRule, LookupTrigger } from '../contract/knobs.js';
import type { LoadedSpec } from '../contract/load.js';
import { firstSyntaxViolation, parseQuery, renderMessage, valueOf, type ParsedQuery } from '../contract/rules.js';
import { pairsOfRawQuery } from '../core/query.js';
import type { Customer, Dataset, StoredEvent, UserGroup } from './dataset.js';
import type { ReferenceIdentity } from './identities.js';
import { project, type Selection } from './project.js';
import { ProjectionCache } from './projection-cache.js';

/**
 * Seams for the fault catalog: a correct reference never sets them. Each lets one realistic
 * bug be planted without copying the handler.
 */
export interface ReferenceHooks {
  /** Which slice of the ordered selection a page holds: [start, end). */
  readonly pageWindow?: (start: number, limit: number, total: number) => readonly [number, number];
  /** The order of the selected event log ids (after the spec's order). */
  readonly reorder?: (eventLogIds: readonly number[]) => number[];
}

export interface ReferenceOptions {
  readonly spec: LoadedSpec;
  readonly dataset: Dataset;
  readonly identities: readonly ReferenceIdentity[];
  readonly hooks?: ReferenceHooks;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;
type Owner = { kind: 'customer'; customer: Customer } | { kind: 'group'; group: UserGroup };

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

export function createReferenceHandler(options: ReferenceOptions): ReferenceHandler {
  const { spec, dataset, identities, hooks = {} } = options;
  const knobs = spec.knobs;
  const ids = knobs.identifiers;
  const limitMaximum = spec.parameter('limit').schema['maximum'] as number;
  const customersByKey = new Map(dataset.customers.map((c) => [c.key, c]));
  const orgCurrencies = new Set(dataset.alternateCurrencies.map((c) => c.name));
  const basicUsers = new Map(identities.map((i) => [i.basicUser, i]));
  // Hashing once per identity, not once per request: MD5 was a third of a request's time.
  const expectedSecret = new Map(identities.map((i) => [i, md5(i.basicPassword)]));
  // Projected events are immutable for a given selection; caching their JSON makes the
  // reference fast enough to serve as a benchmark baseline. Bounded: cleared when full.
  const projections = new ProjectionCache(PROJECTION_CACHE_SIZE);
  const tokens = new Map(identities.map((i) => [i.oauthToken, i]));

  const envelope = (status: number, code: number, message: string): ReferenceResponse => ({
    status,
    headers: JSON_HEADERS,
    body: JSON.stringify({ errors: [{ code, message, status: false }], warnings: [] }),
  });

  /** The identity the headers prove, or null when they prove none. */
  const authenticate = (headers: Readonly<Record<string, string>>): ReferenceIdentity | null => {
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(headers['authorization'] ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const identity = colon > 0 ? basicUsers.get(decoded.slice(0, colon)) : undefined;
      // Capillary Basic carries the password's MD5: the plain password is a wrong password.
      return identity && decoded.slice(colon + 1) === expectedSecret.get(identity) ? identity : null;
    }
    const token = headers['x-cap-api-oauth-token'];
    return token !== undefined ? (tokens.get(token) ?? null) : null;
  };

  const findCustomer = (name: string, value: string, source: string, accountId: string | undefined): Customer | undefined => {
    const insensitive = ids.caseInsensitiveValues.includes(name);
    const wanted = insensitive ? value.toLowerCase() : value;
    return dataset.customers.find((c) => {
      const stored = name === 'id' ? String(c.userId) : (c as unknown as Record<string, unknown>)[name];
      if (typeof stored !== 'string' || (insensitive ? stored.toLowerCase() : stored) !== wanted) return false;
      if (source === ids.anySource) return true;
      return c.registrations.some(
        (r) => r.source === source && (ids.accountIdIgnoredFor.includes(source) || r.accountId === accountId),
      );
    });
  };

  const findGroup = (name: string, value: string): UserGroup | undefined =>
    dataset.groups.find((g) =>
      name === 'id'
        ? String(g.groupId) === value
        : name === 'externalId'
          ? g.externalId === value
          : name === 'primaryUserId'
            ? String(customersByKey.get(g.primaryMemberKey)!.userId) === value
            : false,
    );

  return (request) => {
    if (request.method !== 'GET') {
      return { status: 405, headers: { allow: 'GET', 'content-type': 'text/plain; charset=utf-8' }, body: 'Method Not Allowed' };
    }
    if (request.path !== spec.endpointPath) {
      return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Found' };
    }
    const identity = authenticate(request.headers);
    if (!identity) {
      return {
        status: knobs.auth.unauthenticated.status,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Basic realm="Capillary"' },
        body: 'Authentication failed. Please check username and password.',
      };
    }
    if (!identity.pointsAccess)
      return envelope(knobs.auth.forbidden.status, knobs.auth.forbidden.code, knobs.auth.forbidden.message);

    const parsed = parseQuery(spec, pairsOfRawQuery(request.rawQuery));
    const value = (name: string): unknown => valueOf(spec, parsed, name);
    const reject = (rule: ErrorRule, vars: Record<string, string | number | undefined> = {}): ReferenceResponse =>
      envelope(
        rule.status,
        rule.code,
        renderMessage(rule.message, { maximum: limitMaximum, type: value('type') as string, ...vars }),
      );

    const syntax = firstSyntaxViolation(spec, parsed);
    if (syntax) return reject(syntax.rule, { parameter: syntax.parameter, value: syntax.value });

    // Rules that need data, in the spec's order; each kind is answered from the dataset.
    const lookups = new LookupState(spec, parsed, dataset, identity, findCustomer, findGroup);
    for (const rule of knobs.errors) {
      const broken = lookups.check(rule.trigger as LookupTrigger);
      if (broken) return reject(rule, broken);
    }
    return answer(spec, parsed, lookups, orgCurrencies, hooks, projections, (error, vars) =>
      envelope(error.status, error.code, renderMessage(error.message, vars)),
    );
  };
}

/** What the lookup rules found, computed once per request and only when a rule needs it. */
class LookupState {
  private ownerMemo: Owner | null | undefined;
  private selectionMemo: { events: StoredEvent[] } | { missing: string[]; kind: 'id' | 'reference' } | undefined;

  constructor(
    private readonly spec: LoadedSpec,
    private readonly parsed: ParsedQuery,
    private readonly dataset: Dataset,
    private readonly identity: ReferenceIdentity,
    private readonly findCustomer: (
      name: string,
      value: string,
      source: string,
      accountId: string | undefined,
    ) => Customer | undefined,
    private readonly findGroup: (name: string, value: string) => UserGroup | undefined,
  ) {}

  private value(name: string): unknown {
    return valueOf(this.spec, this.parsed, name);
  }

  private get isGroup(): boolean {
    return this.value('type') === this.spec.knobs.userGroups.groupType;
  }

  /** The ledger being exploded: the customer, the group, or the group's primary member. */
  get owner(): Owner | null {
    if (this.ownerMemo !== undefined) return this.ownerMemo;
    const name = this.value('identifierName') as string;
    const identifier = this.parsed.raw.get('identifierValue')![0]!;
    if (this.isGroup) {
      const group = this.findGroup(name, identifier);
      const primary = group && this.value(this.spec.knobs.userGroups.primaryUserParameter) === true;
      this.ownerMemo = !group
        ? null
        : primary
          ? { kind: 'customer', customer: this.dataset.customers.find((c) => c.key === group.primaryMemberKey)! }
          : { kind: 'group', group };
    } else {
      const customer = this.findCustomer(name, identifier, this.value('source') as string, this.parsed.raw.get('accountId')?.[0]);
      this.ownerMemo = customer ? { kind: 'customer', customer } : null;
    }
    return this.ownerMemo;
  }

  get ledger(): readonly number[] {
    const owner = this.owner!;
    return owner.kind === 'customer' ? owner.customer.ledger : owner.group.ledger;
  }

  get alternateCurrencies(): readonly string[] {
    const owner = this.owner!;
    return owner.kind === 'customer' ? owner.customer.alternateCurrencies : owner.group.alternateCurrencies;
  }

  /** The selected events (before paging), or what could not be found. */
  get selection(): { events: StoredEvent[] } | { missing: string[]; kind: 'id' | 'reference' } {
    if (this.selectionMemo) return this.selectionMemo;
    const inLedger = new Set(this.ledger);
    const eventIds = this.value('eventIds') as string[] | undefined;
    if (eventIds) {
      const missing = eventIds.filter((id) => !inLedger.has(Number(id)));
      this.selectionMemo =
        missing.length > 0 ? { missing, kind: 'id' } : { events: eventIds.map((id) => this.dataset.events.get(Number(id))!) };
      return this.selectionMemo;
    }
    const eventName = this.value('eventName') as string;
    const references = this.value('eventReferenceIds') as string[];
    const ledgerEvents = this.ledger.map((id) => this.dataset.events.get(id)!).filter((e) => e.eventName === eventName);
    const missing = references.filter((ref) => !ledgerEvents.some((e) => e.eventReferenceId === ref));
    // One entry per reference asked for: a repeated reference selects its event twice, and
    // x-ledger-pagination.duplicates then says whether it shows twice.
    this.selectionMemo =
      missing.length > 0
        ? { missing, kind: 'reference' }
        : { events: references.flatMap((ref) => ledgerEvents.filter((e) => e.eventReferenceId === ref)) };
    return this.selectionMemo;
  }

  /** Message variables when the request breaks the rule, undefined when it keeps it. */
  check(trigger: LookupTrigger): Record<string, string> | undefined {
    const identifier = this.parsed.raw.get('identifierValue')?.[0];
    switch (trigger.kind) {
      case 'customer-not-found':
        return !this.isGroup && this.owner === null ? { value: identifier! } : undefined;
      case 'group-not-found':
        return this.isGroup && this.owner === null ? { value: identifier! } : undefined;
      case 'org-setting-disabled':
        return this.value(trigger.parameter) === true && this.identity.orgSettings[trigger.setting] === false
          ? { setting: trigger.setting }
          : undefined;
      case 'event-id-not-found': {
        const selection = this.selection;
        return 'missing' in selection && selection.kind === 'id' ? { ids: `[${selection.missing.join(', ')}]` } : undefined;
      }
      case 'event-without-detail': {
        const selection = this.selection;
        const bare = 'events' in selection ? selection.events.filter((e) => !e.hasDetail) : [];
        return bare.length > 0 ? { ids: bare.map((e) => e.eventLogId).join(', ') } : undefined;
      }
      case 'event-reference-not-found': {
        const selection = this.selection;
        return 'missing' in selection && selection.kind === 'reference' ? { ids: selection.missing.join(', ') } : undefined;
      }
      default:
        return undefined;
    }
  }
}

/** Projected events kept (see ProjectionCache): every event of a dataset under the flag sets the checks use. */
const PROJECTION_CACHE_SIZE = 4_000;

/**
 * The answer to a request that broke no rule: the selection ordered, de-duplicated (or not, as
 * x-ledger-pagination.duplicates says), paged and projected, with its warnings; or the error
 * answer a knob gives for a page past the end or an unknown currency name.
 */
function answer(
  spec: LoadedSpec,
  parsed: ParsedQuery,
  lookups: LookupState,
  orgCurrencies: ReadonlySet<string>,
  hooks: ReferenceHooks,
  projections: ProjectionCache,
  reject: (error: ErrorAnswer, vars: Record<string, string>) => ReferenceResponse,
): ReferenceResponse {
  const knobs = spec.knobs;
  const value = (name: string): unknown => valueOf(spec, parsed, name);
  const selection = lookups.selection as { events: StoredEvent[] };
  const selected = selection.events.map((e) => e.eventLogId);
  let ordered = (knobs.pagination.duplicates === 'collapse' ? [...new Set(selected)] : selected).sort((a, b) => a - b);
  if (knobs.pagination.order.direction === 'descending') ordered.reverse();
  if (hooks.reorder) ordered = hooks.reorder(ordered);

  const limit = value('limit') as number;
  const offset = value('offset') as number;
  const start = knobs.pagination.offsetMeaning === 'page-number' ? offset * limit : offset;
  if (start >= ordered.length && knobs.pagination.pastTheEnd !== 'empty-page') return reject(knobs.pagination.pastTheEnd, {});
  const [from, to] = hooks.pageWindow ? hooks.pageWindow(start, limit, ordered.length) : [start, start + limit];
  const page = ordered.slice(from, to);

  const flagsOn = new Set(Object.keys(knobs.flags).filter((flag) => value(flag) === true));
  const ac = knobs.alternateCurrencies;
  const include = value(ac.includeParameter) === true;
  const names = value(ac.namesParameter) as string[] | undefined;
  const owned = lookups.alternateCurrencies;
  const currencies =
    include && (ac.includeOverridesNames || !names)
      ? new Set(owned)
      : names
        ? new Set(names)
        : include
          ? new Set(owned)
          : undefined;
  const selectionOf: Selection = { flagsOn, currencies };

  const unknownNames = names && !(include && ac.includeOverridesNames) ? names.filter((n) => !orgCurrencies.has(n)) : [];
  if (unknownNames.length > 0 && ac.unknownName !== 'warning') return reject(ac.unknownName, { names: unknownNames.join(', ') });
  const warnings: unknown[] = [];
  for (const rule of knobs.warnings) {
    if (rule.trigger.kind === 'unknown-alternate-currency-name') {
      for (const name of unknownNames)
        warnings.push({ code: rule.code, message: renderMessage(rule.message, { name }), status: false });
    }
    if (rule.trigger.kind === 'no-alternate-currencies' && include && owned.length === 0) {
      warnings.push({ code: rule.code, message: rule.message, status: false });
    }
  }
  const selectionKey = `${[...flagsOn].sort().join(',')}|${currencies ? [...currencies].sort().join(',') : '-'}`;
  const events = page.map((id) =>
    projections.get(`${id}|${selectionKey}`, () =>
      JSON.stringify(project(spec, selection.events.find((e) => e.eventLogId === id)!.full, selectionOf)),
    ),
  );
  // The same bytes JSON.stringify({ events, warnings }) would give.
  return { status: 200, headers: JSON_HEADERS, body: `{"events":[${events.join(',')}],"warnings":${JSON.stringify(warnings)}}` };
}
