import { runBuild, makeContent, SITE_CONTENT, SITE_DIST } from './helpers.ts';

/**
 * One real build of the default content plus fixtures (a draft, an article scheduled for the
 * future, one using every approved MDX component); test/site.test.ts reads it.
 */
export default function setup() {
  makeContent(SITE_CONTENT, {
    'articles/draft-fixture.mdx': 'test/fixtures/site/draft-fixture.mdx',
    'articles/scheduled-fixture.mdx': 'test/fixtures/site/scheduled-fixture.mdx',
    'articles/components-fixture': 'test/fixtures/site/components-fixture',
  });
  const { status, output } = runBuild(SITE_CONTENT, SITE_DIST);
  if (status !== 0) throw new Error(`The test build failed:\n${output}`);
}
