/** Shared by the tests: where the test builds live and how to run the real build command. */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { astroSync } from '../scripts/lib/astro.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const TMP = join(ROOT, 'test/.tmp');
/** The site the tests in test/site/ read, built once by test/site/setup.ts: content/ plus the fixtures in test/fixtures/site/. */
export const SITE_CONTENT = join(TMP, 'site-content');
export const SITE_DIST = join(TMP, 'site-dist');
export const SITE_URL = 'https://news.test.example';
/**
 * The fixtures test/site/ and the drafts preview add to content/: a draft, a scheduled article,
 * every component, and an article whose latest correction is its latest date.
 */
export const SITE_FIXTURES = {
  'articles/draft-fixture': 'test/fixtures/site/draft-fixture',
  'articles/scheduled-fixture': 'test/fixtures/site/scheduled-fixture',
  'articles/components-fixture': 'test/fixtures/site/components-fixture',
  'articles/corrected-fixture': 'test/fixtures/site/corrected-fixture',
};
/**
 * The site the browser tests serve (test/e2e/setup.ts): content/ plus the all-components fixture,
 * built with two articles on a list's own page so the archive, author and topic lists go on by month and year,
 * and its search index in slices of three pages.
 */
export const E2E_CONTENT = join(TMP, 'e2e-content');
export const E2E_DIST = join(TMP, 'e2e-dist');
export const E2E_PAGE_SIZE = 2;
export const E2E_SEARCH_SLICE_SIZE = 3;
/** Screenshots and Lighthouse reports: kept after the run, never committed. */
export const ARTIFACTS = join(ROOT, 'test-results');

/**
 * When the scheduled fixture goes live: 60 days after the tests run, so always ahead, and within
 * the year the content check allows. Its file says `published: SCHEDULED_AT`, replaced by makeContent.
 */
const today = new Date();
export const SCHEDULED_AT = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 60, 9));

/** A fresh copy of content/ at `dir`, with extra files copied over it. */
export function makeContent(dir: string, extra: Record<string, string> = {}): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  for (const [target, fixture] of Object.entries(extra)) {
    mkdirSync(join(dir, target, '..'), { recursive: true });
    cpSync(join(ROOT, fixture), join(dir, target), { recursive: true });
    const entry = target.endsWith('.mdx') ? join(dir, target) : join(dir, target, 'index.mdx');
    if (existsSync(entry)) {
      const text = readFileSync(entry, 'utf8');
      if (text.includes('published: SCHEDULED_AT')) {
        writeFileSync(
          entry,
          text.replace(/published: SCHEDULED_AT.*/, `published: ${SCHEDULED_AT.toISOString().replace('.000Z', '+00:00')}`),
        );
      }
    }
  }
  return dir;
}

/**
 * The environment for an Astro command started by a test: the test runner's own variables left
 * out (Astro's dev server serves no pages when VITEST is set), the given ones added.
 */
export function commandEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && !VITEST_SETS.has(name)));
  return { ...env, FORCE_COLOR: '0', ...extra };
}

/** Variables Vitest puts into the environment of its workers (import.meta.env's). */
const VITEST_SETS = new Set(['TEST', 'NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL']);

/**
 * A bare `astro build` of a content folder into `outDir`: what `npm run build`, a host's build
 * image and the deploy workflow run. Settings come in as the environment variables the README lists.
 */
export function runBuild(contentDir: string, outDir: string, env: Record<string, string> = {}) {
  const result = astroSync(['build', '--outDir', outDir], {
    cwd: ROOT,
    env: commandEnv({ CONTENT_DIR: contentDir, SITE_URL, ...env }),
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** The page URLs the fragments of a Pagefind bundle hold (each fragment is gzipped JSON after a 12-byte signature). */
export function fragmentUrls(bundle: string): string[] {
  const dir = join(bundle, 'fragment');
  return readdirSync(dir)
    .map(
      (file) =>
        (
          JSON.parse(
            gunzipSync(readFileSync(join(dir, file)))
              .subarray(12)
              .toString(),
          ) as { url: string }
        ).url,
    )
    .sort();
}
