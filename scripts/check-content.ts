/**
 * `npm run check:content`: checks every content file in one pass and prints every problem as
 * `file:line field: message` with a hint (and as annotations in GitHub Actions). Exits 1 when there
 * is any. `npm run build` runs the same check first.
 */
import { site } from '../src/site.config.ts';
import { checkContent } from './lib/content-check.ts';
import { problemReport } from './lib/report.ts';

const started = performance.now();
const problems = checkContent({ contentRoot: site.contentRoot, projectRoot: process.cwd(), timeZone: site.timeZone });
if (problems.length > 0) {
  console.error(problemReport(problems));
  process.exit(1);
}
console.log(`Content check passed (${site.contentDir}/, ${Math.round(performance.now() - started)} ms).`);
