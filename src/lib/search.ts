/**
 * What the pages tell the search index (Pagefind's `data-pagefind-*` attributes), for the layouts
 * that write it. Nothing here touches Astro or Node.
 */

/** The `kind` filter of every indexed page: the search page lists articles before the site's own pages. */
export const KINDS = { article: 'article', page: 'page' } as const;
export type Kind = keyof typeof KINDS;

/** A result's thumbnail, drawn at half these pixels: a 2x image of a 3:2 crop of the hero. */
export const THUMBNAIL = { width: 192, height: 128 } as const;

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
