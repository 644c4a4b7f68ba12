/**
 * Feed output in three formats (RSS through @astrojs/rss, Atom through `feed`, JSON Feed 1.1) from
 * one list of items. Feed readers need absolute URLs everywhere.
 */
import type { RSSOptions } from '@astrojs/rss';

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
  /** Absolute URLs of the site's square logo and favicon. */
  icon: string;
  favicon: string;
  /** Newest modification among the items (never the build time, so unchanged feeds stay unchanged). */
  updated: Date;
}

/** Text for an XML element or a double-quoted attribute. */
function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
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

/** RSS 2.0 through @astrojs/rss, with Atom's self link and Dublin Core authors. */
export function rssOptions(channel: FeedChannel, items: readonly FeedArticle[]): RSSOptions {
  return {
    title: channel.title,
    description: channel.description,
    // The channel link is the page the feed belongs to, base path included.
    site: channel.homeUrl,
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/' },
    customData:
      `<language>${escapeXml(channel.language)}</language>` +
      `<lastBuildDate>${channel.updated.toUTCString()}</lastBuildDate>` +
      `<atom:link href="${escapeXml(channel.urls.rss)}" rel="self" type="application/rss+xml"/>`,
    items: items.map(rssItem),
  };
}

/** The media type of an image URL, by its extension (enclosures must say it). */
function imageType(url: string): string {
  const extension = new URL(url).pathname.split('.').at(-1)?.toLowerCase();
  return extension === 'jpg' || extension === 'jpeg' ? 'image/jpeg' : `image/${extension}`;
}

/**
 * Atom 1.0 (RFC 4287), written here rather than by a library so that every value is escaped the
 * same way: titles, summaries and names are `type="text"`, so markup in them is shown, never
 * rendered; the article is `type="html"`, escaped as text rather than in CDATA.
 */
export function atomFeed(channel: FeedChannel, items: readonly FeedArticle[]): string {
  const x = escapeXml;
  const link = (rel: string, href: string, type: string) => `<link rel="${rel}" type="${type}" href="${x(href)}"/>`;
  const entry = (item: FeedArticle) =>
    [
      '  <entry>',
      `    <id>${x(item.url)}</id>`,
      `    <title type="text">${x(item.title)}</title>`,
      `    ${link('alternate', item.url, 'text/html')}`,
      `    <published>${item.published.toISOString()}</published>`,
      `    <updated>${item.modified.toISOString()}</updated>`,
      ...item.authors.map((author) => `    <author><name>${x(author.name)}</name><uri>${x(author.url)}</uri></author>`),
      ...item.categories.map((name) => `    <category term="${x(name)}" label="${x(name)}"/>`),
      ...(item.image ? [`    ${link('enclosure', item.image, imageType(item.image))}`] : []),
      `    <summary type="text">${x(item.description)}</summary>`,
      `    <content type="html">${x(item.content)}</content>`,
      '  </entry>',
    ].join('\n');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(channel.language)}">`,
    `  <id>${x(channel.urls.atom)}</id>`,
    `  <title type="text">${x(channel.title)}</title>`,
    `  <subtitle type="text">${x(channel.description)}</subtitle>`,
    `  <updated>${channel.updated.toISOString()}</updated>`,
    `  ${link('alternate', channel.homeUrl, 'text/html')}`,
    `  ${link('self', channel.urls.atom, 'application/atom+xml')}`,
    `  <logo>${x(channel.icon)}</logo>`,
    `  <icon>${x(channel.favicon)}</icon>`,
    ...items.map(entry),
    '</feed>',
    '',
  ].join('\n');
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
