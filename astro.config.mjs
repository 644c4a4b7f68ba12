// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import newsroom from './src/integration/index.ts';
import { CSP_DIRECTIVES } from './src/lib/security-headers.ts';
import { siteOptions } from './src/site.config.ts';

export default defineConfig({
  // Every page is a directory with index.html; links always end in a slash, so static hosts
  // serve them without a redirect.
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // Styles inline in each page (hashed by the CSP below): the page and its CSS arrive in the first
    // round trip, with no render-blocking request (test/e2e/budgets.test.ts holds it under 14 KB gzip).
    inlineStylesheets: 'always',
    // Four pages in flight: while some wait for their files to be written or for sharp (social
    // cards, images) on another thread, the others render. Two left Astro's thread idle a fifth of
    // the time; more than four gained nothing (BENCHMARKS.md).
    concurrency: 4,
  },
  // The site's identity and settings (src/site.config.ts, with the environment's overrides) go to
  // the newsroom integration, which sets `site`, `base` and the cache folder from them and runs
  // the whole pipeline: content check, pages, search index, host files, link check.
  integrations: [mdx(), newsroom(siteOptions())],
  experimental: {
    // Pages whose getStaticPaths() entry carries a cacheKey (articles, lists, feeds, social cards:
    // see src/lib/content.ts) are not rendered again when the key and the code are unchanged: the
    // page in the output folder stays (or is copied from the cache into a new folder), so editing
    // one article re-renders only the pages that show it.
    incrementalBuild: true,
  },
  image: {
    service: {
      // Astro's sharp service, which starts encoding a variant while pages render (src/lib/image-service.ts).
      // Relative to the project: the name of each variant's file is hashed with this string.
      entrypoint: './src/lib/image-service.ts',
      // Encoder effort decides a cold build of a large archive: AVIF at effort 1 and WebP at
      // effort 2 (BENCHMARKS.md has the figures). AVIF keeps colour at half resolution (4:2:0), as
      // the WebP beside it and nearly every JPEG photo do; sharp's default, full resolution, takes
      // a third longer to encode for larger files.
      config: { avif: { effort: 1, chromaSubsampling: '4:2:0' }, webp: { effort: 2 } },
    },
  },
  markdown: {
    // Shiki colours code with inline styles, which the CSP below would block; articles rarely
    // carry code, so code blocks stay plain.
    syntaxHighlight: false,
  },
  security: {
    // Hashes of every script and style Astro emits, as a <meta> CSP on each page; the build writes
    // the same policy, with frame-ancestors, into the output's _headers (src/lib/security-headers.ts,
    // src/integration/headers-file.ts).
    csp: { directives: [...CSP_DIRECTIVES] },
  },
});
