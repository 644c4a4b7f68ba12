import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the site once (content/ plus test fixtures) for the tests that read dist output.
    globalSetup: ['test/global-setup.ts'],
    // Whole-site builds take seconds on a 2-core runner; these are limits, not speed goals.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
