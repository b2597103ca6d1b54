/**
 * describeConformance inside vitest itself (test/vitest/fixture, run in a child process as a
 * user runs it): against a reference with a planted fault, each outcome shows as the issue
 * asks (a failure with its evidence, a SHOULD failure that does not fail the file, a skip with
 * what unlocks it, a waiver with its reason); `-t` narrows the one run of the engine; bad input
 * fails the file with the kit's message and no stack trace.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import { buildFaults } from '../../src/faults/index.js';
import { faultContext } from '../../src/faults/fault.js';
import { DEMO_IDENTITIES } from '../../src/reference/identities.js';
import { serveHandler, type RunningServer } from '../../src/reference/server.js';
import { referenceFor, spec } from '../support/harness.js';
import { runVitest } from '../support/vitest-child.js';

const FIXTURE = join(PACKAGE_ROOT, 'test', 'vitest', 'fixture');
/** Unknown customers answered 200 with no events: ERR-8015 (MUST) and ID-SOURCE-ACCOUNT (SHOULD) fail. */
const FAULT = 'errors/8015-customer-not-found-not-enforced';
const primary = DEMO_IDENTITIES.find((identity) => identity.role === 'primary')!;
/** The main identity only: the checks that need a forbidden identity are skipped. */
const PRIMARY_ONLY = { LEDGER_CONFORMANCE_USER: primary.basicUser, LEDGER_CONFORMANCE_PASSWORD: primary.basicPassword };
const SLOW = 240_000;

let broken: RunningServer;
beforeAll(async () => {
  const reference = referenceFor();
  const fault = buildFaults(spec).find((f) => f.id === FAULT)!;
  broken = await serveHandler(fault.build(faultContext(spec, reference.dataset, reference.identities, reference.handler)));
});
afterAll(() => broken.close());

const options = (value: object): Record<string, string> => ({ CONFORMANCE_OPTIONS: JSON.stringify(value) });

describe('describeConformance in a vitest run', () => {
  it(
    'fails the broken requirement with its evidence, and shows a SHOULD failure and a skip as skipped with their notes',
    async () => {
      const junit = join(mkdtempSync(join(tmpdir(), 'vitest-integration-')), 'junit.xml');
      const run = await runVitest(FIXTURE, ['first', '--reporter=junit', `--outputFile.junit=${junit}`], {
        ...PRIMARY_ONLY,
        ...options({ baseUrl: broken.url, suite: ['errors', 'identifiers', 'auth'], seed: 7 }),
      });
      expect(run.code, run.output).toBe(1);
      const status = (id: string) => run.tests.find((t) => t.name.includes(`> ${id} `))?.status;
      const names = run.tests.map((t) => t.name);
      expect(names).toContain(
        'getLedgerExplodeInfo conformance > errors > ERR-8015 A customer identifier that matches no customer in the given source and account is answered with error 8015.',
      );
      expect(new Set(names.map((name) => name.split(' > ')[1]))).toEqual(new Set(['errors', 'identifiers', 'auth']));
      expect(run.tests.filter((t) => t.status === 'failed').map((t) => t.name.split(' > ')[2]!.split(' ')[0])).toEqual([
        'ERR-8015',
      ]);
      const evidence = run.tests.find((t) => t.name.includes('ERR-8015 '))!.failures.join('\n');
      expect(evidence).toMatch(/^RequirementFailed: ERR-8015 \(MUST\) failed: \d+ failures/);
      expect(evidence).toContain('Received: 200, 0 event(s)');
      expect(evidence).toMatch(/Documented: 400, error 8015/);
      expect(evidence).toMatch(/Reproduce with:\n {2}curl .*"\$LEDGER_CONFORMANCE_USER:/);
      expect(evidence).toContain('seed: 7');
      expect(evidence).not.toContain(primary.basicPassword);
      expect(status('ID-SOURCE-ACCOUNT')).toBe('skipped');
      expect(run.output).toMatch(
        /ID-SOURCE-ACCOUNT .*\[failed \(\d+ failures: .*\), but a SHOULD failure does not fail a run gated at MUST; set level: 'SHOULD' to make it fail\]/,
      );
      expect(status('AUTH-FORBIDDEN')).toBe('skipped');
      expect(run.output).toMatch(/AUTH-FORBIDDEN .*\[.*\(unlocked by credentials in LEDGER_CONFORMANCE_FORBIDDEN_\*\)\]/);
      // vitest's JUnit reporter carries the evidence of a failure and the note of a skip (as a property).
      const xml = readFileSync(junit, 'utf8');
      expect(xml).toMatch(/<failure message="ERR-8015 \(MUST\) failed: [^"]*Received: 200, 0 event\(s\)/);
      expect(xml).toMatch(
        /<skipped\/>\s*<properties>\s*<property name="skip" value="[^"]*unlocked by credentials in LEDGER_CONFORMANCE_FORBIDDEN_\*\)">/,
      );
      expect(status('ERR-11013')).toBe('passed');
      expect(status('AUTH-BASIC')).toBe('passed');
    },
    SLOW,
  );

  it(
    'runs the engine once for the tests -t leaves, writes the reports when asked, and shows a waiver as skipped with its reason',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'vitest-integration-'));
      const waivers = join(folder, 'waivers.yaml');
      writeFileSync(
        waivers,
        'waivers:\n  - requirement: ERR-8015\n    reason: CAP-4821 until release 25.1\n    expires: 2099-01-31\n',
      );
      const reportDir = join(folder, 'reports');
      const run = await runVitest(FIXTURE, ['first', '-t', 'ERR-8015|ID-SOURCE-ACCOUNT'], {
        ...PRIMARY_ONLY,
        ...options({ baseUrl: broken.url, waivers, level: 'SHOULD', reportDir, seed: 7 }),
      });
      expect(run.code, run.output).toBe(1);
      expect(run.tests).toHaveLength(67);
      const ran = run.tests.filter((t) => t.status !== 'skipped' || /ERR-8015 |ID-SOURCE-ACCOUNT /.test(t.name));
      expect(ran.map((t) => [t.name.split(' > ')[2]!.split(' ')[0], t.status])).toEqual([
        ['ERR-8015', 'skipped'],
        ['ID-SOURCE-ACCOUNT', 'failed'],
      ]);
      expect(run.output).toMatch(/ERR-8015 .*\[waived until 2099-01-31: CAP-4821 until release 25\.1 \(it failed: .*\)\]/);
      expect(readdirSync(reportDir).sort()).toEqual(['conformance.json', 'ctrf.json', 'junit.xml', 'report.html', 'summary.md']);
      const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as {
        run: { requirementFilter: string[]; seed: number };
        requirements: { id: string; status: string }[];
      };
      expect(report.run).toMatchObject({ requirementFilter: ['ERR-8015', 'ID-SOURCE-ACCOUNT'], seed: 7 });
      expect(report.requirements.map((r) => [r.id, r.status])).toEqual([
        ['ERR-8015', 'waived'],
        ['ID-SOURCE-ACCOUNT', 'fail'],
      ]);
      expect(readFileSync(join(reportDir, 'junit.xml'), 'utf8')).not.toContain(primary.basicPassword);
    },
    SLOW,
  );

  it(
    "fails a file with bad input with the kit's message and no stack trace: a profile it cannot read, credentials the target refuses",
    async () => {
      const run = await runVitest(FIXTURE, [], {
        ...options({ baseUrl: broken.url, profile: 'no-such-profile.yaml' }),
        CONFORMANCE_OPTIONS_SECOND: JSON.stringify({
          baseUrl: broken.url,
          suite: ['errors'],
          env: { LEDGER_CONFORMANCE_USER: 'x', LEDGER_CONFORMANCE_PASSWORD: 'y' },
        }),
      });
      expect(run.code, run.output).toBe(1);
      expect(run.output).toContain(
        "LedgerConformanceError: ledger-conformance: profile (--profile): cannot read no-such-profile.yaml: ENOENT: no such file or directory, open 'no-such-profile.yaml'",
      );
      expect(run.output).toContain(
        'LedgerConformanceError: ledger-conformance: credentials rejected by the target (401, not authenticated): check LEDGER_CONFORMANCE_USER and LEDGER_CONFORMANCE_PASSWORD (Basic)',
      );
      expect(run.output).not.toMatch(/^\s+(at |❯ )/m);
      expect(run.tests.filter((t) => t.status !== 'skipped')).toEqual([]);
    },
    SLOW,
  );
});
