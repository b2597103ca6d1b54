import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { validateData } from '../../src/core/data-file.js';
import { faultContext } from '../../src/faults/fault.js';
import { faults as goldenFaults } from '../../src/faults/catalog/golden.js';
import { resolveCredentials } from '../../src/http/credentials.js';
import { basicAuthHeader, md5Hex } from '../../src/http/redact.js';
import { referenceSecrets } from '../../src/reference/identities.js';
import { builtInProfile } from '../../src/profile/load.js';
import { serveHandler, type RunningServer } from '../../src/reference/server.js';
import type { ConformanceReport } from '../../src/core/report-model.js';
import { transcriptText, type TranscriptLine } from '../../src/transcript/line.js';
import { recordTranscript } from '../../src/transcript/record.js';
import { buildCatalog } from '../../suites/index.js';
import { readTranscript } from '../../src/transcript/read.js';
import { firstDifference } from '../../suites/support.js';
import { transcriptCheck } from '../../suites/golden/transcript.js';
import { catalog, certify, referenceFor, spec } from '../support/harness.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'ledger-transcript-'));
const reference = referenceFor();
const record = (seed: number) =>
  recordTranscript({
    spec,
    source: { reference },
    profile: builtInProfile(reference.profile),
    seed,
    fuzzRuns: 100,
    catalog: buildCatalog(spec),
  });
const keyOf = (line: TranscriptLine): string => `${line.request.identity} ${line.request.query}`;
const fault = goldenFaults.find((f) => f.id === 'golden/program-names-upper-case')!;
const faulty = fault.build(faultContext(spec, reference.dataset, reference.identities, reference.handler));
// A profile without canonicalDataset: the transcript alone decides GOLDEN-MATCH.
const { canonicalDataset: _canonical, ...withoutCanonical } = reference.profile;

function io(env: Record<string, string | undefined> = {}): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: (l) => lines.push(l), err: (l) => errors.push(l), env, color: false, lines, errors };
}

const credentials = resolveCredentials(referenceSecrets(reference.identities)).credentials;

/** The first line whose answer from `handler` differs from the line's, and where: found without the engine. */
function firstDifferingLine(lines: readonly TranscriptLine[], handler: typeof reference.handler): { number: number; at: string } {
  for (const [index, line] of lines.entries()) {
    const headers = { ...credentials[line.request.identity]!.headers };
    const answer = handler({ method: 'GET', path: line.request.path, rawQuery: line.request.query, headers });
    const expected = line.response.body !== undefined ? JSON.stringify(line.response.body) : line.response.bodyText;
    if (answer.body !== expected) return { number: index + 1, at: firstDifference(line.response.body, JSON.parse(answer.body))! };
  }
  throw new Error('no line differs');
}

let lines: TranscriptLine[];
let text: string;
let file: string;
beforeAll(async () => {
  ({ lines } = await record(1));
  text = transcriptText(lines);
  file = join(tempDir(), 'golden.ndjson');
  writeFileSync(file, text);
});

describe('dataset transcript', () => {
  it('is the same bytes every time, one schema-valid line per distinct request, without a secret', async () => {
    expect(transcriptText((await record(1)).lines)).toBe(text);
    expect(text.split('\n').slice(0, -1)).toHaveLength(lines.length);
    expect(new Set(lines.map(keyOf)).size).toBe(lines.length);
    for (const line of lines)
      validateData(line, 'transcript.schema.json', (problems) => new Error(`${line.id} ${JSON.stringify(problems)}`));
    for (const identity of reference.identities) {
      const basic = basicAuthHeader(identity.basicUser, identity.basicPassword).slice('Basic '.length);
      for (const secret of [identity.basicPassword, md5Hex(identity.basicPassword), basic, identity.oauthToken])
        expect(text).not.toContain(secret);
      expect(lines.some((l) => JSON.stringify(l.request.headers).includes(identity.basicUser))).toBe(false);
    }
    expect(lines.find((l) => l.request.identity === 'wrong-basic-password')!.request.headers).toEqual({
      accept: 'application/json',
      authorization: 'Basic {{primary.basic-wrong-password}}',
    });
  });

  it('covers every check that sends requests, the fuzz cases drawn from the seed included', () => {
    const checks = new Set(lines.flatMap((l) => l.checks));
    for (const check of catalog.checks) expect(checks, check.id).toContain(check.id);
    const fuzz = lines.filter((l) => l.checks.every((c) => c.startsWith('fuzz/')));
    expect(fuzz.length).toBeGreaterThanOrEqual(300);
    expect(fuzz.every((l) => l.seedDependent)).toBe(true);
    expect(
      lines
        .filter((l) => l.requirements.includes('AUTH-REQUIRED'))
        .every((l) => l.response.status === 401 && l.response.bodyText !== undefined),
    ).toBe(true);
  });

  it('marks a request independent of the seed only when every seed sends it', async () => {
    const fixed = lines.filter((l) => !l.seedDependent);
    expect(fixed.length).toBeGreaterThan(50);
    for (const seed of [2, 3]) {
      const other = new Set((await record(seed)).lines.map(keyOf));
      expect(fixed.filter((l) => !other.has(keyOf(l))).map((l) => l.id)).toEqual([]);
    }
  });
});

describe('golden/transcript (the replay check)', () => {
  const check = () => transcriptCheck(readTranscript(file, spec));

  it('passes against the reference, sending every line once', async () => {
    const report = await certify({ suites: ['golden'], checks: [...catalog.checks, check()], profile: withoutCanonical });
    const golden = report.requirements.find((r) => r.id === 'GOLDEN-MATCH')!;
    expect(golden.status).toBe('pass');
    expect(golden.checks.find((c) => c.id === 'golden/transcript')).toMatchObject({ status: 'pass', requests: lines.length });
  });

  it('fails against a fault, naming the first differing line and field', async () => {
    const report = await certify({
      suites: ['golden'],
      checks: [...catalog.checks, check()],
      profile: withoutCanonical,
      handler: faulty,
    });
    const golden = report.requirements.find((r) => r.id === 'GOLDEN-MATCH')!;
    const expected = firstDifferingLine(lines, faulty);
    expect(golden.status).toBe('fail');
    expect(golden.failures[0]!.check).toBe('golden/transcript');
    expect(golden.failures[0]!.title).toBe(`Body differs from the transcript's at ${expected.at}`);
    expect(golden.failures[0]!.message).toContain(`(${file} line ${expected.number}, ${lines[expected.number - 1]!.id})`);
    expect(expected.at).toMatch(/programName$/);
  });

  it('reports a differing status', async () => {
    const edited = lines.slice(0, 3).map((l, i) => (i === 1 ? { ...l, response: { ...l.response, status: 404 } } : l));
    const path = join(tempDir(), 'edited.ndjson');
    writeFileSync(path, transcriptText(edited));
    const report = await certify({
      suites: ['golden'],
      checks: [...catalog.checks, transcriptCheck(readTranscript(path, spec))],
      profile: withoutCanonical,
    });
    const golden = report.requirements.find((r) => r.id === 'GOLDEN-MATCH')!;
    expect(golden.failureCount).toBe(1);
    expect(golden.failures[0]!.title).toBe("Status differs from the transcript's");
    expect(golden.failures[0]!.message).toMatch(
      new RegExp(`^Received: ${lines[1]!.response.status}\\nDocumented: 404 \\(.* line 2, `),
    );
  });
});

describe('run --transcript', () => {
  let broken: RunningServer;
  beforeAll(async () => {
    broken = await serveHandler(faulty);
  });
  afterAll(async () => {
    await broken.close();
  });

  it('against a faulty reference: exit 1, and the report names the first differing field; no credential in any report', async () => {
    const reports = tempDir();
    const secrets = {
      LEDGER_CONFORMANCE_USER: 'demo.till',
      LEDGER_CONFORMANCE_PASSWORD: 'demo-password',
      LEDGER_CONFORMANCE_TOKEN: 'demo-oauth-token',
    };
    const profile = join(tempDir(), 'profile.json');
    writeFileSync(profile, JSON.stringify(withoutCanonical));
    const cli = io(secrets);
    expect(
      await main(
        [
          'run',
          '--base-url',
          broken.url,
          '--profile',
          profile,
          '--transcript',
          file,
          '--suite',
          'golden',
          '--quiet',
          '--report-dir',
          reports,
        ],
        cli,
      ),
    ).toBe(1);
    const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
    const golden = report.requirements.find((r) => r.id === 'GOLDEN-MATCH')!;
    const expected = firstDifferingLine(lines, faulty);
    expect(golden.failures[0]!.title).toBe(`Body differs from the transcript's at ${expected.at}`);
    expect(golden.failures[0]!.message).toContain(`line ${expected.number},`);
    expect(golden.failures[0]!.exchange!.request.url).toBe(
      `${broken.url}${spec.endpointPath}?${lines[expected.number - 1]!.request.query}`,
    );
    expect(cli.lines.join('\n')).toMatch(new RegExp(`GOLDEN-MATCH MUST .*Body differs from the transcript's at ${expected.at}`));
    // Lines of identities the run has no credentials for (forbidden, breakup-disabled) are not sent.
    const sendable = lines.filter((l) => !['forbidden', 'breakup-disabled'].includes(l.request.identity)).length;
    expect(golden.checks.find((c) => c.id === 'golden/transcript')!.requests).toBe(sendable);
    for (const name of readdirSync(reports)) {
      const written = readFileSync(join(reports, name), 'utf8');
      for (const secret of [
        secrets.LEDGER_CONFORMANCE_PASSWORD,
        md5Hex(secrets.LEDGER_CONFORMANCE_PASSWORD),
        secrets.LEDGER_CONFORMANCE_TOKEN,
      ])
        expect(written, name).not.toContain(secret);
    }
  });

  it('never leaves lines out silently: with no credentials for some identities, the replay is skipped saying which', async () => {
    const plain = await serveHandler(reference.handler);
    try {
      const reports = tempDir();
      const profile = join(tempDir(), 'profile.json');
      writeFileSync(profile, JSON.stringify(withoutCanonical));
      const cli = io({ LEDGER_CONFORMANCE_USER: 'demo.till', LEDGER_CONFORMANCE_PASSWORD: 'demo-password' });
      const args = ['run', '--base-url', plain.url, '--profile', profile, '--transcript', file, '--suite', 'golden', '--quiet'];
      // GOLDEN-MATCH is all that --suite golden judges: with it skipped, nothing was judged (exit 3).
      expect(await main([...args, '--report-dir', reports], cli)).toBe(3);
      const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as ConformanceReport;
      const golden = report.requirements.find((r) => r.id === 'GOLDEN-MATCH')!;
      expect(golden.status).toBe('skip');
      expect(cli.errors.join('\n')).toMatch(
        /--transcript: \d+ of \d+ lines need credentials this run lacks \(.*forbidden.*\); they are not sent/,
      );
      const replay = golden.checks.find((c) => c.id === 'golden/transcript')!;
      expect(replay.status).toBe('skip');
      const unsent = lines.filter((l) => ['primary-oauth', 'forbidden', 'breakup-disabled'].includes(l.request.identity)).length;
      expect(unsent).toBeGreaterThan(0);
      expect(replay.reason).toContain(
        `${lines.length - unsent} of ${lines.length} lines of ${file} answered as the transcript says`,
      );
      expect(replay.reason).toMatch(/not sent, for want of credentials for .*forbidden.*\(.*LEDGER_CONFORMANCE_FORBIDDEN_\*/);
      expect(replay.environment).toContain('LEDGER_CONFORMANCE_FORBIDDEN_*');
    } finally {
      await plain.close();
    }
  });

  it.each<[string, (line: Record<string, unknown>) => void, RegExp]>([
    [
      'a request to another path',
      (l) => ((l['request'] as { path: string }).path = '/v2/customers/lookup'),
      /golden\.ndjson line 2: \/request\/path: only GET to the endpoint path \/v2\/pointsLedger\/getLedgerExplodeInfo is ever sent, not \/v2\/customers\/lookup/,
    ],
    [
      'another method',
      (l) => ((l['request'] as { method: string }).method = 'DELETE'),
      /golden\.ndjson line 2: \/request\/method: must be equal to constant/,
    ],
    [
      'an unknown identity',
      (l) => ((l['request'] as { identity: string }).identity = 'root'),
      /golden\.ndjson line 2: \/request\/identity: must be equal to one of the allowed values/,
    ],
  ])('refuses a transcript with %s: exit 2 naming the file, the line, the pointer and the rule', async (_, edit, message) => {
    const edited = lines.slice(0, 3).map((l) => structuredClone(l) as unknown as Record<string, unknown>);
    edit(edited[1]!);
    const path = join(tempDir(), 'golden.ndjson');
    writeFileSync(path, edited.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const cli = io();
    expect(await main(['run', '--base-url', broken.url, '--transcript', path, '--quiet', '--report-dir', tempDir()], cli)).toBe(
      2,
    );
    expect(cli.errors.join('\n')).toMatch(message);
  });

  it('refuses a transcript the selected suites would leave out', async () => {
    const cli = io();
    expect(await main(['run', '--base-url', broken.url, '--transcript', file, '--suite', 'schema', '--quiet'], cli)).toBe(2);
    expect(cli.errors.join('\n')).toMatch(/--transcript: the replay is a check of the golden suite: add golden to --suite/);
  });
});
