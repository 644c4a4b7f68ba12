/**
 * `newsroom()`: the integration that makes `astro build` the whole pipeline, whoever runs it
 * (`npm run build`, `npx astro build`, a host's build image):
 *
 *   content check, beside Astro's loading of the content → (nothing is written until it passes)
 *     → Astro (pages, images) → _redirects → sitemap
 *     → stale files removed → search index and link check side by side → _headers → unused original images removed → done
 *
 * Any failure throws, so Astro exits non-zero, and the output folder is removed: a half-built or
 * unchecked site never looks deployable. `astro dev` runs the same content check and refuses to
 * render while it finds problems (./dev.ts), and serves search.
 *
 * It adds @astrojs/sitemap itself, so the sitemap's page filter and dates come from the same
 * options, and a second integration that runs after the sitemap is written. The stages after the
 * sitemap run in a child process with a heap of their own (./finish.ts).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { AstroError } from 'astro/errors';
import { setBuildCheck } from '../lib/build-check.ts';
import { endEarlyEncoding, startEarlyEncoding } from '../lib/image-service.ts';
import { beginOutput, completeOutput } from '../lib/output-dir.ts';
import { readRedirects, redirectsFile, type Redirect } from '../lib/redirects.ts';
import { lastmodFor } from '../lib/sitemap.ts';
import { makePaths, type Paths } from '../lib/urls.ts';
import { problemReport, type ContentProblem } from '../lib/validate.ts';
import { runContentCheck } from './check.ts';
import { setupDevServer } from './dev.ts';
import { runFinish, type FinishResult } from './finish.ts';
import { resolveOptions, type NewsroomOptions, type ResolvedSite } from './options.ts';
import type { SearchIndexResult } from './search-index.ts';
import { StageClock } from './stages.ts';
import { configModule } from './virtual.ts';

export type { NewsroomOptions } from './options.ts';

export default function newsroom(options: NewsroomOptions): AstroIntegration {
  const started = performance.now();
  const clock = new StageClock();
  let site: ResolvedSite;
  let paths: Paths;
  // Read once the content check has passed: _redirects and the sitemap both need them.
  let redirects: Redirect[] | undefined;
  const movedAddresses = () => (redirects ??= readRedirects(site.contentRoot));
  let outDir = '';
  let startedAt = 0;
  let finished = false;
  let endAstro: (() => void) | undefined;
  const stopFinish = new AbortController();
  let astroHeap = 0;
  let checking: Promise<ContentProblem[]> | undefined;

  /** Removes the output of a build that did not pass every stage, whatever stopped it. */
  const removeUnfinished = () => {
    if (!finished && outDir) rmSync(outDir, { recursive: true, force: true });
  };

  /** A build stopped by a signal (Ctrl-C, a CI job's timeout) removes its output, then ends as the signal would have ended it. */
  const stopped = (signal: NodeJS.Signals) => {
    stopFinish.abort();
    removeUnfinished();
    for (const name of STOP_SIGNALS) process.removeListener(name, stopped);
    process.kill(process.pid, signal);
  };

  const fail = (error: unknown, logger: AstroIntegrationLogger): never => {
    removeUnfinished();
    logger.error(`${outDir} was removed so that nothing half-built can be deployed.`);
    throw error;
  };

  // Runs after @astrojs/sitemap has written its files: every later stage reads the whole output,
  // in a process of its own (./finish.ts).
  const finish: AstroIntegration = {
    name: 'newsroom:finish',
    hooks: {
      'astro:build:done': async ({ dir, assets, logger }) => {
        endAstro?.();
        // What Astro's process still holds for the rest of the build (its content store, the pages' data).
        astroHeap = process.memoryUsage().heapUsed;
        try {
          const root = fileURLToPath(dir);
          const kept = [...assets.values()].flat().map((url) => fileURLToPath(url).slice(root.length));
          const result = await runFinish({ root, outDir, kept, startedAt, site }, logger, clock, stopFinish.signal);
          completeOutput(root);
          finished = true;
          summarise(result, logger);
        } catch (error) {
          fail(error, logger);
        }
      },
    },
  };

  const summarise = ({ pages, files, bytes, search }: FinishResult, logger: AstroIntegrationLogger) => {
    const totalMs = performance.now() - started;
    logger.info(
      `Built ${pages} pages (${files} files, ${(bytes / 1024).toFixed(0)} KiB, ${search.pages} in the search index${searchSlices(search)}) into ${outDir} ` +
        `for ${site.url}${site.basePath} in ${(totalMs / 1000).toFixed(1)} s.`,
    );
    if (site.drafts) logger.warn(`This is a preview with drafts and scheduled articles: do not deploy ${outDir}.`);
    if (site.timings) {
      writeFileSync(site.timings, `${JSON.stringify({ pages, files, bytes, totalMs, astroHeap, stages: clock.stages }, null, 2)}\n`);
    }
  };

  return {
    name: 'newsroom',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        // Astro writes the value of every environment variable whose name occurs in a server module
        // that reads `import.meta.env` whole into that module (withastro/astro#2861); its own actions
        // runtime, part of every page, contains `_`, which the shell sets to the path of the program
        // it ran. `npm run build` and `npx astro build` would then differ in every page's code, and
        // the incremental build would render every page again. The variable means nothing to a build.
        delete process.env._;
        site = resolveOptions(options, fileURLToPath(config.root), command);
        paths = makePaths(site.basePath);
        const defaultOutDir = new URL('./dist/', config.root).href;
        let moved: Set<string> | undefined;
        updateConfig({
          site: site.url,
          base: site.basePath,
          // One cache (content store, optimised images, social cards, link scans) per content folder.
          cacheDir: pathToFileURL(site.cacheDir),
          // A preview with drafts goes to its own folder, so `dist/` only ever holds what may be deployed.
          ...(site.drafts && config.outDir.href === defaultOutDir ? { outDir: new URL('./dist-preview/', config.root) } : {}),
          vite: {
            plugins: [configModule(site)],
            // The output folder is updated in place, not emptied (src/lib/output-dir.ts).
            build: { emptyOutDir: false },
          },
          integrations: [
            sitemap({
              // The protocol allows 50,000 URLs per file; beyond that the integration writes
              // sitemap-1.xml and so on, all listed in sitemap-index.xml.
              entryLimit: site.sitemapEntryLimit,
              // The 404 page and the pages of moved addresses are not pages to index.
              filter: (page) => {
                moved ??= new Set(movedAddresses().map((redirect) => paths.withBase(redirect.from)));
                const path = new URL(page).pathname;
                return !path.endsWith('/404/') && !moved.has(path);
              },
              serialize: (item) => {
                const lastmod = lastmodFor(item.url, site.url, pathToFileURL(`${outDir}/`), site.basePath);
                return lastmod ? { ...item, lastmod } : item;
              },
            }),
            finish,
          ],
        });
        if (command !== 'build') return;
        // Side by side with Astro's loading of the content, on the other core; awaited before
        // anything is written (astro:build:start).
        checking = clock.run('content check', () => runContentCheck(site));
        setBuildCheck(checking);
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir).replace(/\/$/, '');
        endAstro = clock.start('astro build');
      },
      'astro:server:setup': async ({ server, logger }) => {
        await setupDevServer(server, site, logger);
      },
      'astro:build:start': async ({ logger }) => {
        const problems = await checking?.catch((error: unknown) => fail(error, logger));
        if (problems && problems.length > 0) {
          fail(
            new AstroError(problemReport(problems), 'Fix each problem at its line; `npm run check:content` checks again without building.'),
            logger,
          );
        }
        startedAt = Date.now();
        beginOutput(outDir);
        if (!existsSync(imagesCachedMarker(site.cacheDir))) startEarlyEncoding(outDir, site.basePath);
        process.once('exit', removeUnfinished);
        // A signal ends the process without 'exit'; SIGKILL cannot be caught, and leaves the marker.
        for (const signal of STOP_SIGNALS) process.once(signal, stopped);
      },
      'astro:build:done': ({ dir, logger }) => {
        const early = endEarlyEncoding();
        if (early.started > 0) logger.info(`Encoded ${early.used} of ${early.started} image variants while pages rendered.`);
        // Astro's cache now holds this build's variants: the next build copies most of them.
        writeFileSync(imagesCachedMarker(site.cacheDir), '');
        // Moved addresses as real 301s for the hosts that read `_redirects` (Netlify, Cloudflare
        // Pages); the redirect pages of src/pages/[...moved].astro serve every other host.
        writeFileSync(new URL('_redirects', dir), redirectsFile(movedAddresses(), paths.withBase));
      },
    },
  };
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Written once a build has optimised its images, which Astro keeps in the same cache folder. */
const imagesCachedMarker = (cacheDir: string) => join(cacheDir, 'images-cached');

/** `, in 5 slices, 4 of them kept from the last build`; nothing for one slice indexed again. */
function searchSlices({ slices, kept }: SearchIndexResult): string {
  if (slices === 1) return kept === 1 ? ', kept from the last build' : '';
  return `, in ${slices} slices${kept > 0 ? `, ${kept} of them kept from the last build` : ''}`;
}
