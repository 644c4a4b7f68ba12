// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import { readRedirects, redirectsFile } from './src/lib/redirects.ts';
import { CSP_DIRECTIVES } from './src/lib/security-headers.ts';
import { lastmodFor } from './src/lib/sitemap.ts';
import { paths, site } from './src/site.config.ts';

/** Set once Astro has resolved the config, so the sitemap reads pages from the real outDir. */
let outDir = new URL('./dist/', import.meta.url);
const redirects = readRedirects(site.contentRoot);
const movedPaths = new Set(redirects.map((redirect) => paths.withBase(redirect.from)));

export default defineConfig({
  site: site.url,
  base: site.basePath,
  // Every page is a directory with index.html; links always end in a slash, so static hosts
  // serve them without a redirect.
  trailingSlash: 'always',
  // Styles inline in each page (hashed by the CSP below): the page and its CSS arrive in the first
  // round trip, with no render-blocking request (test/e2e/budgets.test.ts holds it under 14 KB gzip).
  build: { format: 'directory', inlineStylesheets: 'always' },
  // One cache (content store, optimised images) per content folder, so a build of another
  // content tree (tests, benchmarks) never reuses or clobbers the entries of this one.
  cacheDir: `./node_modules/.astro/${createHash('sha256').update(site.contentRoot).digest('hex').slice(0, 12)}/`,
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
  ],
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
