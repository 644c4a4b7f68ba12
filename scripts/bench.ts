/**
 * `npm run bench -- --articles N`: how the full pipeline scales. Generates N synthetic articles
 * (scripts/lib/corpus.ts) into a temporary content folder, then runs `astro build` on it
 * twice: a cold build with the folder's caches removed, and a warm rebuild after one article
 * changed. Prints per stage the wall time, pages per second and peak memory (the whole process
 * tree), the size of the output, and writes the same figures as JSON.
 *
 *   node scripts/bench.ts [--articles 1000] [--seed 1] [--image-share 0.03] [--json .bench/bench-1000.json]
 *     [--no-warm] [--no-social-images] [--keep]
 *   --image-share 0 gives text-only articles.
 *   --keep leaves the generated content and output in the temporary folder for a look.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cacheDirFor } from '../src/integration/options.ts';
import { listFiles } from '../src/lib/output-dir.ts';
import type { StageTiming } from '../src/integration/stages.ts';
import { ASTRO_BIN } from './lib/astro.ts';
import { CardTime } from './lib/card-time.ts';
import { generateCorpus, writeCorpus } from './lib/corpus.ts';
import { CORPUS_OPTIONS, corpusChoice } from './lib/corpus-options.ts';
import { formatShape, outputShape, type OutputShape } from './lib/output-shape.ts';
import { projectRoot } from './lib/site.ts';
import { timedRun } from './lib/timed-run.ts';

const { values } = parseArgs({
  options: {
    ...CORPUS_OPTIONS,
    json: { type: 'string' },
    'no-warm': { type: 'boolean', default: false },
    'no-social-images': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const choice = corpusChoice(values);
if (typeof choice === 'string') {
  console.error(choice);
  process.exit(2);
}
const count = choice.articles;
const jsonFile = resolve(values.json ?? `.bench/bench-${count}.json`);
const work = join(tmpdir(), `mobility-desk-bench-${count}`);
const contentDir = join(work, 'content');
const outDir = join(work, 'dist');

interface BuildRun {
  label: string;
  wallMs: number;
  /** Peak resident memory of the largest single process (GNU time's maximum resident set). */
  maxProcessRss: number;
  /** CPU time of every process of the build, user and system (GNU time), to compare with the wall time. */
  cpuMs: number;
  pages: number;
  files: number;
  /** V8 heap in use in Astro's process when its stage ends, as the later stages find it. */
  astroHeap: number;
  bytes: number;
  stages: StageTiming[];
  /** Cards drawn on worker threads while Astro renders pages: wall time from first to last. */
  socialImages: { cards: number; ms: number };
  /** Files and bytes of the output by kind (pages, images, search, feeds, other). */
  shape: OutputShape;
}

function machine() {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    model = /^Model name:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8').replace(/^model name\s*:/m, 'Model name:'))?.[1] ?? model;
  } catch {
    // Not Linux: keep what os.cpus() says.
  }
  return {
    cpus: cpus().length,
    model: model.trim(),
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: process.platform,
  };
}

/** Runs the real build command, timed (./lib/timed-run.ts), and reads back the build's own stage timings. */
async function build(label: string): Promise<BuildRun> {
  const timings = join(work, `timings-${label}.json`);
  const cards = new CardTime();
  const run = await timedRun(process.execPath, [ASTRO_BIN, 'build', '--outDir', outDir], {
    cwd: projectRoot,
    env: { CONTENT_DIR: contentDir, BUILD_TIMINGS: timings, ...(values['no-social-images'] ? { SOCIAL_IMAGES: '0' } : {}) },
    logFile: join(work, `build-${label}.log`),
    onLine: (line) => cards.add(line),
  });
  const result = JSON.parse(readFileSync(timings, 'utf8')) as Omit<
    BuildRun,
    'label' | 'wallMs' | 'maxProcessRss' | 'cpuMs' | 'socialImages' | 'shape'
  >;
  const shape = outputShape(listFiles(outDir).map((path) => ({ path, size: statSync(join(outDir, path)).size })));
  return { label, wallMs: run.wallMs, maxProcessRss: run.maxProcessRss, cpuMs: run.cpuMs, ...result, socialImages: cards.summary(), shape };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function table(run: BuildRun): string {
  const rows = run.stages.map((stage) => [stage.name, seconds(stage.ms), (run.pages / (stage.ms / 1000)).toFixed(0), mib(stage.peakRss)]);
  if (run.socialImages.cards > 0) {
    rows.push([
      `  during it: ${run.socialImages.cards} social cards drawn`,
      seconds(run.socialImages.ms),
      `${(run.socialImages.cards / (run.socialImages.ms / 1000)).toFixed(0)} cards/s`,
      '',
    ]);
  }
  const peak = Math.max(...run.stages.map((stage) => stage.peakRss));
  rows.push(['total', seconds(run.wallMs), (run.pages / (run.wallMs / 1000)).toFixed(0), mib(peak)]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['stage', 'wall', 'pages/s', 'peak RSS'], ...rows].map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [
    `${run.label}: ${run.pages} pages, ${run.files} files, dist/ ${mib(run.bytes)}; largest process peaked at ${mib(run.maxProcessRss)}; ` +
      `Astro's heap ${mib(run.astroHeap)} at the end of its stage; ` +
      `${seconds(run.cpuMs)} CPU in ${seconds(run.wallMs)} (${(run.cpuMs / run.wallMs).toFixed(2)} cores busy)`,
    line(['stage', 'wall', 'pages/s', 'peak RSS']),
    ...rows.map(line),
    '',
    formatShape(run.shape, count),
  ].join('\n');
}

mkdirSync(work, { recursive: true });
const generateStarted = performance.now();
const corpus = generateCorpus(choice);
await writeCorpus(contentDir, corpus);
console.log(
  `Generated ${count} articles (${corpus.files.length} files) in ${contentDir} in ${seconds(performance.now() - generateStarted)}.`,
);

// Cold: no output, no content store, no optimised images, no social cards from an earlier run.
// They are moved aside and deleted after the runs, not before: on some filesystems (ext4 without
// a journal) creating files soon after deleting many is much slower, which would burden the cold
// build with a cost a fresh CI checkout never pays.
const aside = join(work, `removed-${Date.now()}`);
mkdirSync(aside, { recursive: true });
for (const [i, dir] of [outDir, cacheDirFor(contentDir, projectRoot)].entries()) {
  if (!existsSync(dir)) continue;
  try {
    renameSync(dir, join(aside, String(i)));
  } catch {
    rmSync(dir, { recursive: true, force: true }); // Another filesystem: cannot be moved, only deleted.
  }
}
const runs: BuildRun[] = [];
const cold = await build('cold');
runs.push(cold);
console.log(`\n${table(cold)}`);

if (!values['no-warm']) {
  // One article changes, as a correction would: a sentence added to its body.
  const changed = corpus.articles[Math.floor(count / 2)]!;
  const file = corpus.files.find((f) => f.path.startsWith(`articles/${changed.slug}`) && f.path.endsWith('.mdx'))!;
  writeFileSync(join(contentDir, file.path), `${file.text}\nThis paragraph was added after publication.\n`);
  const warm = await build('warm');
  runs.push(warm);
  console.log(`\n${table(warm)}`);
}

const result = { ...choice, date: new Date().toISOString(), machine: machine(), runs };
mkdirSync(dirname(jsonFile), { recursive: true });
writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nFigures written to ${jsonFile}. Machine: ${JSON.stringify(result.machine)}`);
rmSync(aside, { recursive: true, force: true });
if (!values.keep) rmSync(work, { recursive: true, force: true });
