/**
 * `npm run bench:starter -- --starter <dir> --articles N`: the benchmark's articles (the same
 * seed, the same texts as `npm run bench`) built by Astro's blog starter, the `blog` example of
 * github.com/withastro/astro, for a side-by-side comparison. The starter runs on this project's
 * installed Astro, MDX, sitemap and sharp (each package linked into its node_modules/), cold and
 * again after the same one-article edit, and the figures are the ones `npm run bench` gives:
 * wall time, CPU time (user + system, all processes) and the peak memory of the process tree and
 * of its largest process.
 *
 *   node scripts/bench-starter.ts --starter <dir> [--articles 1000] [--seed 1] [--image-share 0.03] [--json file] [--no-warm] [--keep]
 *   <dir> is a copy of withastro/astro's examples/blog, or `npm create astro@latest -- --template blog`.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listFiles } from '../src/lib/output-dir.ts';
import { generateCorpus, writeCorpus } from './lib/corpus.ts';
import { CORPUS_OPTIONS, corpusChoice } from './lib/corpus-options.ts';
import { projectRoot } from './lib/site.ts';
import { starterFiles } from './lib/starter-corpus.ts';
import { timedRun, type TimedRun } from './lib/timed-run.ts';

const { values } = parseArgs({
  options: {
    starter: { type: 'string' },
    ...CORPUS_OPTIONS,
    json: { type: 'string' },
    'no-warm': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const choice = corpusChoice(values);
if (
  !values.starter ||
  !existsSync(join(values.starter, 'astro.config.mjs')) ||
  !existsSync(join(values.starter, 'src/content.config.ts'))
) {
  console.error('--starter must name a copy of the Astro blog starter (astro.config.mjs and src/content.config.ts in it).');
  process.exit(1);
}
if (typeof choice === 'string') {
  console.error(choice);
  process.exit(1);
}
const count = choice.articles;
const starter = resolve(values.starter);
const jsonFile = resolve(values.json ?? `.bench/starter-${count}.json`);
const work = join(tmpdir(), `mobility-desk-starter-${count}`);
const site = join(work, 'site');
const blog = join(site, 'src/content/blog');

interface StarterRun extends TimedRun {
  label: string;
  pages: number;
  files: number;
  bytes: number;
}

async function build(label: string): Promise<StarterRun> {
  const run = await timedRun(process.execPath, [join(site, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: site,
    logFile: join(work, `build-${label}.log`),
  });
  const dist = join(site, 'dist');
  const files = listFiles(dist);
  return {
    label,
    ...run,
    pages: files.filter((file) => file.endsWith('.html')).length,
    files: files.length,
    bytes: files.reduce((sum, file) => sum + statSync(join(dist, file)).size, 0),
  };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const report = (run: StarterRun) =>
  `${run.label}: ${seconds(run.wallMs)} wall, ${seconds(run.cpuMs)} CPU (${(run.cpuMs / run.wallMs).toFixed(2)} cores busy), ` +
  `peak ${mib(run.treePeak)} (process tree), ${mib(run.maxProcessRss)} (largest process); ${run.pages} pages, ${run.files} files, ${mib(run.bytes)}`;

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(starter, site, {
  recursive: true,
  filter: (source) => !/[/\\](node_modules|dist|\.astro)$/.test(source) && !source.startsWith(join(starter, 'src/content/blog/')),
});
// Each installed package linked on its own, so the starter's node_modules/.astro (its cache) is its own folder.
mkdirSync(join(site, 'node_modules'));
for (const name of readdirSync(join(projectRoot, 'node_modules'))) {
  if (name.startsWith('.')) continue;
  symlinkSync(join(projectRoot, 'node_modules', name), join(site, 'node_modules', name));
}

const corpus = generateCorpus(choice);
const files = starterFiles(corpus);
await writeCorpus(blog, { ...corpus, files });
console.log(`Wrote ${count} articles (${files.length} files) into ${blog}.`);

const runs = [await build('cold')];
console.log(report(runs[0]!));
if (!values['no-warm']) {
  // The same edit as `npm run bench`: a sentence added to the middle article.
  const changed = corpus.articles[Math.floor(count / 2)]!;
  const file = files.find((f) => f.path.startsWith(changed.slug) && f.path.endsWith('.mdx'))!;
  writeFileSync(join(blog, file.path), `${file.text}\nThis paragraph was added after publication.\n`);
  runs.push(await build('warm'));
  console.log(report(runs[1]!));
}
mkdirSync(dirname(jsonFile), { recursive: true });
writeFileSync(jsonFile, `${JSON.stringify({ ...choice, date: new Date().toISOString(), runs }, null, 2)}\n`);
console.log(`Figures written to ${jsonFile}.`);
if (!values.keep) rmSync(work, { recursive: true, force: true });
