import { E2E_CONTENT, E2E_DIST, E2E_PAGE_SIZE, E2E_SEARCH_SLICE_SIZE, makeContent, runBuild } from '../helpers.ts';

/**
 * The site the browser tests serve: content/ plus the all-components fixture, two articles per list
 * page, and the search index in slices of three pages, so search merges them as on a large archive.
 */
export default function setup() {
  makeContent(E2E_CONTENT, { 'articles/components-fixture': 'test/fixtures/site/components-fixture' });
  const e2e = runBuild(E2E_CONTENT, E2E_DIST, { PAGE_SIZE: String(E2E_PAGE_SIZE), SEARCH_SLICE_SIZE: String(E2E_SEARCH_SLICE_SIZE) });
  if (e2e.status !== 0) throw new Error(`The browser tests' build failed:\n${e2e.output}`);
}
