import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { datasetSource } from '../../src/cli/serve-dataset.js';
import { validateData } from '../../src/core/data-file.js';
import { FileInvalidError } from '../../src/core/errors.js';
import type { ReferenceHandler } from '../../src/core/handler.js';
import { datasetFileText, datasetToFile, type DatasetFile } from '../../src/reference/dataset-file.js';
import { readDatasetFile } from '../../src/reference/dataset-import.js';
import { createReference, type Reference } from '../../src/reference/index.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import { certify, expectClean, referenceFor, spec } from '../support/harness.js';
import { startChildServer, type ChildServer } from '../support/process.js';
import { call, headersFor, queryOf } from './helpers.js';
import { lookupPairs } from '../../src/profile/lookup-pairs.js';
import type { QueryPair } from '../../src/core/query.js';

const CLI = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'ledger-dataset-'));
const exportText = (reference: Reference): string =>
  datasetFileText(datasetToFile(spec, reference.dataset, reference.identities));

function io(env: Record<string, string | undefined> = {}): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env, color: false, lines, errors };
}

/** Writes `text` to a fresh file and reads it back as the reference would serve it. */
function served(text: string): Reference {
  const file = join(tempDir(), 'dataset.json');
  writeFileSync(file, text);
  const { dataset, identities } = readDatasetFile(file, spec);
  return createReference(spec, { dataset, identities });
}

/** Both references answer every request; the run is judged on the one read from the file. */
function comparing(
  generated: Reference,
  fromFile: Reference,
): { handler: ReferenceHandler; compared: () => number; mismatches: string[] } {
  let compared = 0;
  const mismatches: string[] = [];
  const handler: ReferenceHandler = (request) => {
    const expected = generated.handler(request);
    const actual = fromFile.handler(request);
    compared += 1;
    if (
      expected.status !== actual.status ||
      expected.body !== actual.body ||
      JSON.stringify(expected.headers) !== JSON.stringify(actual.headers)
    ) {
      mismatches.push(
        `${request.rawQuery}: ${expected.status} ${expected.body.slice(0, 80)} / ${actual.status} ${actual.body.slice(0, 80)}`,
      );
    }
    return actual;
  };
  return { handler, compared: () => compared, mismatches };
}

describe('dataset export', () => {
  it('is byte-identical for the same seed and size, and differs for another seed', () => {
    const first = exportText(createReference(spec, { seed: 42, size: 8 }));
    const again = exportText(createReference(spec, { seed: 42, size: 8 }));
    expect(again).toBe(first);
    expect(exportText(createReference(spec, { seed: 43, size: 8 }))).not.toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
  });

  it('validates against schemas/dataset.schema.json and holds everything the issue lists', () => {
    const reference = referenceFor();
    const file = JSON.parse(exportText(reference)) as DatasetFile;
    expect(() => validateData(file, 'dataset.schema.json', (problems) => new Error(JSON.stringify(problems)))).not.toThrow();
    expect(file.datasetVersion).toBe(1);
    expect(file.generatedFrom).toEqual({ seed: reference.dataset.seed, size: reference.dataset.size });
    expect(file.customers).toHaveLength(reference.dataset.size);
    expect(file.customers.flatMap((c) => c.registrations.map((r) => r.source))).toEqual(
      expect.arrayContaining(['INSTORE', 'MARTJACK', 'WECHAT']),
    );
    expect(file.groups.every((g) => g.memberKeys.includes(g.primaryMemberKey))).toBe(true);
    expect(file.events).toHaveLength(reference.dataset.events.size);
    expect(file.identities.map((i) => [i.role, i.orgSettings])).toEqual([
      ['primary', { ENABLE_POINTS_AWARDED_SOURCE_VALUE_CAPTURING: true }],
      ['forbidden', { ENABLE_POINTS_AWARDED_SOURCE_VALUE_CAPTURING: true }],
      ['breakup-disabled', { ENABLE_POINTS_AWARDED_SOURCE_VALUE_CAPTURING: false }],
    ]);
    // Every block a flag or a currency selection can reveal is in the file.
    const text = JSON.stringify(file.events);
    for (const block of [
      'billDetails',
      'lineItems',
      'paymentModes',
      'customFields',
      'extendedFields',
      'pointsEarnedBreakup',
      'alternateCurrencyValueEarned',
      'promised',
      'billDateISO',
    ]) {
      expect(text, block).toContain(`"${block}"`);
    }
  });

  it('writes dataset.json and profile.json from the command line, the same bytes every time', async () => {
    const [a, b] = [tempDir(), tempDir()];
    for (const dir of [a, b])
      expect(await main(['dataset', 'export', '--dataset-seed', '7', '--dataset-size', '6', '--out', dir], io())).toBe(0);
    for (const name of ['dataset.json', 'profile.json'])
      expect(readFileSync(join(b, name), 'utf8')).toBe(readFileSync(join(a, name), 'utf8'));
    expect(readFileSync(join(a, 'dataset.json'), 'utf8')).toBe(exportText(createReference(spec, { seed: 7, size: 6 })));
    const profile = JSON.parse(readFileSync(join(a, 'profile.json'), 'utf8')) as { canonicalDataset: unknown };
    expect(profile.canonicalDataset).toEqual({ seed: 7, size: 6 });
  });
});

describe('a dataset read from its file', () => {
  it.each([
    // About 980 requests since every selection keeps to S6's ten ids (issue 26).
    ['the default dataset, a default certification', undefined, undefined, 100, 900],
    ['another seed and size, 25 fuzz runs', 7, 24, 25, 600],
  ])(
    'answers every request of a whole certification byte for byte as the generated one: %s',
    async (_, seed, size, fuzzRuns, requests) => {
      const generated = seed === undefined ? referenceFor() : createReference(spec, { seed, size: size! });
      const { handler, compared, mismatches } = comparing(generated, served(exportText(generated)));
      const report = await certify({ handler, profile: generated.profile, fuzzRuns, seed: 5 });
      expect(mismatches).toEqual([]);
      expect(compared()).toBeGreaterThan(requests);
      expectClean(report);
    },
  );

  it('can be edited, and the reference serves the edit', () => {
    const generated = referenceFor();
    const file = JSON.parse(exportText(generated)) as { events: { event: Record<string, unknown> }[] };
    const customer = generated.profile.customers[0]!;
    const target = file.events.find((e) => String(e.event['eventLogId']) === customer.events[0]!.eventLogId)!;
    target.event['eventReferenceId'] = 'edited-by-the-vendor';
    const edited = served(JSON.stringify(file));
    const query: QueryPair[] = [...lookupPairs(customer.lookups[0]!), ['eventIds', customer.events[0]!.eventLogId]];
    const answer = call(edited, query);
    expect(answer.status).toBe(200);
    expect((answer.json!['events'] as { eventReferenceId: string }[])[0]!.eventReferenceId).toBe('edited-by-the-vendor');
    // The comparison the round trip relies on sees such a difference.
    const { handler, mismatches } = comparing(generated, edited);
    handler({ method: 'GET', path: spec.endpointPath, rawQuery: queryOf(query), headers: headersFor(generated.identities[0]!) });
    expect(mismatches).toHaveLength(1);
  });

  it.each<[string, (file: Record<string, unknown[]>) => void, string, RegExp]>([
    [
      'an event of an owner the file lacks',
      (f) => ((f['events']![0] as { owner: { key: string } }).owner.key = 'c99'),
      '/events/0/owner/key',
      /no customer has the key c99/,
    ],
    ['two events with one id', (f) => f['events']!.push(f['events']![0]), '/events/211/event/eventLogId', /duplicate eventLogId/],
    [
      'a group whose primary member is missing',
      (f) => ((f['groups']![0] as { primaryMemberKey: string }).primaryMemberKey = 'nobody'),
      '/groups/0/primaryMemberKey',
      /no customer has the key nobody/,
    ],
    [
      'an event name the spec lacks',
      (f) => ((f['events']![0] as { event: { eventName: string } }).event.eventName = 'Teleport'),
      '/events/0/event/eventName',
      /Teleport is not an event name of the spec/,
    ],
    [
      'a property the schema does not define',
      (f) => ((f['customers']![0] as Record<string, unknown>)['nickname'] = 'x'),
      '/customers/0',
      /additional properties \(nickname\) \(schemas\/dataset.schema.json/,
    ],
  ])('refuses %s, naming the file, the JSON pointer and the rule', (_, edit, pointer, rule) => {
    const file = JSON.parse(exportText(referenceFor())) as Record<string, unknown[]>;
    edit(file);
    const path = join(tempDir(), 'dataset.json');
    writeFileSync(path, JSON.stringify(file));
    let error: unknown;
    try {
      readDatasetFile(path, spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FileInvalidError);
    expect((error as FileInvalidError).pointer).toBe(pointer);
    expect((error as FileInvalidError).message).toMatch(rule);
    expect((error as FileInvalidError).message.startsWith(`${path}: `)).toBe(true);
  });
});

describe('serve --dataset', () => {
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('serves the exported file over HTTP, and a golden run finds it equal to the generated reference', async () => {
    const dir = tempDir();
    expect(await main(['dataset', 'export', '--out', dir], io())).toBe(0);
    server = await startChildServer([CLI, 'serve', '--dataset', join(dir, 'dataset.json')]);
    const reports = tempDir();
    const cli = io();
    expect(
      await main(
        ['run', '--base-url', server.url, '--suite', 'golden,schema,auth', '--seed', '3', '--quiet', '--report-dir', reports],
        cli,
      ),
    ).toBe(0);
    const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.requirements.find((r) => r.id === 'GOLDEN-MATCH')!.status).toBe('pass');
    expect(await server.stop()).toBe(0);
  });

  it('keeps --seed and --size as the older names of --dataset-seed and --dataset-size', () => {
    expect(datasetSource({ seed: 7, size: 5 }, spec).config).toEqual({ seed: 7, size: 5 });
    expect(datasetSource({ datasetSeed: 7, datasetSize: 5 }, spec).config).toEqual({ seed: 7, size: 5 });
    expect(datasetSource({ datasetSeed: 7, seed: 7 }, spec).config).toEqual({ seed: 7, size: 16 });
  });

  it('says which name to write instead when an older name is used, and only then', () => {
    expect(datasetSource({ seed: 7, size: 5 }, spec).notices).toEqual([
      'serve --seed is the older name of --dataset-seed (elsewhere --seed is the seed of a run): write --dataset-seed',
      'serve --size is the older name of --dataset-size: write --dataset-size',
    ]);
    expect(datasetSource({ datasetSeed: 7, datasetSize: 5 }, spec).notices).toEqual([]);
  });

  it.each<[string, string[], RegExp]>([
    [
      'a file and a seed',
      ['--dataset', 'x.json', '--dataset-seed', '3'],
      /--dataset: cannot be combined with --dataset-seed or --dataset-size/,
    ],
    [
      'a seed and its older name that disagree',
      ['--dataset-seed', '3', '--seed', '4'],
      /--seed: is the older name of --dataset-seed; give one of them/,
    ],
    [
      'a file that does not exist',
      ['--dataset', '/nonexistent/dataset.json'],
      /--dataset: cannot read \/nonexistent\/dataset.json/,
    ],
  ])('exits 2 for %s, naming the option', async (_, args, message) => {
    const cli = io();
    expect(await main(['serve', ...args], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(message);
  });
});
