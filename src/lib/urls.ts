/**
 * The only place that builds site paths. Every link, feed item and sitemap entry goes through
 * these functions, so the base path (a deploy to a project sub-path) is applied exactly once.
 */

/** Normalises a base path to the `/` or `/sub/path/` form: leading and trailing slash. */
export function normaliseBase(base: string): string {
  const trimmed = base.trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** Validates and normalises the site origin: an absolute http(s) URL without a path. */
export function normaliseSiteUrl(value: string, name = 'SITE_URL'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name}: "${value}" is not an absolute URL. Use a value like https://news.example.org`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${name}: "${value}" must start with https:// or http://`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`${name}: "${value}" must be an origin only (like https://news.example.org). Put a sub-path in BASE_PATH instead.`);
  }
  return url.origin;
}

export type FeedFormat = 'rss' | 'atom' | 'json';

/** A feed of the whole site (no scope), of one topic or of one author. */
export type FeedScope = { topic: string } | { author: string } | undefined;

/** File names of the feed formats: the same under the site root, a topic or an author. */
export const FEED_FILES: Record<FeedFormat, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };

export interface Paths {
  /** Prefixes a root-relative path with the base path; other URLs pass through untouched. */
  withBase(path: string): string;
  home(): string;
  article(slug: string): string;
  /** The archive: the newest articles, and every month that has articles. */
  archive(): string;
  /** The articles of one month: `/archive/2026/03/`. */
  archiveMonth(year: number, month: number): string;
  authors(): string;
  /** An author's newest articles; with a year, all of the author's articles of that year: `/authors/<id>/2026/`. */
  author(id: string, year?: number): string;
  topics(): string;
  /** A topic's newest articles; with a year, all of the topic's articles of that year: `/topics/<id>/2026/`. */
  topic(id: string, year?: number): string;
  page(slug: string): string;
  /** Page 1 of the corrections log lives at its own URL; later pages at `/corrections/<n>/`. */
  corrections(page?: number): string;
  search(): string;
  /** Files of the search index and its interface, written by Pagefind after the build. */
  searchAsset(file: string): string;
  /** The generated Open Graph card of an article without a hero image. */
  socialCard(slug: string): string;
  /** The generated Open Graph card of a topic: its pages, and its older articles without a hero image. */
  topicCard(id: string): string;
  /** The generated Open Graph card of an author's pages. */
  authorCard(id: string): string;
  /** The generated Open Graph card of a docs page. */
  pageCard(slug: string): string;
  /** The site's own Open Graph card: home, lists, indexes, search, corrections, not found. */
  siteCard(): string;
  /** A small WebP of an article's card, for thumbnails in lists (`CARD_THUMBNAIL`, src/lib/story-images.ts). */
  socialCardThumbnail(slug: string): string;
  /** A small WebP of a topic's card. */
  topicCardThumbnail(id: string): string;
  /** A feed: `/rss.xml`, `/topics/<id>/atom.xml`, `/authors/<id>/feed.json`… */
  feed(format: FeedFormat, scope?: FeedScope): string;
  /** The page for readers that lists every feed and says how to subscribe. */
  feeds(): string;
  /** The logo scaled to RSS's limit for a channel image. */
  feedLogo(): string;
  sitemap(): string;
}

function yearOf(year: number): string {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new Error(`Invalid year: ${year}`);
  return String(year).padStart(4, '0');
}

function monthOf(month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error(`Invalid month: ${month}`);
  return String(month).padStart(2, '0');
}

/** A list's own URL, or the URL of its articles of one year. */
function dated(path: string, year?: number): string {
  return year === undefined ? path : `${path}${yearOf(year)}/`;
}

function paged(path: string, page = 1): string {
  if (!Number.isInteger(page) || page < 1) throw new Error(`Invalid page number: ${page}`);
  return page === 1 ? path : `${path}${page}/`;
}

export function makePaths(base: string): Paths {
  const root = normaliseBase(base);
  const withBase = (path: string) => {
    if (!path.startsWith('/') || path.startsWith('//')) return path;
    return root + path.slice(1);
  };
  const seg = (value: string) => encodeURIComponent(value);
  return {
    withBase,
    home: () => withBase('/'),
    article: (slug) => withBase(`/articles/${seg(slug)}/`),
    archive: () => withBase('/archive/'),
    archiveMonth: (year, month) => withBase(`/archive/${yearOf(year)}/${monthOf(month)}/`),
    authors: () => withBase('/authors/'),
    author: (id, year) => withBase(dated(`/authors/${seg(id)}/`, year)),
    topics: () => withBase('/topics/'),
    topic: (id, year) => withBase(dated(`/topics/${seg(id)}/`, year)),
    page: (slug) => withBase(`/${seg(slug)}/`),
    corrections: (page) => withBase(paged('/corrections/', page)),
    socialCard: (slug) => withBase(`/og/${seg(slug)}.png`),
    // Under folders of their own: an article's card is /og/<slug>.png, and a slug has no slash.
    topicCard: (id) => withBase(`/og/topics/${seg(id)}.png`),
    authorCard: (id) => withBase(`/og/authors/${seg(id)}.png`),
    pageCard: (slug) => withBase(`/og/pages/${seg(slug)}.png`),
    siteCard: () => withBase('/og/site/default.png'),
    socialCardThumbnail: (slug) => withBase(`/og/small/${seg(slug)}.webp`),
    topicCardThumbnail: (id) => withBase(`/og/topics/small/${seg(id)}.webp`),
    search: () => withBase('/search/'),
    searchAsset: (file) => withBase(`/pagefind/${file}`),
    feed: (format, scope) => {
      const dir = !scope ? '/' : 'topic' in scope ? `/topics/${seg(scope.topic)}/` : `/authors/${seg(scope.author)}/`;
      return withBase(dir + FEED_FILES[format]);
    },
    feeds: () => withBase('/feeds/'),
    feedLogo: () => withBase('/feeds/logo.png'),
    sitemap: () => withBase('/sitemap-index.xml'),
  };
}

/** Top-level path segments owned by the site's routes: a docs page may not take one of these. */
export const RESERVED_PAGE_SLUGS = [
  'articles',
  'archive',
  'authors',
  'topics',
  'corrections',
  'feeds',
  'og',
  'search',
  'pagefind',
  'rss.xml',
  '404',
  '_astro',
];

/** Turns a path (already carrying the base) into an absolute URL on the site's origin. */
export function absoluteUrl(path: string, siteUrl: string): string {
  return new URL(path, siteUrl).href;
}

/** The route parameters of a month (`[year]/[month]`) or a year (`[...year]`, none for a list's newest articles). */
export function periodParams(period?: { year: number; month?: number | undefined }): { year: string | undefined; month?: string } {
  if (!period) return { year: undefined };
  const year = yearOf(period.year);
  return period.month === undefined ? { year } : { year, month: monthOf(period.month) };
}

/** The `[...page]` route parameter for page `n`: page 1 has none, so it lives at the list's own URL. */
export function pageParam(n: number): string | undefined {
  return n === 1 ? undefined : String(n);
}
