import { runBuild, makeContent, SITE_CONTENT, SITE_DIST } from './helpers.ts';

/** One real build of the default content plus a draft fixture; test/site.test.ts reads it. */
export default function setup() {
  makeContent(SITE_CONTENT, { 'articles/draft-fixture.mdx': 'test/fixtures/site/draft-fixture.mdx' });
  const { status, output } = runBuild(SITE_CONTENT, SITE_DIST);
  if (status !== 0) throw new Error(`The test build failed:\n${output}`);
}
