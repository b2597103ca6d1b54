/**
 * The reference dataset as a file a vendor can load into any store (`dataset export`): the
 * published shape is `schemas/dataset.schema.json`. The layout, decided here and written down
 * in the README:
 *
 * - one JSON document, pretty-printed with two spaces and a final newline, so that the same
 *   seed and size give the same bytes and a vendor can read, diff and edit it;
 * - `datasetVersion` changes only when a reader of the old layout would misread the new one;
 * - nothing is written twice: ledgers are not listed, each event names its owner and a ledger
 *   is its owner's events in ascending `eventLogId`; an event's id, name and reference id are
 *   read from the event itself. An edited file therefore cannot contradict itself;
 * - each event is stored "full", with every block a flag or a currency selection can reveal:
 *   what a request did not ask for is removed by the spec's knobs when it is answered;
 * - identities carry the demo credentials (Basic, OAuth token, OAuth client key and secret:
 *   documented, not secrets) and, for every org setting
 *   a rule of `x-ledger-errors` reads, whether it is on for the identity's org.
 */
import type { LoadedSpec } from '../contract/load.js';
import type { AlternateCurrency, Customer, Dataset, Registration, UserGroup } from './dataset.js';
import type { ReferenceIdentity } from './identities.js';

/** The layout version written into every file. */
export const DATASET_FILE_VERSION = 1;

export const DATASET_SCHEMA_ID =
  'https://github.com/ledger-explode-conformance/ledger-explode-conformance/schemas/dataset.schema.json';

export interface DatasetFileEvent {
  readonly owner: { readonly kind: 'customer' | 'group'; readonly key: string };
  /** False for ledger event types without explode detail (asking for one is 11024). */
  readonly hasDetail: boolean;
  /** The event with every optional block; `eventLogId`, `eventName` and `eventReferenceId` included. */
  readonly event: Readonly<Record<string, unknown>>;
}

export interface DatasetFileIdentity {
  readonly role: ReferenceIdentity['role'];
  readonly basicUser: string;
  readonly basicPassword: string;
  readonly oauthToken: string;
  readonly oauthKey: string;
  readonly oauthSecret: string;
  readonly pointsAccess: boolean;
  readonly orgSettings: Readonly<Record<string, boolean>>;
}

export interface DatasetFile {
  readonly $schema?: string;
  readonly datasetVersion: number;
  /** The seed and size the generator was given; kept as provenance when the file is edited. */
  readonly generatedFrom?: { readonly seed: number; readonly size: number };
  /** Set instead of `generatedFrom` when the data was recorded from a target's answers (`record`). */
  readonly recordedFrom?: { readonly baseUrl: string; readonly recordedAt: string };
  /** The spec whose knobs shaped the events. */
  readonly spec: { readonly title: string; readonly version: string };
  readonly org: {
    readonly orgId: number;
    readonly serverOffset: string;
    readonly alternateCurrencies: readonly AlternateCurrency[];
  };
  readonly identities: readonly DatasetFileIdentity[];
  readonly customers: readonly Omit<Customer, 'ledger'>[];
  readonly groups: readonly Omit<UserGroup, 'ledger'>[];
  readonly events: readonly DatasetFileEvent[];
}

/** Names of the org settings the spec's rules read, in rule order. */
export function orgSettingNames(spec: LoadedSpec): string[] {
  const names = spec.knobs.errors.flatMap((rule) => (rule.trigger.kind === 'org-setting-disabled' ? [rule.trigger.setting] : []));
  return [...new Set(names)];
}

// Properties are copied one by one, in a fixed order: the file's bytes must not depend on how
// an object happened to be built.
const registration = (r: Registration): Registration => ({
  source: r.source,
  ...(r.accountId !== undefined ? { accountId: r.accountId } : {}),
});

const customer = (c: Customer): Omit<Customer, 'ledger'> => ({
  key: c.key,
  userId: c.userId,
  firstName: c.firstName,
  lastName: c.lastName,
  mobile: c.mobile,
  email: c.email,
  externalId: c.externalId,
  cuid: c.cuid,
  registrations: c.registrations.map(registration),
  alternateCurrencies: [...c.alternateCurrencies],
});

const group = (g: UserGroup): Omit<UserGroup, 'ledger'> => ({
  key: g.key,
  groupId: g.groupId,
  externalId: g.externalId,
  primaryMemberKey: g.primaryMemberKey,
  memberKeys: [...g.memberKeys],
  alternateCurrencies: [...g.alternateCurrencies],
});

/** The dataset and the identities that may read it, as the file holds them. */
export function datasetToFile(spec: LoadedSpec, dataset: Dataset, identities: readonly ReferenceIdentity[]): DatasetFile {
  const settings = orgSettingNames(spec);
  return {
    $schema: DATASET_SCHEMA_ID,
    datasetVersion: DATASET_FILE_VERSION,
    generatedFrom: { seed: dataset.seed, size: dataset.size },
    spec: { title: spec.title, version: spec.version },
    org: {
      orgId: dataset.orgId,
      serverOffset: dataset.serverOffset,
      alternateCurrencies: dataset.alternateCurrencies.map((c) => ({ name: c.name, identifier: c.identifier })),
    },
    identities: identities.map((i) => ({
      role: i.role,
      basicUser: i.basicUser,
      basicPassword: i.basicPassword,
      oauthToken: i.oauthToken,
      oauthKey: i.oauthKey,
      oauthSecret: i.oauthSecret,
      pointsAccess: i.pointsAccess,
      // Absent means on in the reference; the file says it outright.
      orgSettings: Object.fromEntries(settings.map((name) => [name, i.orgSettings[name] !== false])),
    })),
    customers: dataset.customers.map(customer),
    groups: dataset.groups.map(group),
    events: [...dataset.events.values()].map((e) => ({
      owner: { kind: e.owner.kind, key: e.owner.key },
      hasDetail: e.hasDetail,
      event: e.full,
    })),
  };
}

/** The file's text: the same dataset always gives the same bytes. */
export function datasetFileText(file: DatasetFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}
