import { E2E_CONTENT, E2E_DIST, E2E_PAGE_SIZE, makeContent, runBuild, SITE_CONTENT, SITE_DIST } from './helpers.ts';

/**
 * Two real builds, one after the other (Astro keeps generated files in the project's .astro/, so two
 * builds at once would read each other's content): the default content plus fixtures (a draft, an article scheduled
 * for the future, one using every approved MDX component), which test/site.test.ts and others
 * read; and the site the browser tests serve (test/e2e/), with small list pages.
 */
export default function setup() {
  makeContent(SITE_CONTENT, {
    'articles/draft-fixture.mdx': 'test/fixtures/site/draft-fixture.mdx',
    'articles/scheduled-fixture.mdx': 'test/fixtures/site/scheduled-fixture.mdx',
    'articles/components-fixture': 'test/fixtures/site/components-fixture',
  });
  // Its own content folder, hence its own Astro cache: the two builds never share one.
  makeContent(E2E_CONTENT, { 'articles/components-fixture': 'test/fixtures/site/components-fixture' });
  const site = runBuild(SITE_CONTENT, SITE_DIST);
  if (site.status !== 0) throw new Error(`The test build failed:\n${site.output}`);
  const e2e = runBuild(E2E_CONTENT, E2E_DIST, { PAGE_SIZE: String(E2E_PAGE_SIZE) });
  if (e2e.status !== 0) throw new Error(`The browser tests' build failed:\n${e2e.output}`);
}
