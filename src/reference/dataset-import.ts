/**
 * Reads a dataset file (`serve --dataset FILE`): validated against `schemas/dataset.schema.json`,
 * then against itself (keys that events and groups name must exist, ids must be unique) and the
 * spec (event names). The result is the same `Dataset` the generator builds, so the handler
 * answers from an unedited export byte for byte as from the seed.
 */
import { readText, validateData } from '../core/data-file.js';
import { FileInvalidError } from '../core/errors.js';
import type { LoadedSpec } from '../contract/load.js';
import type { Customer, Dataset, StoredEvent, UserGroup } from './dataset.js';
import type { DatasetFile } from './dataset-file.js';
import type { ReferenceIdentity } from './identities.js';

export interface ImportedDataset {
  readonly dataset: Dataset;
  readonly identities: readonly ReferenceIdentity[];
}

/** Reads and checks `file` (given as `option`); a problem names the file, the JSON pointer and the rule. */
export function readDatasetFile(file: string, spec: LoadedSpec, option = '--dataset'): ImportedDataset {
  const text = readText(file, option);
  const invalid = (pointer: string, rule: string): Error => new FileInvalidError(file, { pointer, rule });
  let data: unknown;
  try {
    // JSON.parse, not the YAML reader of profiles: a dataset is megabytes of JSON.
    data = JSON.parse(text);
  } catch (error) {
    throw invalid('', `not valid JSON: ${(error as Error).message}`);
  }
  validateData(data, 'dataset.schema.json', (problems) => new FileInvalidError(file, problems));
  return datasetFromFile(data as DatasetFile, spec, invalid);
}

/** The dataset a (schema-valid) file describes. */
export function datasetFromFile(
  file: DatasetFile,
  spec: LoadedSpec,
  invalid: (pointer: string, rule: string) => Error,
): ImportedDataset {
  const fail = (pointer: string, rule: string): never => {
    throw invalid(pointer, rule);
  };
  const unique = <T>(
    items: readonly T[],
    keyOf: (item: T) => string | number,
    pointer: (i: number) => string,
    what: string,
  ): void => {
    const seen = new Set<string | number>();
    items.forEach((item, i) => {
      const key = keyOf(item);
      if (seen.has(key)) fail(pointer(i), `duplicate ${what} ${key}`);
      seen.add(key);
    });
  };
  unique(
    file.customers,
    (c) => c.key,
    (i) => `/customers/${i}/key`,
    'customer key',
  );
  unique(
    file.customers,
    (c) => c.userId,
    (i) => `/customers/${i}/userId`,
    'userId',
  );
  unique(
    file.groups,
    (g) => g.key,
    (i) => `/groups/${i}/key`,
    'group key',
  );
  unique(
    file.groups,
    (g) => g.groupId,
    (i) => `/groups/${i}/groupId`,
    'groupId',
  );
  unique(
    file.events,
    (e) => e.event.eventLogId as number,
    (i) => `/events/${i}/event/eventLogId`,
    'eventLogId',
  );
  unique(
    file.identities,
    (e) => e.role,
    (i) => `/identities/${i}/role`,
    'role',
  );
  if (!file.identities.some((i) => i.role === 'primary')) fail('/identities', 'needs an identity with role primary');

  const customerKeys = new Set(file.customers.map((c) => c.key));
  file.groups.forEach((g, i) => {
    if (!customerKeys.has(g.primaryMemberKey))
      fail(`/groups/${i}/primaryMemberKey`, `no customer has the key ${g.primaryMemberKey}`);
    g.memberKeys.forEach((k, j) => customerKeys.has(k) || fail(`/groups/${i}/memberKeys/${j}`, `no customer has the key ${k}`));
  });

  const ledgers = new Map<string, number[]>(
    [...file.customers.map((c) => `customer ${c.key}`), ...file.groups.map((g) => `group ${g.key}`)].map((k) => [k, []]),
  );
  const eventNames = new Set([...spec.eventNames, ...spec.knobs.eventsWithoutDetail]);
  const events = new Map<number, StoredEvent>();
  file.events.forEach((e, i) => {
    const ledger =
      ledgers.get(`${e.owner.kind} ${e.owner.key}`) ??
      fail(`/events/${i}/owner/key`, `no ${e.owner.kind} has the key ${e.owner.key}`);
    const { eventLogId, eventName, eventReferenceId } = e.event as {
      eventLogId: number;
      eventName: string;
      eventReferenceId?: string;
    };
    if (!eventNames.has(eventName))
      fail(
        `/events/${i}/event/eventName`,
        `${eventName} is not an event name of the spec (nor of x-ledger-events-without-detail)`,
      );
    ledger.push(eventLogId);
    events.set(eventLogId, {
      eventLogId,
      eventName,
      owner: e.owner,
      hasDetail: e.hasDetail,
      ...(eventReferenceId !== undefined ? { eventReferenceId } : {}),
      full: e.event,
    });
  });
  const ledgerOf = (key: string): number[] => ledgers.get(key)!.sort((a, b) => a - b);

  const customers: Customer[] = file.customers.map((c) => ({ ...c, ledger: ledgerOf(`customer ${c.key}`) }));
  const groups: UserGroup[] = file.groups.map((g) => ({ ...g, ledger: ledgerOf(`group ${g.key}`) }));
  const dataset: Dataset = {
    // A recorded dataset was generated from no seed: it can never be the canonical dataset.
    seed: file.generatedFrom?.seed ?? 0,
    size: file.generatedFrom?.size ?? file.customers.length,
    serverOffset: file.org.serverOffset,
    orgId: file.org.orgId,
    alternateCurrencies: file.org.alternateCurrencies,
    customers,
    groups,
    events,
  };
  const identities: ReferenceIdentity[] = file.identities.map((i) => ({ ...i, orgSettings: { ...i.orgSettings } }));
  return { dataset, identities };
}
