/** Shared by the tests: where the test build lives and how to run the real build command. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const TMP = join(ROOT, 'test/.tmp');
/** The site built by global-setup: content/ plus the fixtures in test/fixtures/site/. */
export const SITE_CONTENT = join(TMP, 'site-content');
export const SITE_DIST = join(TMP, 'site-dist');
export const SITE_URL = 'https://news.test.example';
/**
 * The site the browser tests serve: content/ plus the all-components fixture, built with two
 * articles per list page so the archive, author and topic lists have a second page.
 */
export const E2E_CONTENT = join(TMP, 'e2e-content');
export const E2E_DIST = join(TMP, 'e2e-dist');
export const E2E_PAGE_SIZE = 2;
/** Screenshots and Lighthouse reports: kept after the run, never committed. */
export const ARTIFACTS = join(ROOT, 'test-results');

/** A fresh copy of content/ at `dir`, with extra files copied over it. */
export function makeContent(dir: string, extra: Record<string, string> = {}): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  for (const [target, fixture] of Object.entries(extra)) {
    mkdirSync(join(dir, target, '..'), { recursive: true });
    cpSync(join(ROOT, fixture), join(dir, target), { recursive: true });
  }
  return dir;
}

/** Runs `npm run build`'s script on a content folder into `outDir`. */
export function runBuild(contentDir: string, outDir: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['scripts/build.ts', '--out-dir', outDir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: contentDir, SITE_URL, FORCE_COLOR: '0', ...env },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
