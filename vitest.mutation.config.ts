import { defineConfig } from 'vitest/config';

// The tests StrykerJS runs against each mutant (`npm run mutation`): those that exercise the
// modules it mutates (stryker.config.mjs), not the whole suite, so that a mutant costs seconds.
// None of them runs the built command line (dist/), which the mutation sandbox does not build.
// test/dialects/drift.test.ts is left out: its beforeAll runs discover, which makes every mutant
// of src/discover "static" (run against every test, 91 % of the time of a run); drift-check.test.ts
// judges the same decisions on hand-built discoveries.
// The rest as vitest.config.ts (mergeConfig would add this list to its own, not replace it).
export default defineConfig({
  test: {
    include: [
      'test/engine/waivers.test.ts',
      'test/engine/verdict.test.ts',
      'test/engine/judge.test.ts',
      'test/report/coverage.test.ts',
      'test/report/merge.test.ts',
      'test/report/baseline.test.ts',
      'test/http/redact.test.ts',
      'test/preflight/mismatches.test.ts',
      'test/preflight/owners.test.ts',
      'test/preflight/owners-unit.test.ts',
      'test/dialects/faults.test.ts',
      'test/dialects/discover-alternatives.test.ts',
      'test/dialects/discover-findings.test.ts',
      'test/dialects/probe-helpers.test.ts',
      'test/dialects/drift-check.test.ts',
      'test/suites/support.test.ts',
    ],
    setupFiles: ['test/support/has-assertions.ts'],
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
