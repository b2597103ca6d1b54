/**
 * Every test asserts something: a test whose body returns early, or whose assertions sit in a
 * branch that never runs, fails instead of passing (the audit of issue 25 found 117 such).
 */
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
