/**
 * `npm run check:content`: checks every content file in one pass and prints every problem as
 * `file:line field: message` with a hint (and as annotations in GitHub Actions). Exits 1 when there
 * is any. `astro build` and `astro dev` run the same check first (src/integration/).
 *
 *   node scripts/check-content.ts [--watch]
 *   --watch checks again whenever a content file changes (the editor task uses it)
 */
import { watch } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkContent } from '../src/lib/check/index.ts';
import { problemReport } from '../src/lib/validate.ts';
import { site } from './lib/site.ts';

const { values } = parseArgs({ options: { watch: { type: 'boolean', default: false } } });

function run(): boolean {
  const started = performance.now();
  const problems = checkContent({ contentRoot: site.contentRoot, projectRoot: site.root, timeZone: site.timeZone });
  if (problems.length > 0) {
    console.error(problemReport(problems));
    return false;
  }
  console.log(`Content check passed (${site.contentDir}, ${Math.round(performance.now() - started)} ms).`);
  return true;
}

if (!values.watch) process.exit(run() ? 0 : 1);

// The begin and end lines let an editor's background problem matcher replace its list each round.
let timer: NodeJS.Timeout | undefined;
const round = () => {
  console.log('Content check started');
  run();
  console.log('Content check finished; watching for changes (Ctrl+C to stop)');
};
round();
watch(site.contentRoot, { recursive: true }, () => {
  clearTimeout(timer);
  timer = setTimeout(round, 150);
});
