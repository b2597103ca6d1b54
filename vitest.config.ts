import { defineConfig } from 'vitest/config';

// Our own tests live in test/ (they are mostly integration tests across the spec, the
// reference, the engine and the reports, so they do not sit beside one module).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Unpacks the npm-shipped Chromium once, before the workers, when no system one is there.
    globalSetup: ['test/browser/unpack-chromium.ts'],
    // A test that asserts nothing fails (expect.hasAssertions before each).
    setupFiles: ['test/support/has-assertions.ts'],
    // The two-core CI machine: more workers only fight over the CPU.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
