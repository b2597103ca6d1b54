/**
 * examples/vitest as a user runs it (`npx vitest run` in that folder, the package imported by
 * its own name): 67 named tests passing against the embedded reference; against a reference
 * with a planted fault, the failing requirement's test with its evidence. `npm test` builds
 * first, and the example imports the build, as an installed package would.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/core/files.js';
import { buildFaults } from '../../src/faults/index.js';
import { faultContext } from '../../src/faults/fault.js';
import { serveHandler, type RunningServer } from '../../src/reference/server.js';
import { referenceFor, spec } from '../support/harness.js';
import { runVitest } from '../support/vitest-child.js';

const EXAMPLE = join(PACKAGE_ROOT, 'examples', 'vitest');
const SLOW = 300_000;

let broken: RunningServer;
beforeAll(async () => {
  const reference = referenceFor();
  const fault = buildFaults(spec).find((f) => f.id === 'errors/8015-customer-not-found-not-enforced')!;
  broken = await serveHandler(fault.build(faultContext(spec, reference.dataset, reference.identities, reference.handler)));
});
afterAll(() => broken.close());

describe('examples/vitest', () => {
  it(
    'passes 67 tests named by requirement id and title against the embedded reference',
    async () => {
      const run = await runVitest(EXAMPLE, []);
      expect(run.code, run.output).toBe(0);
      expect(run.tests).toHaveLength(spec.requirements.length);
      expect(run.tests).toHaveLength(67);
      expect(run.tests.filter((t) => t.status !== 'passed')).toEqual([]);
      expect(run.tests.map((t) => t.name.split(' > ').slice(2).join(''))).toEqual(
        spec.requirements.map((r) => `${r.id} ${r.title}`),
      );
      expect(run.output).toMatch(
        /✓ conformance\.test\.ts > getLedgerExplodeInfo conformance > errors > ERR-8015 A customer identifier/,
      );
    },
    SLOW,
  );

  it(
    'fails the broken requirement with its evidence against a reference with a planted fault (LEDGER_CONFORMANCE_BASE_URL)',
    async () => {
      const run = await runVitest(EXAMPLE, [], { LEDGER_CONFORMANCE_BASE_URL: broken.url });
      expect(run.code, run.output).toBe(1);
      const failed = run.tests.filter((t) => t.status === 'failed');
      expect(failed.map((t) => t.name.split(' > ')[2]!.split(' ')[0])).toEqual(['ERR-8015', 'GOLDEN-MATCH']);
      const evidence = failed[0]!.failures.join('\n');
      expect(evidence).toContain('not answered with error 8015\n  Received: 200, 0 event(s)\n  Documented: 400, error 8015');
      expect(evidence).toContain(`Request: GET ${broken.url}/v2/pointsLedger/getLedgerExplodeInfo?`);
      expect(evidence).toMatch(/Reproduce with:\n {2}curl -sS -i /);
      expect(run.output).toContain('× conformance.test.ts > getLedgerExplodeInfo conformance > errors > ERR-8015 ');
    },
    SLOW,
  );
});
