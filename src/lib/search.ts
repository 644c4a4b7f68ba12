/**
 * What the pages tell the search index (Pagefind's `data-pagefind-*` attributes) and what the
 * search page reads back: shared by the layouts, which write it, and the search page's script in
 * the browser, which reads it. Nothing here touches Astro or Node, so the browser can import it.
 */

/** The `kind` filter of every indexed page: the search page lists articles before the site's own pages. */
export const KINDS = { article: 'article', page: 'page' } as const;
export type Kind = keyof typeof KINDS;

/** A result's thumbnail, drawn at half these pixels: a 2x image of a 3:2 crop of the hero. */
export const THUMBNAIL = { width: 192, height: 128 } as const;

/** Results shown at first, and added by each "More" button, per group. */
export const RESULTS_PER_PAGE = 10;

/** The metadata of an article's search result. */
export interface ResultMeta {
  /** The day it was published, `YYYY-MM-DD` in the site's time zone. */
  date: string;
  /** Its first topic's name, shown on the result. */
  topic: string;
  /** Every topic's name, so that a topic's name finds the article (the topic list itself is not indexed). */
  topics: string;
  /** Its authors' names, so that a name finds the article (the byline itself is not indexed). */
  authors: string;
  /**
   * The thumbnail's URL, base path included, and its alt text. Empty for an article without a hero
   * image: an empty value stops Pagefind from taking the first image of the body, at full size.
   */
  image: string;
  image_alt: string;
}

/**
 * Pagefind metadata as attributes of one element: each value in a `data-meta-*` attribute of its
 * own, read back by `key[attribute]`, since an inline `key:value` may only come last in the list
 * and a value (an alt text, a topic's name) may hold commas.
 */
export function pagefindMeta(meta: ResultMeta): Record<string, string> {
  const entries = Object.entries(meta);
  return {
    'data-pagefind-meta': entries.map(([key]) => `${key}[${metaAttribute(key as keyof ResultMeta)}]`).join(', '),
    ...Object.fromEntries(entries.map(([key, value]) => [metaAttribute(key as keyof ResultMeta), value])),
  };
}

/** The attribute that holds a metadata value on the page: `image_alt` in `data-meta-image-alt`. */
export function metaAttribute(key: keyof ResultMeta): string {
  return `data-meta-${key.replaceAll('_', '-')}`;
}

/** What a search is: its words and the topic and author it is limited to (ids, as in the URL). */
export interface SearchState {
  q: string;
  topic: string;
  author: string;
}

/** The longest query the search box accepts, as the header's form does. */
export const MAX_QUERY = 200;

/** A search from a URL's query string: `?q=…&topic=…&author=…`; anything else is ignored. */
export function readSearch(query: string): SearchState {
  const params = new URLSearchParams(query);
  const value = (name: string) => (params.get(name) ?? '').trim();
  return { q: value('q').slice(0, MAX_QUERY), topic: value('topic'), author: value('author') };
}

/** The query string of a search, empty values left out, so that a search can be copied and linked to. */
export function searchQuery(state: SearchState): string {
  const params = new URLSearchParams();
  for (const name of ['q', 'topic', 'author'] as const) {
    const value = state[name].trim();
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A `YYYY-MM-DD` day as the pages show dates (src/lib/dates.ts `formatDate`: `dateStyle: 'long'`).
 * The day is already the site's calendar day, so it is read and written in UTC, whatever the
 * reader's zone.
 */
export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

const counted = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What the status line says after a search, for everyone and for screen readers (it is a live region). */
export function searchSummary(q: string, articles: number, pages: number, narrowed: boolean): string {
  if (articles + pages === 0) return narrowed ? `No articles for “${q}” with the topic or author chosen.` : `No results for “${q}”.`;
  const found = [articles > 0 && counted(articles, 'article'), pages > 0 && counted(pages, 'page')].filter(Boolean);
  return `${found.join(' and ')} for “${q}”.`;
}
