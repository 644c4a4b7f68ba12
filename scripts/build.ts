/**
 * `npm run build`: the content check, the Astro build, the search index and the `_headers` file,
 * then the link check. The output folder is updated in place, so unchanged files are not written
 * again (src/lib/output-dir.ts). Whatever fails, the output folder is removed, so a half-built or
 * broken site can never be mistaken for a deployable one.
 *
 *   node scripts/build.ts [--external] [--drafts] [--no-social-images] [--out-dir dist] [--timings file.json]
 *   --external also checks links to other sites; --drafts builds a preview with drafts and
 *   scheduled articles into dist-preview/; --no-social-images skips drawing Open Graph cards
 *   (quicker); --out-dir builds somewhere else (tests do); --timings writes the wall time and peak
 *   memory of each stage as JSON (the benchmark reads it)
 */
import { fork, spawn } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { site } from '../src/site.config.ts';
import type { ContentProblem } from '../src/lib/validate.ts';
import { listFiles } from './lib/dist-files.ts';
import type { ContentCheckOptions } from './lib/content-check.ts';
import { checkLinks, formatReport, scanCacheFor } from './lib/link-check.ts';
import { problemReport } from './lib/report.ts';
import { writeHeadersFile } from './lib/headers-file.ts';
import { buildSearchIndex } from './lib/search-index.ts';
import { CardTime, StageClock } from './lib/stages.ts';

const { values } = parseArgs({
  options: {
    external: { type: 'boolean', default: false },
    drafts: { type: 'boolean', default: false },
    'no-social-images': { type: 'boolean', default: false },
    'out-dir': { type: 'string' },
    timings: { type: 'string' },
  },
});
// A preview with drafts goes to its own folder, so `dist/` only ever holds what may be deployed.
const outDir = values['out-dir'] ?? (values.drafts ? 'dist-preview' : 'dist');
if (values.drafts) process.env.SHOW_DRAFTS = '1';
if (values['no-social-images']) process.env.SOCIAL_IMAGES = '0';
const started = performance.now();
const clock = new StageClock();
const cardTime = new CardTime();

function fail(message: string): never {
  rmSync(outDir, { recursive: true, force: true });
  console.error(`\n${message}\n${outDir}/ was removed so that nothing half-built can be deployed.`);
  process.exit(1);
}

const problems = await clock.run(
  'content check',
  () =>
    new Promise<ContentProblem[]>((resolve, reject) => {
      const options: ContentCheckOptions = { contentRoot: site.contentRoot, projectRoot: process.cwd(), timeZone: site.timeZone };
      const child = fork(new URL('./lib/content-check-child.ts', import.meta.url), { serialization: 'advanced' });
      child.once('message', (problems) => resolve(problems as ContentProblem[]));
      child.once('error', reject);
      // 'close' comes after every message, so a check that reported has resolved by then.
      child.once('close', (code) => reject(new Error(`the content check stopped (exit ${code}) before it reported`)));
      child.send(options);
    }),
);
if (problems.length > 0) fail(problemReport(problems));

const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
// Asynchronous, so the stage clock can sample the child's memory while it runs.
const status = await clock.run(
  'astro build',
  () =>
    new Promise<number | string | null>((resolve) => {
      const child = spawn(process.execPath, [astro, 'build', '--outDir', outDir], { stdio: ['inherit', 'pipe', 'inherit'] });
      let pending = '';
      child.stdout.on('data', (chunk: Buffer) => {
        process.stdout.write(chunk);
        const lines = (pending + chunk.toString('utf8')).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) cardTime.add(line);
      });
      child.on('close', (code, signal) => resolve(code ?? signal));
    }),
);
if (status !== 0) fail(`Build failed (astro build exited with ${status}).`);
let search: { pages: number };
try {
  search = await clock.run('search index', () => buildSearchIndex(outDir));
  // After the pages are final: the header's CSP is computed from their <meta> policies.
  await writeHeadersFile(outDir, site.basePath);
} catch (error) {
  fail(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
}
const buildSeconds = (performance.now() - started) / 1000;

const report = await clock.run('link check', () =>
  checkLinks({
    dir: outDir,
    siteUrl: site.url,
    basePath: site.basePath,
    external: values.external,
    scanCache: scanCacheFor(site.cacheDir, outDir),
  }),
);
const failed = report.broken.length > 0 || report.problems.length > 0;
(failed ? console.error : console.log)(`\n${formatReport(report, outDir)}`);
if (failed) fail('Build failed: the link check found problems.');

const files = listFiles(outDir);
const bytes = files.reduce((sum, file) => sum + statSync(join(outDir, file)).size, 0);
const total = (performance.now() - started) / 1000;
console.log(
  `\nBuilt ${report.pages} pages (${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${search.pages} in the search index)` +
    ` into ${outDir}/ for ${site.url}${site.basePath} in ${total.toFixed(1)} s` +
    ` (astro build and search index ${buildSeconds.toFixed(1)} s, link check ${(total - buildSeconds).toFixed(1)} s).`,
);
if (values.timings) {
  writeFileSync(
    values.timings,
    `${JSON.stringify({ pages: report.pages, files: files.length, bytes, totalMs: total * 1000, stages: clock.stages, socialImages: cardTime.summary() }, null, 2)}\n`,
  );
}
if (values.drafts) {
  console.log(`This is a preview with drafts and scheduled articles: serve it with npm run preview:drafts; do not deploy ${outDir}/.`);
}
// linkinator can keep handles open after a crawl: exit explicitly.
process.exit(0);
