// @ts-check
/**
 * Mutation testing of the code that decides verdicts (`npm run mutation`): StrykerJS plants
 * small changes (a condition negated, a branch emptied, a constant changed) in these modules
 * and runs the tests of vitest.mutation.config.ts against each; a mutant no test kills is a
 * change of behaviour the suite would not notice. Incremental: only mutants of changed code or
 * changed tests run again (reports/mutation/stryker-incremental.json). See docs/testing-the-kit.md.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'src/engine/verdict.ts',
    'src/engine/judge.ts',
    'src/engine/waivers.ts',
    'src/report/merge.ts',
    'src/report/baseline.ts',
    'src/http/redact.ts',
    'src/preflight/owners.ts',
    'src/discover/discover.ts',
    'src/discover/probe.ts',
    'src/discover/drift.ts',
    'suites/support.ts',
  ],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  // Two cores: more test runners only fight over them.
  concurrency: 2,
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 },
  ignorePatterns: ['dist', 'reports', 'test-output', '.stryker-tmp'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
