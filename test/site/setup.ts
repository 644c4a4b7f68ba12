import { makeContent, runBuild, SITE_CONTENT, SITE_DIST, SITE_FIXTURES } from '../helpers.ts';

/** The one build the tests in test/site/ read: content/ plus the fixtures of SITE_FIXTURES. */
export default function setup() {
  makeContent(SITE_CONTENT, SITE_FIXTURES);
  const site = runBuild(SITE_CONTENT, SITE_DIST);
  if (site.status !== 0) throw new Error(`The test build failed:\n${site.output}`);
}
