/**
 * Feed output in three formats (RSS 2.0 through @astrojs/rss, Atom 1.0 and JSON Feed 1.1 written
 * here) from one list of items. Feed readers need absolute URLs everywhere.
 */
import type { RSSOptions } from '@astrojs/rss';
import { readImageHeader, type ImageFormat } from './check/images.ts';

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

/**
 * An image file of the site as a feed announces it. Enclosures must say what the file is and how
 * big, and a reader that trusts `length` stops at that many bytes, so both come from the bytes of
 * the file that is published, never from its name.
 */
export interface FeedImage {
  /** Absolute URL of the published file. */
  url: string;
  /** Its IANA-registered media type. */
  type: string;
  /** Its size in bytes. */
  length: number;
  width: number;
  height: number;
}

/** The registered media type of each image format the site publishes (never the unregistered `image/jpg`). */
const MEDIA_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

/** Describes the file at `url`, whose bytes are `bytes`: type and dimensions from its header, length from its size. */
export function feedImage(url: string, bytes: Uint8Array): FeedImage {
  const header = readImageHeader((position, length) => bytes.subarray(position, position + length));
  if (!header) throw new Error(`${url}: a feed image must be a JPEG, PNG, WebP, AVIF or GIF file`);
  return { url, type: MEDIA_TYPES[header.format], length: bytes.byteLength, width: header.width, height: header.height };
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
  /** The picture that stands for the article: its hero image, or its social card. */
  image: FeedImage;
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
  /** Absolute URL of the page that lists every feed of the site and says how to subscribe. */
  feedsPage: string;
  /** Absolute URLs of the site's square logo and favicon. */
  icon: string;
  favicon: string;
  /** The logo as RSS's channel image, which may be at most 144 pixels wide. */
  rssImage: { url: string; width: number; height: number };
  /** Newest modification among the items (never the build time, so unchanged feeds stay unchanged). */
  updated: Date;
}

/** Text for an XML element or a double-quoted attribute. */
function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Text for HTML (an element's content or a double-quoted attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The corrections as the article page shows them, oldest first, for the end of an item's content:
 * a reader of the feed sees what was wrong and when it was put right. `formatDay` writes a date
 * the way the site does; empty when there are none.
 */
export function correctionsHtml(corrections: readonly { date: Date; text: string }[], formatDay: (date: Date) => string): string {
  if (corrections.length === 0) return '';
  const items = corrections.map(
    (correction) =>
      `<li><time datetime="${correction.date.toISOString()}">${escapeHtml(formatDay(correction.date))}</time>: ${escapeHtml(correction.text)}</li>`,
  );
  return `<section><h2>Corrections</h2><ul>${items.join('')}</ul></section>`;
}

/** The newest modification date of the items, or `fallback` for an empty feed. */
export function feedUpdated(items: readonly FeedArticle[], fallback: Date): Date {
  return items.reduce((latest, item) => (item.modified > latest ? item.modified : latest), items[0]?.modified ?? fallback);
}

/**
 * One @astrojs/rss item. Authors go in `dc:creator`: RSS's own `<author>` must be an e-mail address.
 *
 * RSS has no element for the date an item last changed. `pubDate` stays the day the article was
 * published (readers sort and list by it; moving it would present an old article as new), and the
 * day it was last updated or corrected goes in both extensions feed parsers take it from:
 * `atom:updated` (SimplePie's updated date, Python feedparser's `updated`) and `dc:date` (the
 * `updated` of feedparser and of @rowanmanning/feed-parser; each reads `pubDate` first for the
 * publication date).
 *
 * The image goes in RSS's one `<enclosure>` and in Media RSS's `media:content`, which also gives
 * its dimensions and is what many readers look for to show a picture beside the item.
 */
export function rssItem(article: FeedArticle) {
  const { image } = article;
  const modified = article.modified.toISOString();
  return {
    title: article.title,
    description: article.description,
    link: article.url,
    pubDate: article.published,
    content: article.content,
    categories: article.categories,
    enclosure: { url: image.url, length: image.length, type: image.type },
    customData:
      article.authors.map((author) => `<dc:creator>${escapeXml(author.name)}</dc:creator>`).join('') +
      `<atom:updated>${modified}</atom:updated><dc:date>${modified}</dc:date>` +
      `<media:content url="${escapeXml(image.url)}" medium="image" type="${image.type}" width="${image.width}" height="${image.height}" fileSize="${image.length}"/>`,
  };
}

/**
 * RSS 2.0 through @astrojs/rss, with Atom's self link, Dublin Core authors and dates, and Media RSS
 * images. `<docs>` names the page that says what the file is and how to subscribe, for a person who
 * opens the file itself.
 */
export function rssOptions(channel: FeedChannel, items: readonly FeedArticle[]): RSSOptions {
  const x = escapeXml;
  return {
    title: channel.title,
    description: channel.description,
    // The channel link is the page the feed belongs to, base path included.
    site: channel.homeUrl,
    xmlns: { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/', media: 'http://search.yahoo.com/mrss/' },
    customData:
      `<language>${x(channel.language)}</language>` +
      `<lastBuildDate>${channel.updated.toUTCString()}</lastBuildDate>` +
      `<docs>${x(channel.feedsPage)}</docs>` +
      // RSS wants the image's title and link to be the channel's own.
      `<image><url>${x(channel.rssImage.url)}</url><title>${x(channel.title)}</title><link>${x(channel.homeUrl)}</link>` +
      `<width>${channel.rssImage.width}</width><height>${channel.rssImage.height}</height></image>` +
      `<atom:link href="${x(channel.urls.rss)}" rel="self" type="application/rss+xml"/>`,
    items: items.map(rssItem),
  };
}

/**
 * Atom 1.0 (RFC 4287), written here rather than by a library so that every value is escaped the
 * same way: titles, summaries and names are `type="text"`, so markup in them is shown, never
 * rendered; the article is `type="html"`, escaped as text rather than in CDATA.
 */
export function atomFeed(channel: FeedChannel, items: readonly FeedArticle[]): string {
  const x = escapeXml;
  const link = (rel: string, href: string, type: string, length?: number) =>
    `<link rel="${rel}" type="${type}"${length === undefined ? '' : ` length="${length}"`} href="${x(href)}"/>`;
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
      `    ${link('enclosure', item.image.url, item.image.type, item.image.length)}`,
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
    // The page listing every feed and how to subscribe: for a person who opens the file itself.
    `  ${link('related', channel.feedsPage, 'text/html')}`,
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
    // The format's note for people who open the file itself; readers ignore it.
    user_comment: `This is a web feed: add its address to a feed reader to follow it. Every feed of the site, and how to subscribe: ${channel.feedsPage}`,
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
      image: item.image.url,
      date_published: item.published.toISOString(),
      date_modified: item.modified.toISOString(),
      authors: item.authors.map((author) => ({ name: author.name, url: author.url })),
      tags: item.categories,
    })),
  };
}
