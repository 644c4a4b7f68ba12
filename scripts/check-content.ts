/**
 * `npm run check:content`: checks every content file before Astro sees it and prints every
 * problem as `file:line field: message`. Exits 1 when there is any. `npm run build` runs it first.
 */
import { site } from '../src/site.config.ts';
import { formatProblems } from '../src/lib/validate.ts';
import { checkContent } from './lib/content-check.ts';

const problems = checkContent({ contentRoot: site.contentRoot, projectRoot: process.cwd(), timeZone: site.timeZone });
if (problems.length > 0) {
  console.error(`Content check failed with ${problems.length} problem(s):\n${formatProblems(problems)}`);
  process.exit(1);
}
console.log(`Content check passed (${site.contentDir}/).`);
