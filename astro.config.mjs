// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { lastmodFor } from './src/lib/sitemap.ts';
import { site } from './src/site.config.ts';

/** Set once Astro has resolved the config, so the sitemap reads pages from the real outDir. */
let outDir = new URL('./dist/', import.meta.url);

export default defineConfig({
  site: site.url,
  base: site.basePath,
  // Every page is a directory with index.html; links always end in a slash, so static hosts
  // serve them without a redirect.
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [
    mdx(),
    {
      name: 'newsroom:out-dir',
      hooks: {
        'astro:config:done': ({ config }) => {
          outDir = config.outDir;
        },
      },
    },
    sitemap({
      // The 404 page is not a page to index.
      filter: (page) => !new URL(page).pathname.endsWith('/404/'),
      serialize: async (item) => {
        const lastmod = await lastmodFor(item.url, site.url, outDir, site.basePath);
        return lastmod ? { ...item, lastmod } : item;
      },
    }),
  ],
  security: {
    // Hashes of every script and style Astro emits, as a <meta> CSP on each page.
    csp: {
      directives: ["default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'self'", "form-action 'self'"],
    },
  },
});
