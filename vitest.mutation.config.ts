import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The tests StrykerJS runs against each mutant (`npm run mutation`): those that exercise the
// modules it mutates (stryker.config.mjs), not the whole suite. Each mutant then costs seconds.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: [
        'test/engine/engine.test.ts',
        'test/report/coverage.test.ts',
        'test/report/merge.test.ts',
        'test/report/baseline.test.ts',
        'test/http/redact.test.ts',
        'test/preflight/mismatches.test.ts',
        'test/dialects/faults.test.ts',
      ],
    },
  }),
);
