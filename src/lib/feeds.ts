/**
 * Feed output in three formats (RSS through @astrojs/rss, Atom through `feed`, JSON Feed 1.1) from
 * one list of items. Feed readers need absolute URLs everywhere.
 */
import { Feed } from 'feed';

const URL_ATTRIBUTE = /(\s(?:href|src|poster|cite))=(["'])(.*?)\2/gi;
const SRCSET_ATTRIBUTE = /(\ssrcset)=(["'])(.*?)\2/gi;

function resolve(value: string, pageUrl: string): string {
  const trimmed = value.trim();
  // Leave fragments-only, mailto:, data: and other schemes as they are, except relative paths.
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return value;
  if (trimmed.startsWith('#')) return `${pageUrl}${trimmed}`;
  return new URL(trimmed, pageUrl).href;
}

/**
 * Rewrites every relative `href`, `src`, `poster`, `cite` and `srcset` URL in an HTML fragment to an
 * absolute one, resolved against the page the fragment comes from.
 */
export function absolutizeHtml(html: string, pageUrl: string): string {
  return html
    .replace(URL_ATTRIBUTE, (_, name: string, quote: string, value: string) => `${name}=${quote}${resolve(value, pageUrl)}${quote}`)
    .replace(SRCSET_ATTRIBUTE, (_, name: string, quote: string, value: string) => {
      const candidates = value.split(',').map((candidate) => {
        const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
        return [resolve(url, pageUrl), ...descriptor].join(' ');
      });
      return `${name}=${quote}${candidates.join(', ')}${quote}`;
    });
}

export interface FeedPerson {
  name: string;
  /** Absolute URL of the author page. */
  url: string;
}

export interface FeedArticle {
  title: string;
  description: string;
  /** Absolute URL of the article; also its stable id (GUID) in every format. */
  url: string;
  published: Date;
  modified: Date;
  /** Full HTML with absolute URLs. */
  content: string;
  authors: FeedPerson[];
  categories: string[];
  /** Absolute URL of the article's image, if it has one. */
  image?: string | undefined;
}

/** What a feed is about: the whole site, one topic or one author. */
export interface FeedChannel {
  title: string;
  description: string;
  language: string;
  /** Absolute URL of the page the feed belongs to. */
  homeUrl: string;
  /** Absolute URLs of this feed in each format. */
  urls: { rss: string; atom: string; json: string };
  /** Path of the XSL stylesheet that makes the XML feeds readable in a browser. */
  stylesheet: string;
  /** Absolute URLs of the site's square logo and favicon. */
  icon: string;
  favicon: string;
  /** Newest modification among the items (never the build time, so unchanged feeds stay unchanged). */
  updated: Date;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The newest modification date of the items, or `fallback` for an empty feed. */
export function feedUpdated(items: readonly FeedArticle[], fallback: Date): Date {
  return items.reduce((latest, item) => (item.modified > latest ? item.modified : latest), items[0]?.modified ?? fallback);
}

/** One @astrojs/rss item. Authors go in `dc:creator`: RSS's own `<author>` must be an e-mail address. */
export function rssItem(article: FeedArticle) {
  return {
    title: article.title,
    description: article.description,
    link: article.url,
    pubDate: article.published,
    content: article.content,
    categories: article.categories,
    customData: article.authors.map((author) => `<dc:creator>${escapeXml(author.name)}</dc:creator>`).join(''),
  };
}

/** Atom 1.0 through the `feed` library, with the stylesheet processing instruction. */
export function atomFeed(channel: FeedChannel, items: readonly FeedArticle[]): string {
  const feed = new Feed({
    id: channel.urls.atom,
    title: channel.title,
    description: channel.description,
    link: channel.homeUrl,
    language: channel.language,
    updated: channel.updated,
    generator: false,
    feed: channel.urls.atom,
    feedLinks: { rss: channel.urls.rss, json: channel.urls.json },
    stylesheet: channel.stylesheet,
    image: channel.icon,
    favicon: channel.favicon,
    copyright: '',
  });
  for (const item of items) {
    feed.addItem({
      id: item.url,
      title: item.title,
      link: item.url,
      date: item.modified,
      published: item.published,
      description: item.description,
      content: item.content,
      author: item.authors.map((author) => ({ name: author.name, link: author.url })),
      category: item.categories.map((name) => ({ name, term: name })),
      ...(item.image ? { image: item.image } : {}),
    });
  }
  return feed.atom1();
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): plain JSON, no library needed. */
export function jsonFeed(channel: FeedChannel, items: readonly FeedArticle[]) {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.urls.json,
    description: channel.description,
    icon: channel.icon,
    favicon: channel.favicon,
    language: channel.language,
    items: items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      summary: item.description,
      content_html: item.content,
      ...(item.image ? { image: item.image } : {}),
      date_published: item.published.toISOString(),
      date_modified: item.modified.toISOString(),
      authors: item.authors.map((author) => ({ name: author.name, url: author.url })),
      tags: item.categories,
    })),
  };
}
