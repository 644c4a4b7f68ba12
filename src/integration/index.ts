/**
 * `newsroom()`: the integration that makes `astro build` the whole pipeline, whoever runs it
 * (`npm run build`, `npx astro build`, a host's build image):
 *
 *   content check → Astro (content layer, pages, images) → _redirects → sitemap
 *     → stale files removed → search index → _headers → link check → unused original images removed → done
 *
 * Any failure throws, so Astro exits non-zero, and the output folder is removed: a half-built or
 * unchecked site never looks deployable. `astro dev` runs the same content check and refuses to
 * render while it finds problems (./dev.ts), and serves search.
 *
 * It adds @astrojs/sitemap itself, so the sitemap's page filter and dates come from the same
 * options, and a second integration that runs after the sitemap is written.
 */
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { AstroError } from 'astro/errors';
import { beginOutput, completeOutput, IN_PROGRESS, listFiles, removeStaleFiles, type SizedFile } from '../lib/output-dir.ts';
import { keepOutputTimes, timeRecordFor } from '../lib/output-times.ts';
import { readRedirects, redirectsFile, type Redirect } from '../lib/redirects.ts';
import { lastmodFor } from '../lib/sitemap.ts';
import { makePaths, type Paths } from '../lib/urls.ts';
import { problemReport } from '../lib/validate.ts';
import { runContentCheck } from './check.ts';
import { setupDevServer } from './dev.ts';
import { writeHeadersFile } from './headers-file.ts';
import { checkLinks, formatReport, scanCacheFor } from './link-check.ts';
import { resolveOptions, type NewsroomOptions, type ResolvedSite } from './options.ts';
import { buildSearchIndex, type SearchIndexResult } from './search-index.ts';
import { removeUnusedImages } from './unused-images.ts';
import { HOST_LIMITS, hostLimitProblems, hostLimitUse, type DeployTarget } from './host-limits.ts';
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

  /** Removes the output of a build that did not pass every stage, whatever stopped it. */
  const removeUnfinished = () => {
    if (!finished && outDir) rmSync(outDir, { recursive: true, force: true });
  };

  /** A build stopped by a signal (Ctrl-C, a CI job's timeout) removes its output, then ends as the signal would have ended it. */
  const stopped = (signal: NodeJS.Signals) => {
    removeUnfinished();
    for (const name of STOP_SIGNALS) process.removeListener(name, stopped);
    process.kill(process.pid, signal);
  };

  const fail = (error: unknown, logger: AstroIntegrationLogger): never => {
    removeUnfinished();
    logger.error(`${outDir} was removed so that nothing half-built can be deployed.`);
    throw error;
  };

  // Runs after @astrojs/sitemap has written its files: every later stage reads the whole output.
  const finish: AstroIntegration = {
    name: 'newsroom:finish',
    hooks: {
      'astro:build:done': async ({ dir, assets, logger }) => {
        endAstro?.();
        try {
          const root = fileURLToPath(dir);
          const kept = new Set([...assets.values()].flat().map((url) => fileURLToPath(url).slice(root.length)));
          const removed = removeStaleFiles(root, kept, startedAt);
          if (removed > 0) logger.info(`Removed ${removed} file(s) left from an earlier build.`);
          const search = await clock.run('search index', () =>
            buildSearchIndex(root, join(site.cacheDir, 'pagefind'), site.searchSliceSize),
          );
          // After the pages are final: the header's CSP is computed from their <meta> policies.
          writeHeadersFile(root, site.basePath);
          const report = await clock.run('link check', () =>
            checkLinks({
              dir: root,
              siteUrl: site.url,
              basePath: site.basePath,
              external: site.externalLinks,
              projectRoot: site.root,
              scanCache: scanCacheFor(site.cacheDir, root),
            }),
          );
          const failed = report.broken.length > 0 || report.problems.length > 0;
          const text = formatReport(report, outDir);
          if (failed) throw new AstroError(text, 'Fix the links at the lines given, or the content they point to.');
          logger.info(text);
          // After the link check, which has found every file a page, feed or sitemap links to.
          const files = listFiles(root).filter((path) => path !== IN_PROGRESS);
          const unused = new Set(removeUnusedImages(root, files, report.linked));
          if (unused.size > 0) logger.info(`Removed ${unused.size} original image(s) no page uses (full size, with their metadata).`);
          const output = files
            .filter((path) => !unused.has(path))
            .map((path) => {
              const { size, mtimeMs } = statSync(join(root, path));
              return { path, size, mtime: Math.floor(mtimeMs / 1000) };
            });
          const restored = keepOutputTimes(root, output, timeRecordFor(site.cacheDir, root));
          if (restored > 0) logger.info(`Kept the modification time of ${restored} file(s) written again with the same bytes.`);
          if (site.deployTarget) checkHostLimits(site.deployTarget, output, logger);
          completeOutput(root);
          finished = true;
          summarise(output, report.pages, search, logger);
        } catch (error) {
          fail(error, logger);
        }
      },
    },
  };

  const summarise = (files: readonly SizedFile[], pages: number, search: SearchIndexResult, logger: AstroIntegrationLogger) => {
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    const totalMs = performance.now() - started;
    logger.info(
      `Built ${pages} pages (${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${search.pages} in the search index${searchSlices(search)}) into ${outDir} ` +
        `for ${site.url}${site.basePath} in ${(totalMs / 1000).toFixed(1)} s.`,
    );
    if (site.drafts) logger.warn(`This is a preview with drafts and scheduled articles: do not deploy ${outDir}.`);
    if (site.timings) {
      writeFileSync(site.timings, `${JSON.stringify({ pages, files: files.length, bytes, totalMs, stages: clock.stages }, null, 2)}\n`);
    }
  };

  return {
    name: 'newsroom',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig, logger }) => {
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
              serialize: async (item) => {
                const lastmod = await lastmodFor(item.url, site.url, pathToFileURL(`${outDir}/`), site.basePath);
                return lastmod ? { ...item, lastmod } : item;
              },
            }),
            finish,
          ],
        });
        if (command !== 'build') return;
        const problems = await clock.run('content check', () => runContentCheck(site));
        if (problems.length > 0) {
          outDir = fileURLToPath(config.outDir);
          fail(
            new AstroError(problemReport(problems), 'Fix each problem at its line; `npm run check:content` checks again without building.'),
            logger,
          );
        }
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir).replace(/\/$/, '');
        endAstro = clock.start('astro build');
      },
      'astro:server:setup': async ({ server, logger }) => {
        await setupDevServer(server, site, logger);
      },
      'astro:build:start': () => {
        startedAt = Date.now();
        beginOutput(outDir);
        process.once('exit', removeUnfinished);
        // A signal ends the process without 'exit'; SIGKILL cannot be caught, and leaves the marker.
        for (const signal of STOP_SIGNALS) process.once(signal, stopped);
      },
      'astro:build:done': ({ dir }) => {
        // Moved addresses as real 301s for the hosts that read `_redirects` (Netlify, Cloudflare
        // Pages); the redirect pages of src/pages/[...moved].astro serve every other host.
        writeFileSync(new URL('_redirects', dir), redirectsFile(movedAddresses(), paths.withBase));
      },
    },
  };
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Fails the build when the output is too big for the host it is for; otherwise says how much of its limits it uses. */
function checkHostLimits(target: DeployTarget, output: readonly SizedFile[], logger: AstroIntegrationLogger): void {
  const problems = hostLimitProblems(target, output);
  if (problems.length === 0) {
    logger.info(hostLimitUse(target, output));
    return;
  }
  throw new AstroError(
    `The output is too big for ${HOST_LIMITS[target].name} (deployTarget "${target}"):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    "Deploy to a host with higher limits (see the README's table of hosts), or make the output smaller: fewer list pages (pageSize), fewer social cards (socialCardCount), smaller images.",
  );
}

/** `, in 5 slices, 4 of them kept from the last build`; nothing for one slice indexed again. */
function searchSlices({ slices, kept }: SearchIndexResult): string {
  if (slices === 1) return kept === 1 ? ', kept from the last build' : '';
  return `, in ${slices} slices${kept > 0 ? `, ${kept} of them kept from the last build` : ''}`;
}
