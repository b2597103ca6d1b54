import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    // One line per requirement, named by its id and title, passed or not.
    reporters: ['verbose'],
  },
});
