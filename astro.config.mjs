// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { readRedirects, redirectsFile } from './src/lib/redirects.ts';
import { CSP_DIRECTIVES } from './src/lib/security-headers.ts';
import { beginOutput, finishOutput } from './src/lib/output-dir.ts';
import { lastmodFor } from './src/lib/sitemap.ts';
import { paths, site } from './src/site.config.ts';

/** Set once Astro has resolved the config, so the sitemap reads pages from the real outDir. */
let outDir = new URL('./dist/', import.meta.url);
/** When Astro started writing: files older than this that the build did not keep are stale. */
let startedAt = 0;
const redirects = readRedirects(site.contentRoot);
const movedPaths = new Set(redirects.map((redirect) => paths.withBase(redirect.from)));

export default defineConfig({
  site: site.url,
  base: site.basePath,
  // Every page is a directory with index.html; links always end in a slash, so static hosts
  // serve them without a redirect.
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // Styles inline in each page (hashed by the CSP below): the page and its CSS arrive in the first
    // round trip, with no render-blocking request (test/e2e/budgets.test.ts holds it under 14 KB gzip).
    inlineStylesheets: 'always',
    // Two pages in flight: while one waits for sharp (social cards, images) on a worker thread,
    // the other renders, which keeps both cores of a small CI runner busy.
    concurrency: 2,
  },
  // One cache (content store, optimised images, social cards) per content folder: see site.config.ts.
  cacheDir: site.cacheDir,
  integrations: [
    mdx(),
    {
      // Drafts and scheduled articles: always on the dev server, in builds only for a preview
      // (--drafts). Decided here because only this hook knows the command; import.meta.env.DEV
      // is not reliable for it (a DEV variable in the environment, as Vitest sets, leaks into it).
      name: 'newsroom:unpublished',
      hooks: {
        'astro:config:setup': ({ command, updateConfig }) => {
          const show = command === 'dev' || site.preview;
          updateConfig({ vite: { define: { 'import.meta.env.SHOW_UNPUBLISHED': JSON.stringify(show) } } });
        },
      },
    },
    {
      name: 'newsroom:out-dir',
      hooks: {
        'astro:config:done': ({ config }) => {
          outDir = config.outDir;
        },
      },
    },
    {
      // Moved addresses as real 301s for the hosts that read `_redirects` (Netlify, Cloudflare
      // Pages); the redirect pages in src/pages/[...moved].astro serve every other host.
      name: 'newsroom:redirects',
      hooks: {
        'astro:build:done': ({ dir }) => {
          writeFileSync(new URL('_redirects', dir), redirectsFile(redirects, paths.withBase));
        },
      },
    },
    sitemap({
      // The sitemap protocol allows 50,000 URLs per file; beyond that the integration writes
      // sitemap-1.xml and so on, all listed in sitemap-index.xml (the tests lower the limit).
      entryLimit: site.sitemapEntryLimit,
      // The 404 page and the pages of moved addresses are not pages to index.
      filter: (page) => {
        const path = new URL(page).pathname;
        return !path.endsWith('/404/') && !movedPaths.has(path);
      },
      serialize: async (item) => {
        const lastmod = await lastmodFor(item.url, site.url, outDir, site.basePath);
        return lastmod ? { ...item, lastmod } : item;
      },
    }),
    {
      // Last, after every other integration has written its files: see src/lib/output-dir.ts.
      name: 'newsroom:output-in-place',
      hooks: {
        'astro:build:start': () => {
          startedAt = Date.now();
          beginOutput(fileURLToPath(outDir));
        },
        'astro:build:done': ({ dir, assets, logger }) => {
          const root = fileURLToPath(dir);
          const kept = new Set([...assets.values()].flat().map((url) => fileURLToPath(url).slice(root.length)));
          const removed = finishOutput(root, kept, startedAt);
          if (removed > 0) logger.info(`Removed ${removed} file(s) left from an earlier build.`);
        },
      },
    },
  ],
  experimental: {
    // Pages whose getStaticPaths() entry carries a cacheKey (articles, lists, feeds, social cards:
    // see src/lib/content.ts) are not rendered again when the key and the code are unchanged: the
    // page in the output folder stays (or is copied from the cache into a new folder), so editing
    // one article re-renders only the pages that show it.
    incrementalBuild: true,
  },
  vite: {
    build: {
      // The output folder is updated in place, not emptied (src/lib/output-dir.ts).
      emptyOutDir: false,
    },
  },
  image: {
    service: {
      entrypoint: 'astro/assets/services/sharp',
      // Encoder effort decides a cold build of a large archive. AVIF at sharp's default effort (4)
      // took 0.2 to 0.7 s per width; effort 1 is 5 to 8 times quicker for files about 20% larger,
      // still smaller than WebP. WebP at effort 2 takes half the time of the default (4) for files
      // of the same size.
      config: { avif: { effort: 1 }, webp: { effort: 2 } },
    },
  },
  markdown: {
    // Shiki colours code with inline styles, which the CSP below would block; articles rarely
    // carry code, so code blocks stay plain.
    syntaxHighlight: false,
  },
  security: {
    // Hashes of every script and style Astro emits, as a <meta> CSP on each page; the build writes
    // the same policy, with frame-ancestors, into dist/_headers (src/lib/security-headers.ts).
    csp: { directives: [...CSP_DIRECTIVES] },
  },
});
