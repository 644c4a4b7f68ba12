/**
 * `npm run bench:deploy -- --articles N`: what the deploy workflow does, on fresh clones. A clone of
 * this repository's HEAD gets `npm ci`, N generated articles in its `content/` (the benchmark's
 * corpus, scripts/lib/corpus.ts) and `npm run build`, cold. Its build cache and `dist/` are archived
 * as actions/cache would (`tar --posix`), the clone is deleted, and the archive is restored into a
 * second fresh clone at the same path after its own `npm ci`. One article is edited there, as a
 * correction would be, before `npm run build` runs again. That second build must be warm: the
 * figures and the build's own lines say how warm.
 *
 *   node scripts/bench-deploy.ts [--articles 1000] [--seed 1] [--image-share 0.03] [--json file] [--keep]
 *   --articles 0 keeps the repository's own content/ and edits one of its articles.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listFiles } from '../src/lib/output-dir.ts';
import { generateCorpus, writeCorpus } from './lib/corpus.ts';
import { CORPUS_OPTIONS, corpusChoice } from './lib/corpus-options.ts';
import { projectRoot } from './lib/site.ts';
import { timedRun, type TimedRun } from './lib/timed-run.ts';

const { values } = parseArgs({
  options: {
    ...CORPUS_OPTIONS,
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const choice = corpusChoice(values, { allowNone: true });
if (typeof choice === 'string') {
  console.error(choice);
  process.exit(2);
}
const count = choice.articles;
const jsonFile = resolve(values.json ?? `.bench/deploy-${count}.json`);
const work = join(tmpdir(), `mobility-desk-deploy-${count}`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface DeployRun extends TimedRun {
  label: string;
  files: number;
  bytes: number;
  /** Routes Astro rendered, and those it kept from the last build (listed as "(cached)"). */
  rendered: number;
  cached: number;
  /** The build's lines that say what it reused: the link check's scans, the search slices, the files' times. */
  reuse: string[];
}

// eslint-disable-next-line no-control-regex -- the escape sequences of terminal colours
const ANSI = /\x1b\[[0-9;]*m/g;
const ROUTE = /^[├└]─ \/\S+/;
const REUSE = /read again|kept from the last build|Kept the modification time|^.*Built \d+ pages/;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * A fresh clone of HEAD with its dependencies installed, and the articles in its content/. Always at
 * the same path, as a CI runner checks out to the same folder each time (Astro's cache records it).
 */
async function freshClone(name: string): Promise<string> {
  const dir = join(work, 'checkout');
  rmSync(dir, { recursive: true, force: true });
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', projectRoot, dir]);
  const started = performance.now();
  execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  console.log(`${name}: cloned, npm ci in ${seconds(performance.now() - started)}.`);
  if (corpus) {
    rmSync(join(dir, 'content'), { recursive: true, force: true });
    await writeCorpus(join(dir, 'content'), corpus);
  }
  return dir;
}

async function build(dir: string, label: string): Promise<DeployRun> {
  const reuse: string[] = [];
  let rendered = 0;
  let cached = 0;
  const run = await timedRun(npm, ['run', 'build'], {
    cwd: dir,
    logFile: join(work, `build-${label}.log`),
    onLine: (coloured) => {
      const line = coloured.replace(ANSI, '');
      // Astro lists each route as it goes, "(cached)" when kept; a line may hold two.
      const routes = line.split(/(?=[├└]─ \/)/).filter((part) => ROUTE.test(part));
      for (const route of routes) {
        if (route.includes('(cached)')) cached++;
        else rendered++;
      }
      if (routes.length === 0 && REUSE.test(line)) reuse.push(line.replace(/^\S+ \[[^\]]+\] /, '').trim());
    },
  });
  const dist = join(dir, 'dist');
  const files = listFiles(dist);
  const bytes = files.reduce((sum, file) => sum + statSync(join(dist, file)).size, 0);
  return { label, ...run, files: files.length, bytes, rendered, cached, reuse };
}

const report = (run: DeployRun) =>
  [
    `${run.label}: ${seconds(run.wallMs)} wall, ${seconds(run.cpuMs)} CPU, peak ${mib(run.treePeak)} (process tree), ` +
      `${mib(run.maxProcessRss)} (largest process); ${run.files} files, ${mib(run.bytes)}; Astro rendered ${run.rendered} routes and kept ${run.cached}`,
    ...run.reuse.map((line) => `  ${line}`),
  ].join('\n');

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const corpus = count > 0 ? generateCorpus(choice) : undefined;

const first = await freshClone('first');
const cold = await build(first, 'cold');
console.log(report(cold));

// What actions/cache saves: the build cache of content/ and the output folder, paths relative to the checkout.
const cacheDir = relative(first, execFileSync(process.execPath, ['scripts/cache-dir.ts'], { cwd: first, encoding: 'utf8' }).trim());
const archive = join(work, 'cache.tar');
execFileSync('tar', ['--posix', '-cf', archive, '-C', first, cacheDir, 'dist']);
console.log(`Cache archived: ${cacheDir} and dist/, ${mib(statSync(archive).size)}.`);

const second = await freshClone('second');
execFileSync('tar', ['-xf', archive, '-C', second]);
// One article corrected: a sentence added to the middle one (the newest of content/ without --articles).
const edited =
  corpus === undefined
    ? (listFiles(join(second, 'content/articles'))
        .filter((file) => file.endsWith('.mdx'))
        .sort()[0] ?? '')
    : corpus.files
        .find((file) => file.path.startsWith(`articles/${corpus.articles[Math.floor(count / 2)]!.slug}`) && file.path.endsWith('.mdx'))!
        .path.slice('articles/'.length);
const editedPath = join(second, 'content/articles', edited);
writeFileSync(editedPath, `${readFileSync(editedPath, 'utf8')}\nThis paragraph was added after publication.\n`);
const warm = await build(second, 'warm');
console.log(report(warm));

const result = { ...choice, date: new Date().toISOString(), edited, runs: [cold, warm] };
mkdirSync(dirname(jsonFile), { recursive: true });
writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
console.log(`Figures written to ${jsonFile}.`);
if (!values.keep) rmSync(work, { recursive: true, force: true });
