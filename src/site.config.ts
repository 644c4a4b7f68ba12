/**
 * Site identity and settings: the one place to change them.
 *
 * `SITE_URL` and `BASE_PATH` may be overridden by environment variables at build time, so the same
 * repository deploys to a custom domain (`SITE_URL=https://news.example.org`) or to a project
 * sub-path (`SITE_URL=https://user.github.io BASE_PATH=/newsroom`).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { makePaths, normaliseBase, normaliseSiteUrl } from './lib/urls.ts';

export interface SiteConfig {
  /** Site name, used in titles, the feed and the publisher byline. */
  title: string;
  /** One-sentence description for the home page, meta description and feed. */
  description: string;
  /** Origin the site is served from, no path: `https://news.example.org`. */
  url: string;
  /** Path prefix when served from a sub-path, `/` otherwise. Always starts and ends with `/`. */
  basePath: string;
  /** BCP 47 language tag of the content: `<html lang>`, feed language, date formatting. */
  language: string;
  /** IANA time zone of the newsroom. Date-only frontmatter means that day in this zone. */
  timeZone: string;
  /** Where the source lives, for "Edit this page" and "Report an error" links. */
  repository: { url: string; branch: string };
  /** The organisation that publishes the site; `logo` is a square PNG in `public/` (structured data). */
  publisher: { name: string; url: string; logo: string };
  /** Address readers write to about errors. */
  correctionsEmail: string;
  /** Articles per page on the archive, author and topic lists. */
  pageSize: number;
  /** Articles on the home page. */
  homeSize: number;
  /** Newest articles in each feed (site, topic, author). */
  feedSize: number;
  /** URLs per sitemap file: 50,000 is the protocol's maximum. `SITEMAP_ENTRY_LIMIT` lowers it (tests). */
  sitemapEntryLimit: number;
  /** Folder holding articles, authors, topics and pages, as given (relative to the project root). */
  contentDir: string;
  /** The same folder as an absolute path. */
  contentRoot: string;
  /** Build caches of this content folder (Astro's content store and images, social cards). */
  cacheDir: string;
  /**
   * A preview build: drafts and scheduled articles are included and marked, and every page asks
   * search engines not to index it. Set by `npm run build -- --drafts` (or `SHOW_DRAFTS=1`); the dev
   * server always shows them.
   */
  preview: boolean;
  /**
   * Draw an Open Graph card for each article without a hero image. `SOCIAL_IMAGES=0` (or
   * `npm run build -- --no-social-images`) skips them for quick builds; those articles then share
   * no image.
   */
  socialImages: boolean;
  /**
   * How many of the newest articles get a card with their own headline; older articles without a
   * hero image share their first topic's card. Drawing a card costs about 16 ms of CPU (layout,
   * rasterising, PNG), so 1,000 cards were half the CPU of a cold 1,000-article build; readers share
   * new articles, and 250 is a few months of a small newsroom. A later build keeps the cards it
   * drew in its cache. `SOCIAL_CARD_COUNT` overrides it.
   */
  socialCardCount: number;
}

const env = process.env;

/** A whole number from the environment, or the default when unset; anything else stops the build. */
function wholeNumber(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name}: "${value}" must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}.`);
  }
  return n;
}

const contentDir = env.CONTENT_DIR || 'content';
const contentRoot = resolve(contentDir);

/**
 * One cache folder per content folder, so a build of another content tree (tests, benchmarks)
 * never reuses or clobbers the entries of this one. Inside node_modules, so `npm ci` starts clean.
 */
export function cacheDirFor(contentRoot: string, projectRoot = process.cwd()): string {
  return resolve(projectRoot, 'node_modules/.astro', createHash('sha256').update(contentRoot).digest('hex').slice(0, 12)) + '/';
}

export const site: SiteConfig = {
  title: 'The Mobility Desk',
  description: 'Reporting on the research behind autonomous, connected and electric vehicles, written in the open by its contributors.',
  url: normaliseSiteUrl(env.SITE_URL || 'https://mobility-desk.example.org'),
  basePath: normaliseBase(env.BASE_PATH || '/'),
  language: 'en-GB',
  timeZone: 'Europe/London',
  repository: { url: 'https://github.com/mobility-desk/mobility-desk', branch: 'main' },
  publisher: { name: 'The Mobility Desk', url: 'https://mobility-desk.example.org', logo: '/logo.png' },
  correctionsEmail: 'corrections@mobility-desk.example.org',
  // Tests build with a small page size, so the default content has a second archive page.
  pageSize: wholeNumber('PAGE_SIZE', 10, 1),
  homeSize: 6,
  feedSize: 20,
  // The sitemap protocol's maximum; tests lower it to see the split.
  sitemapEntryLimit: wholeNumber('SITEMAP_ENTRY_LIMIT', 50_000, 1, 50_000),
  // Lets tests and benchmarks build another content tree without touching `content/`.
  contentDir,
  contentRoot,
  cacheDir: cacheDirFor(contentRoot),
  preview: env.SHOW_DRAFTS === '1' || env.SHOW_DRAFTS === 'true',
  socialImages: env.SOCIAL_IMAGES !== '0' && env.SOCIAL_IMAGES !== 'false',
  socialCardCount: wholeNumber('SOCIAL_CARD_COUNT', 250, 0),
};

if (!existsSync(site.contentRoot)) {
  throw new Error(`CONTENT_DIR: the content folder "${site.contentRoot}" does not exist.`);
}

/** Path builders bound to this site's base path. */
export const paths = makePaths(site.basePath);
