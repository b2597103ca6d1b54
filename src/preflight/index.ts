/**
 * The preflight: before any check, the target is asked, in this order,
 *
 * 1. whether it answers at all (a transport failure ends the run: exit 3, one line);
 * 2. whether it accepts the main credentials (401 or 403: exit 2, naming where they came from);
 * 3. whether every handle of the profile holds (a contradiction: exit 2, a table of handle,
 *    expected and answered), learning on the way what the profile leaves out;
 *
 * and the declared profile becomes the full profile the checks consume. Its requests go through
 * the run's queue, as the main identity, and count among the run's requests. A requirement is
 * then never failed because the profile was wrong or stale.
 */
import { CredentialsRejectedError, ProfileMismatchError, UsageError } from '../core/errors.js';
import type { Scheduler } from '../http/scheduler.js';
import type { QueryPair } from '../core/query.js';
import type { DeclaredProfile, ProfileFile } from '../profile/declared.js';
import type { LoadedProfile } from '../profile/load.js';
import type { PreflightSummary } from '../core/report-model.js';
import { createRandom } from '../core/random.js';
import type { LoadedSpec } from '../contract/load.js';
import {
  absentCurrencyNames,
  absentHandles,
  madeUpEventId,
  madeUpNotFoundLookup,
  type AbsentPlan,
  type KnownLedger,
} from './absent.js';
import { assembleProfile, type OwnerOutcome } from './assemble.js';
import { learnCurrencies } from './currencies.js';
import { learnOrgSettings } from './org-settings.js';
import { learnOrgTimezone, TwinWitness } from './org-timezone.js';
import { verifyOwner, type OwnerInput } from './owners.js';
import { lookupPairs } from '../profile/lookup-pairs.js';
import { createProbe, describeAnswer, type Probe, type ProbeAnswer } from './probe.js';
import { PreflightRecord } from './record.js';

export interface PreflightOptions {
  readonly spec: LoadedSpec;
  readonly transport: Scheduler;
  readonly baseUrl: string;
  readonly file: ProfileFile;
  /** Seeds the made-up absent values, so that `--seed` replays them. */
  readonly seed: number;
  /** Where the main credentials came from, for the message when the target rejects them. */
  readonly credentialSource: string;
  readonly onProgress?: (requests: number) => void;
}

export interface PreflightResult {
  readonly loaded: LoadedProfile;
  readonly summary: PreflightSummary;
}

export async function runPreflight(options: PreflightOptions): Promise<PreflightResult> {
  const started = Date.now();
  const { spec, file } = options;
  const declared = file.declared;
  const twins = new TwinWitness(spec);
  const probe = twins.watch(createProbe(spec, options.transport, options.baseUrl, options.onProgress));
  const record = new PreflightRecord();
  const random = createRandom(options.seed ^ 0xf1a5);
  const customerType = String(spec.parameter('type').defaultValue);
  const homeSource =
    declared.customers[0]?.lookups[0]?.source ??
    (spec.parameter('source').enumValues ?? []).map(String).find((s) => s !== spec.knobs.identifiers.anySource)!;
  const probeId = madeUpEventId(random);
  const nobody: QueryPair[] = [
    ...lookupPairs({
      identifierName: spec.knobs.identifiers.byType[customerType]?.[0] ?? 'mobile',
      identifierValue: `9100000${random.token(5, '0123456789')}`,
      source: homeSource,
    }),
    ['eventIds', probeId],
  ];

  // 1 and 2: one request that any target answers, whatever its data.
  refuseAccess(await probe.ask(nobody), options);

  // 3: the profile's own handles.
  const groupType: QueryPair[] = [['type', spec.knobs.userGroups.groupType]];
  const inputs: OwnerInput[] = [
    ...declared.customers.map((c, i): OwnerInput => ({
      label: `customer ${c.key}`,
      pointer: `/customers/${i}`,
      notFoundRule: 'customer-not-found',
      lookups: c.lookups,
      extra: [],
      events: c.events,
      withoutDetail: c.eventIdsWithoutDetail ?? [],
      notFoundLookups: c.notFoundLookups ?? [],
    })),
    ...declared.groups.map((g, i): OwnerInput => ({
      label: `group ${g.key}`,
      pointer: `/groups/${i}`,
      notFoundRule: 'group-not-found',
      lookups: g.lookups,
      extra: groupType,
      events: g.events,
      withoutDetail: [],
      notFoundLookups: [],
    })),
  ];
  const facts = await Promise.all(inputs.map((input) => verifyOwner(probe, input, record, probeId)));
  if (record.mismatches.length > 0) {
    const noneFound = facts.length > 1 && facts.every((f) => f === undefined);
    throw new ProfileMismatchError(
      file.name,
      record.mismatches,
      noneFound
        ? `not one of its ${facts.length} customers and groups is found; is it the profile of this target (--profile)?`
        : undefined,
    );
  }
  const owners: OwnerOutcome[] = inputs.map((input, i) => ({ input, facts: facts[i]! }));

  // What the answers tell beyond the handles: org settings, currencies, absent values.
  const withEvent = owners.find((o) => o.facts.events.length > 0);
  const settingsRequest = withEvent
    ? [
        ...lookupPairs(withEvent.input.lookups[0]!),
        ...withEvent.input.extra,
        ['eventIds', withEvent.facts.events[0]!.value.eventLogId] as QueryPair,
      ]
    : nobody;
  const plan: AbsentPlan = {
    spec,
    probe,
    declared,
    record,
    seed: options.seed,
    homeSource,
    ledgers: ledgersOf(owners),
    someEventId: withEvent?.facts.events[0]?.value.eventLogId ?? probeId,
  };
  // Two branches that need nothing of each other: org settings then currencies (a currency block
  // shows only with its setting on), and the absent values (their requests name no currency).
  const [{ settings, orgSettings, currencies }, { absent: absentHandlesMade, notFound, taught }] = await Promise.all([
    learnSettingsAndCurrencies(probe, declared, owners, settingsRequest),
    makeAbsent(plan),
  ]);
  const orgCurrencies = declared.alternateCurrencyNames ?? [...new Set(currencies.flatMap((c) => c?.names ?? []))].sort();
  // A currency name no customer has needs no request, only the org's own names.
  const absent = { absent: { ...absentHandlesMade, alternateCurrencyNames: absentCurrencyNames(plan, orgCurrencies) }, taught };
  if (record.mismatches.length > 0) throw new ProfileMismatchError(file.name, record.mismatches);
  const timezone = declared.orgTimezone === undefined ? learnOrgTimezone(twins) : undefined;
  if (timezone !== undefined && 'note' in timezone) record.note(timezone.note);

  const { profile, learned } = assembleProfile({
    spec,
    declared,
    owners,
    settings,
    orgSettings,
    ...(timezone !== undefined && 'value' in timezone ? { orgTimezone: timezone } : {}),
    currencies,
    orgCurrencies,
    absent,
    notFound,
  });
  return {
    loaded: { profile, name: file.name, sha256: file.sha256 },
    summary: { requests: probe.requests(), durationMs: Date.now() - started, learned, notes: [...record.notes] },
  };
}

/** What the org's settings are (declared, else learned), then each customer's alternate currencies under them. */
async function learnSettingsAndCurrencies(
  probe: Probe,
  declared: DeclaredProfile,
  owners: readonly OwnerOutcome[],
  settingsRequest: readonly QueryPair[],
) {
  const settings = await learnOrgSettings(probe, declared.orgSettings, settingsRequest);
  const orgSettings = { ...Object.fromEntries(settings.map((s) => [s.name, s.on])), ...declared.orgSettings };
  const currencies = await Promise.all(
    owners.map((o, i) =>
      i < declared.customers.length && declared.customers[i]!.alternateCurrencies === undefined
        ? learnCurrencies(
            probe,
            [...lookupPairs(o.input.lookups[0]!)],
            o.facts.events.map((e) => e.value),
            orgSettings,
          )
        : undefined,
    ),
  );
  return { settings, orgSettings, currencies };
}

/** The absent handles, and for each customer without declared ones a lookup in an account it is not in. */
async function makeAbsent(plan: AbsentPlan) {
  const taught = new Map<string, string>();
  const [absent, notFound] = await Promise.all([
    absentHandles(plan, taught),
    Promise.all(
      plan.declared.customers.map((c) =>
        c.notFoundLookups && c.notFoundLookups.length > 0 ? undefined : madeUpNotFoundLookup(plan, taught, c.lookups[0]!, []),
      ),
    ),
  ]);
  return { absent, notFound, taught };
}

/** The ledgers absent values must not be found in: every owner the preflight found. */
function ledgersOf(owners: readonly OwnerOutcome[]): KnownLedger[] {
  return owners.map((o) => ({
    label: o.input.label,
    query: [...lookupPairs(o.input.lookups[0]!), ...o.input.extra],
    eventNames: [...new Set(o.facts.events.map((e) => e.value.eventName))],
  }));
}

/** Stops the run when the target refuses the main identity, or is not the endpoint at all. */
function refuseAccess(answer: ProbeAnswer, options: PreflightOptions): void {
  const { spec } = options;
  if (answer.status === spec.knobs.auth.unauthenticated.status)
    throw new CredentialsRejectedError(answer.status, options.credentialSource, `${describeAnswer(answer)}, not authenticated`);
  if (answer.status === spec.knobs.auth.forbidden.status)
    throw new CredentialsRejectedError(
      answer.status,
      options.credentialSource,
      `${describeAnswer(answer)}, no read access to the Points resource`,
    );
  // A 404 that is not the endpoint's JSON is a base URL that does not lead to the endpoint.
  if (answer.status === 404 && answer.json === undefined) {
    throw new UsageError(
      '--base-url',
      `${options.baseUrl} does not serve ${spec.endpointPath}: ${answer.asked.replace(/\?.*→/, '→')} (check the host and the path prefix)`,
    );
  }
}
