import { E2E_CONTENT, E2E_DIST, E2E_PAGE_SIZE, makeContent, runBuild } from '../helpers.ts';

/** The site the browser tests serve: content/ plus the all-components fixture, two articles per list page. */
export default function setup() {
  makeContent(E2E_CONTENT, { 'articles/components-fixture': 'test/fixtures/site/components-fixture' });
  const e2e = runBuild(E2E_CONTENT, E2E_DIST, { PAGE_SIZE: String(E2E_PAGE_SIZE) });
  if (e2e.status !== 0) throw new Error(`The browser tests' build failed:\n${e2e.output}`);
}
