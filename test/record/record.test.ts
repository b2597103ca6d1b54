/**
 * `ledger-conformance record` as a QA engineer runs it against a cluster whose data holds known
 * personal values: none of them appears in anything record writes; the recorded dataset, served,
 * answers every line of the recorded transcript as the cluster did; and a target that differs
 * from the recording is named field by field.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { datasetFromFile, readDatasetFile } from '../../src/reference/dataset-import.js';
import { datasetToFile, type DatasetFile } from '../../src/reference/dataset-file.js';
import { createReference } from '../../src/reference/index.js';
import { profileFileText } from '../../src/reference/profile.js';
import { startHandlerServer, type TestServer } from '../http/support/servers.js';
import { referenceFor, spec } from '../support/harness.js';

const folder = mkdtempSync(join(tmpdir(), 'ledger-record-'));
const CREDENTIALS = { LEDGER_CONFORMANCE_USER: 'demo.till', LEDGER_CONFORMANCE_PASSWORD: 'demo-password' };
const FUZZ_RUNS = '10';

function io(env: Record<string, string | undefined> = CREDENTIALS): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env, color: false, lines, errors };
}

/** Personal values planted in the cluster's data: identifiers, names, a bill number, free text. */
const PLANTED = {
  mobile: '919876500001',
  email: 'Planted.Person@example.org',
  externalId: 'PLANTED-EXT-77',
  cuid: 'cuid-planted-0042',
  firstName: 'Philippa',
  lastName: 'Quennell',
  groupExternalId: 'GRP-PLANTED',
  billNumber: 'BILL-PLANTED-31337',
  note: 'Philippa asked to be called on 919876500001',
  customField: 'Planted free text',
};

/** The reference's dataset (seed 7, 8 customers) with the planted values written into it. */
function plantedDataset(): DatasetFile {
  const source = referenceFor(7, 8);
  const file = JSON.parse(JSON.stringify(datasetToFile(spec, source.dataset, source.identities))) as DatasetFile & {
    customers: Record<string, unknown>[];
    groups: Record<string, unknown>[];
    events: { owner: { key: string }; event: Record<string, unknown> }[];
  };
  Object.assign(file.customers[0]!, {
    mobile: PLANTED.mobile,
    email: PLANTED.email,
    externalId: PLANTED.externalId,
    cuid: PLANTED.cuid,
    firstName: PLANTED.firstName,
    lastName: PLANTED.lastName,
  });
  Object.assign(file.groups[0]!, { externalId: PLANTED.groupExternalId });
  const owned = file.events.filter((e) => e.owner.key === file.customers[0]!['key']);
  const bill = owned.find((e) => typeof e.event['billDetails'] === 'object')!.event['billDetails'] as Record<string, unknown>;
  Object.assign(bill, { billNumber: PLANTED.billNumber });
  // Free text that quotes the mobile, where every answer shows it (eventDetails is never behind a flag).
  const commented = file.events.find(
    (e) => typeof (e.event['eventDetails'] as Record<string, unknown>)['comments'] === 'string',
  )!;
  (commented.event['eventDetails'] as Record<string, unknown>)['comments'] = PLANTED.note;
  const withFields = file.events.find((e) => Array.isArray(e.event['customFields']))!.event['customFields'] as {
    value: string;
  }[];
  withFields[0]!.value = PLANTED.customField;
  for (const e of file.events) {
    const to = e.event['transferredTo'] as Record<string, unknown> | undefined;
    if (to) Object.assign(to, { firstName: PLANTED.firstName, lastName: PLANTED.lastName });
  }
  return file;
}

const escape = (v: string): string => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Where a planted value occurs in `text` as a word of its own, as it is or percent-encoded. */
function occurrences(text: string, value: string): string[] {
  const forms = [value, encodeURIComponent(value), value.replace(/ /g, '+')];
  return forms.flatMap((form) => text.match(new RegExp(`(?<![\\p{L}\\p{N}])${escape(form)}(?![\\p{L}\\p{N}])`, 'giu')) ?? []);
}

let cluster: TestServer;
const out = join(folder, 'recorded');
let recorded: { transcript: string; profile: string; dataset: string };
let recordCode: number;
const recordIo = io({ ...CREDENTIALS, LEDGER_CONFORMANCE_PSEUDONYM_KEY: 'test key' });

beforeAll(async () => {
  const planted = plantedDataset();
  const invalid = (pointer: string, rule: string): Error => new Error(`${pointer}: ${rule}`);
  const reference = createReference(spec, { ...datasetFromFile(planted, spec, invalid) });
  const profileFile = join(folder, 'cluster-profile.json');
  writeFileSync(profileFile, profileFileText({ ...reference.profile, canonicalDataset: undefined } as never));
  cluster = await startHandlerServer(reference.handler);
  recordCode = await main(
    ['record', '--base-url', cluster.url, '--profile', profileFile, '--out', out, '--fuzz-runs', FUZZ_RUNS],
    recordIo,
  );
  if (recordCode !== 0) throw new Error(`record exited ${recordCode}: ${recordIo.errors.join('\n')}`);
  const read = (name: string): string => readFileSync(join(out, name), 'utf8');
  recorded = { transcript: read('golden.ndjson'), profile: read('profile.json'), dataset: read('dataset.json') };
}, 120_000);
afterAll(() => cluster.close());

describe('ledger-conformance record', () => {
  it('writes the transcript, the profile and the dataset, and says what it did', () => {
    expect(recordCode, recordIo.errors.join('\n')).toBe(0);
    expect(recordIo.lines).toEqual(['golden.ndjson', 'profile.json', 'dataset.json'].map((f) => join(out, f)));
    expect(recordIo.errors.join('\n')).toMatch(
      /\d+ request–answer pairs from .*; \d+ personal values pseudonymised; dataset: 8 customers/,
    );
  });

  it('leaves none of the planted personal values in anything it writes', () => {
    const everything = Object.values(recorded).join('\n');
    for (const [field, value] of Object.entries(PLANTED)) expect(occurrences(everything, value), field).toEqual([]);
    // The values were there to be found: the cluster answered with them (the bill number, the note).
    expect(occurrences(readFileSync(join(folder, 'cluster-profile.json'), 'utf8'), PLANTED.mobile)).not.toEqual([]);
  });

  it('keeps the shape of each value, and the same pseudonym everywhere', () => {
    const profile = JSON.parse(recorded.profile) as {
      customers: { lookups: { identifierName: string; identifierValue: string }[] }[];
    };
    const lookup = (name: string): string =>
      profile.customers[0]!.lookups.find((l) => l.identifierName === name)!.identifierValue;
    expect(lookup('mobile')).toMatch(/^91[0-9]{10}$/);
    expect(lookup('email')).toMatch(/^[A-Z][a-z]{6}\.[A-Z][a-z]{5}@[a-z]{7}\.[a-z]{3}$/);
    const dataset = JSON.parse(recorded.dataset) as DatasetFile;
    expect(dataset.customers[0]!.mobile).toBe(lookup('mobile'));
    expect(dataset.recordedFrom?.baseUrl).toBe(cluster.url);
    // Free text is replaced as a whole, letter for letter and digit for digit.
    expect(recorded.transcript).toMatch(/"comments":"[A-Z][a-z]{7} [a-z]{5} [a-z]{2} [a-z]{2} [a-z]{6} [a-z]{2} [0-9]{12}"/);
    expect(recorded.transcript).toContain(`identifierValue=${lookup('mobile')}`);
  });

  it('serves a recording that answers every line of its own transcript as the cluster did', async () => {
    const served = createReference(spec, readDatasetFile(join(out, 'dataset.json'), spec));
    const server = await startHandlerServer(served.handler);
    try {
      const reports = join(folder, 'replay');
      const cli = io();
      const args = ['run', '--base-url', server.url, '--profile', join(out, 'profile.json')];
      const code = await main(
        [
          ...args,
          '--transcript',
          join(out, 'golden.ndjson'),
          '--suite',
          'golden',
          '--seed',
          '1',
          '--report-dir',
          reports,
          '--quiet',
        ],
        cli,
      );
      expect(code, cli.errors.join('\n')).toBe(0);
      const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
      expect(report.requirements.map((r) => [r.id, r.status])).toEqual([['GOLDEN-MATCH', 'pass']]);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('names the field where a mock differs from the recording', async () => {
    const dataset = JSON.parse(recorded.dataset) as {
      events: { event: { pointsEarned?: { regular?: { programName: string }[] } } }[];
    };
    const edited = dataset.events.find((e) => (e.event.pointsEarned?.regular?.length ?? 0) > 0)!;
    edited.event.pointsEarned!.regular![0]!.programName = 'A MOCK GOT THIS WRONG';
    const file = join(folder, 'mock-dataset.json');
    writeFileSync(file, JSON.stringify(dataset));
    const server = await startHandlerServer(createReference(spec, readDatasetFile(file, spec)).handler);
    try {
      const cli = io();
      const reports = join(folder, 'mock');
      const args = [
        'run',
        '--base-url',
        server.url,
        '--profile',
        join(out, 'profile.json'),
        '--transcript',
        join(out, 'golden.ndjson'),
      ];
      expect(await main([...args, '--suite', 'golden', '--seed', '1', '--report-dir', reports, '--quiet'], cli)).toBe(1);
      const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
      const titles = report.requirements.flatMap((r) => r.failures.map((f) => f.title));
      expect(titles.length).toBeGreaterThan(0);
      for (const title of titles)
        expect(title).toMatch(/^Body differs from the transcript's at \/events\/\d+\/pointsEarned\/regular\/0\/programName$/);
    } finally {
      await server.close();
    }
  }, 60_000);
});
