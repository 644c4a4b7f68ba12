import { defineConfig } from 'vitest/config';

/**
 * Each project pays only for the builds it reads:
 * - unit: src/lib and the integration's helpers on plain data, no build;
 * - checks: the content check, link check, generated files and scaffolds on fixture folders, no build;
 * - site: the built site read back from one shared build (test/site/setup.ts);
 * - builds: builds of their own (bad input, rebuilds, previews, sub-paths, scale, the security
 *   corpus), one at a time, since concurrent Astro builds of one project share its .astro/ folder;
 * - e2e: Chromium against the browser tests' build (test/e2e/setup.ts).
 * `npm test` runs them all; `npx vitest run --project unit` or `npx vitest run test/unit` one.
 */
export default defineConfig({
  test: {
    // Room for whole-site builds on a small CI runner: these are limits, not speed goals.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      // Threads start faster than processes, which is most of what a unit test file costs.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], pool: 'threads' } },
      { extends: true, test: { name: 'checks', include: ['test/checks/**/*.test.ts'] } },
      { extends: true, test: { name: 'site', include: ['test/site/**/*.test.ts'], globalSetup: ['test/site/setup.ts'] } },
      {
        extends: true,
        // After the others, one file at a time.
        test: { name: 'builds', include: ['test/builds/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/e2e/setup.ts'] } },
    ],
  },
});
