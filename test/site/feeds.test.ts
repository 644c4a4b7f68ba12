/**
 * Every feed of the test build (site, each topic, each author; RSS, Atom and JSON Feed), parsed and
 * checked against the content files, the article pages and the files in the build: by a real feed
 * reader's parser (@rowanmanning/feed-parser) for what readers get, and by an XML parser for the
 * elements that parser does not expose.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SITE_CONTENT, SITE_DIST, SITE_URL } from '../helpers.ts';

const read = (file: string) => readFileSync(join(SITE_DIST, file), 'utf8');
const rssParser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'category', 'dc:creator'].includes(name) });
const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'category', 'author', 'link'].includes(name) });

const ARTICLES = join(SITE_CONTENT, 'articles');
const today = new Date().toISOString().slice(0, 10);
const sources = readdirSync(ARTICLES)
  .map((name) => {
    const file = statSync(join(ARTICLES, name)).isDirectory() ? join(name, 'index.mdx') : name;
    const data = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(ARTICLES, file), 'utf8'))![1]!) as Record<string, any>;
    return { slug: name.replace(/\.mdx$/, ''), data };
  })
  .filter((s) => !s.data.draft && String(s.data.published) <= today)
  .sort((a, b) => String(b.data.published).localeCompare(String(a.data.published)) || a.slug.localeCompare(b.slug));
const topics = (parseYaml(readFileSync(join(SITE_CONTENT, 'topics.yaml'), 'utf8')) as { id: string }[]).map((t) => t.id);
const authors = readdirSync(join(SITE_CONTENT, 'authors'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.slice(0, -3));

/** Each feed's folder and the article slugs it must hold, newest first. */
const scopes: [dir: string, slugs: string[]][] = [
  ['', sources.map((s) => s.slug)],
  ...topics.map((id): [string, string[]] => [`topics/${id}/`, sources.filter((s) => s.data.topics.includes(id)).map((s) => s.slug)]),
  ...authors.map((id): [string, string[]] => [`authors/${id}/`, sources.filter((s) => s.data.authors.includes(id)).map((s) => s.slug)]),
];
const articleUrl = (slug: string) => `${SITE_URL}/articles/${slug}/`;
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function expectAbsoluteUrls(html: string) {
  const d = parseHTML(`<div>${html}</div>`).document;
  for (const el of d.querySelectorAll('[href], [src]')) {
    expect(el.getAttribute('href') ?? el.getAttribute('src')).toMatch(/^(https?:|mailto:)/);
  }
}

describe.each(scopes)('feeds of /%s', (dir, slugs) => {
  it('RSS: items newest first with GUIDs equal to the article URLs, RFC 822 dates, absolute URLs', () => {
    const channel = rssParser.parse(read(`${dir}rss.xml`)).rss.channel;
    const items = (channel.item ?? []) as Record<string, any>[];
    expect(items.map((i) => i.link)).toEqual(slugs.map(articleUrl));
    for (const item of items) {
      expect(item.guid['#text']).toBe(item.link);
      expect(item.guid['@_isPermaLink']).toBe('true');
      expect(item.pubDate).toMatch(RFC822);
      expect(item['dc:creator'].length).toBeGreaterThan(0);
      expectAbsoluteUrls(item['content:encoded']);
    }
    expect(channel['atom:link']['@_href']).toBe(`${SITE_URL}/${dir}rss.xml`);
    expect(channel.link).toBe(`${SITE_URL}/${dir}`);
  });

  it('Atom: entries with ids, authors, RFC 3339 dates and full content', () => {
    const feed = xml.parse(read(`${dir}atom.xml`)).feed;
    const entries = (feed.entry ?? []) as Record<string, any>[];
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${SITE_URL}/${dir}atom.xml`);
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.link.find((l: any) => l['@_rel'] === 'self')['@_href']).toBe(`${SITE_URL}/${dir}atom.xml`);
    expect(entries.map((e) => e.id)).toEqual(slugs.map(articleUrl));
    for (const entry of entries) {
      expect(entry.updated).toMatch(RFC3339);
      expect(entry.published).toMatch(RFC3339);
      expect(entry.author[0].name).toBeTruthy();
      expect(entry.author[0].uri).toMatch(new RegExp(`^${SITE_URL}/authors/`));
      expectAbsoluteUrls(entry.content['#text']);
    }
  });

  it('JSON Feed 1.1: items with ids, authors, dates and HTML', () => {
    const feed = JSON.parse(read(`${dir}feed.json`));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe(`${SITE_URL}/${dir}feed.json`);
    expect(feed.home_page_url).toBe(`${SITE_URL}/${dir}`);
    expect(feed.items.map((i: any) => i.id)).toEqual(slugs.map(articleUrl));
    for (const item of feed.items) {
      expect(item.url).toBe(item.id);
      expect(item.date_published).toMatch(RFC3339);
      expect(item.date_modified).toMatch(RFC3339);
      expect(item.authors[0].name).toBeTruthy();
      expectAbsoluteUrls(item.content_html);
    }
  });

  it('is offered for autodiscovery by the page it belongs to', () => {
    const page = parseHTML(read(`${dir}index.html`)).document;
    const hrefs = [...page.querySelectorAll('link[rel="alternate"]')].map((l) => `${l.getAttribute('type')} ${l.getAttribute('href')}`);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        `application/rss+xml ${SITE_URL}/${dir}rss.xml`,
        `application/atom+xml ${SITE_URL}/${dir}atom.xml`,
        `application/feed+json ${SITE_URL}/${dir}feed.json`,
      ]),
    );
  });
});

describe('feed details', () => {
  it('give each article its hero image or else its social card, and the day it was last updated or corrected', () => {
    const json = JSON.parse(read('feed.json'));
    const lab = json.items.find((i: any) => i.id === articleUrl('alliance-innovation-lab-shanghai'));
    expect(lab.image).toMatch(new RegExp(`^${SITE_URL}/_astro/.+\\.jpe?g$`));
    const corrected = sources.find((s) => s.data.corrections)!;
    const item = json.items.find((i: any) => i.id === articleUrl(corrected.slug));
    expect(item.date_modified.slice(0, 10)).toBe(String(corrected.data.corrections.at(-1).date));
    // Every item: its hero image or its card, and its latest published, updated or correction day.
    expect(sources.some((s) => s.data.image) && sources.some((s) => !s.data.image)).toBe(true);
    expect(sources.some((s) => s.data.updated)).toBe(true);
    for (const source of sources) {
      const entry = json.items.find((i: any) => i.id === articleUrl(source.slug));
      if (source.data.image) expect(entry.image, source.slug).toMatch(new RegExp(`^${SITE_URL}/_astro/.+\\.jpe?g$`));
      else expect(entry.image, source.slug).toBe(`${SITE_URL}/og/${source.slug}.png`);
      const days = [source.data.published, source.data.updated, ...(source.data.corrections ?? []).map((c: any) => c.date)];
      const latest = days
        .filter((day) => day !== undefined)
        .map(String)
        .sort()
        .at(-1);
      expect(entry.date_modified.slice(0, 10), source.slug).toBe(latest);
      expect(entry.date_published.slice(0, 10), source.slug).toBe(String(source.data.published));
    }
  });

  it('carry no XSLT: browsers are removing it, so no feed asks for a stylesheet and none is published', () => {
    const files = scopes.flatMap(([dir]) => [`${dir}rss.xml`, `${dir}atom.xml`]);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(read(file), file).toMatch(/^<\?xml [^?]*\?>\s*<(rss|feed)[\s>]/);
      expect(read(file), file).not.toContain('<?xml-stylesheet');
    }
    expect(existsSync(join(SITE_DIST, 'feed.xsl'))).toBe(false);
  });
});

/**
 * Image media types registered with IANA (https://www.iana.org/assignments/media-types/#image) for
 * the formats a site can publish; `image/jpg`, which readers may refuse, is not one of them.
 */
const REGISTERED_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']);
/** The registered type of what sharp finds in a file's bytes. */
const TYPE_OF_FORMAT: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heif: 'image/avif',
  gif: 'image/gif',
};

/** The file of the build an absolute URL of the site names. */
function distFile(url: string): string {
  expect(url.startsWith(`${SITE_URL}/`), url).toBe(true);
  const file = join(SITE_DIST, decodeURIComponent(new URL(url).pathname));
  expect(existsSync(file), url).toBe(true);
  return file;
}

/** What the published file at `url` really is: its size, type and dimensions, read from its bytes. */
async function published(url: string) {
  const file = distFile(url);
  const { format, width, height } = await sharp(readFileSync(file)).metadata();
  return { length: statSync(file).size, type: TYPE_OF_FORMAT[format!], width, height };
}

const page = (file: string) => parseHTML(read(file)).document;
const ogImage = (slug: string) => page(`articles/${slug}/index.html`).querySelector('meta[property="og:image"]')!.getAttribute('content');

describe.each(scopes)('what a feed reader finds in /%s', (dir, slugs) => {
  const rss = parseFeed(read(`${dir}rss.xml`));
  const atom = parseFeed(read(`${dir}atom.xml`));
  const json = JSON.parse(read(`${dir}feed.json`));
  const rssXml = rssParser.parse(read(`${dir}rss.xml`)).rss.channel;

  it('the same items in RSS and Atom, as the parser reads them', () => {
    expect(rss.meta).toEqual({ type: 'rss', version: '2.0' });
    expect(atom.meta).toEqual({ type: 'atom', version: '1.0' });
    expect(rss.items.map((i) => i.url)).toEqual(slugs.map(articleUrl));
    expect(atom.items.map((i) => i.url)).toEqual(slugs.map(articleUrl));
  });

  it('an image for every item in every format: the article page’s own image, with its registered type and the exact size of the published file', async () => {
    expect(slugs.length).toBeGreaterThan(0);
    for (const [index, slug] of slugs.entries()) {
      const url = ogImage(slug)!;
      const file = await published(url);
      expect(REGISTERED_IMAGE_TYPES.has(file.type!), `${slug}: ${file.type}`).toBe(true);
      for (const [format, item] of [
        ['RSS', rss.items[index]!],
        ['Atom', atom.items[index]!],
      ] as const) {
        expect(item.media, `${format} ${slug}`).toEqual([
          expect.objectContaining({ url, type: 'image', mimeType: file.type, length: file.length, image: url }),
        ]);
        expect(item.image?.url, `${format} ${slug}`).toBe(url);
      }
      // Media RSS, which the parser merges with the enclosure of the same URL: size and dimensions.
      const media = rssXml.item[index]['media:content'];
      expect(media, slug).toMatchObject({ '@_url': url, '@_medium': 'image', '@_type': file.type });
      expect([media['@_fileSize'], media['@_width'], media['@_height']].map(Number), slug).toEqual([file.length, file.width, file.height]);
      expect(json.items[index].image, slug).toBe(url);
    }
  });

  it('a channel image from the site’s own files: RSS’s within 144 pixels, Atom’s logo and icon, JSON Feed’s icon and favicon', async () => {
    const image = rssXml.image;
    expect(image.title).toBe(rssXml.title);
    expect(image.link).toBe(rssXml.link);
    const logo = await published(image.url);
    expect(logo.type).toBe('image/png');
    expect([Number(image.width), Number(image.height)]).toEqual([logo.width, logo.height]);
    expect(logo.width).toBeLessThanOrEqual(144);
    expect(logo.height).toBeLessThanOrEqual(400);
    expect(rss.image?.url).toBe(image.url);
    const feed = xml.parse(read(`${dir}atom.xml`)).feed;
    for (const url of [feed.logo, feed.icon, json.icon, json.favicon]) distFile(url);
    expect(atom.image?.url).toBe(feed.logo);
  });

  it('a link to the page of every feed and how to subscribe, where each format has room for it', () => {
    const feedsPage = `${SITE_URL}/feeds/`;
    expect(rssXml.docs).toBe(feedsPage);
    const links = xml.parse(read(`${dir}atom.xml`)).feed.link as any[];
    expect(links.find((l) => l['@_rel'] === 'related')).toMatchObject({ '@_href': feedsPage, '@_type': 'text/html' });
    expect(json.user_comment).toContain(feedsPage);
    // What readers show as the feed's website stays the page the feed follows.
    expect([rss.url, atom.url, json.home_page_url]).toEqual([`${SITE_URL}/${dir}`, `${SITE_URL}/${dir}`, `${SITE_URL}/${dir}`]);
  });
});

describe('a corrected article, in every feed it is in', () => {
  const corrected = sources.filter((s) => s.data.corrections?.length);
  // The fixture's latest correction is later than any other date it has, so its date must move.
  const fixture = corrected.find((s) => s.slug === 'corrected-fixture')!;
  const latestDay = (source: (typeof sources)[number]) =>
    [source.data.published, source.data.updated, ...source.data.corrections.map((c: any) => c.date)]
      .filter((day) => day !== undefined)
      .map(String)
      .sort()
      .at(-1)!;
  const inFeeds = corrected.flatMap((source) =>
    scopes.filter(([, slugs]) => slugs.includes(source.slug)).map(([dir]): [string, string] => [source.slug, dir]),
  );

  it('has fixtures to check: one whose latest correction is its latest date', () => {
    expect(fixture.data.corrections.at(-1).date).toBe(latestDay(fixture));
    expect(latestDay(fixture)).not.toBe(String(fixture.data.published));
    expect(fixture.data.updated).toBeUndefined();
    expect(inFeeds.length).toBeGreaterThanOrEqual(6);
  });

  /** The corrections of an item's content, as a reader's HTML view shows them. */
  const correctionsIn = (html: string) =>
    [...parseHTML(`<div>${html}</div>`).document.querySelectorAll('section li')].map((li) => ({
      day: li.querySelector('time')!.getAttribute('datetime')!.slice(0, 10),
      text: li.textContent,
    }));

  it.each(inFeeds)(
    '%s in /%s: each correction’s text and date at the end of its content, and its date of last change moved',
    (slug, dir) => {
      const source = corrected.find((s) => s.slug === slug)!;
      const expected = source.data.corrections.map((c: any) => ({ day: String(c.date), text: expect.stringContaining(c.text) }));
      const latest = latestDay(source);
      const rss = parseFeed(read(`${dir}rss.xml`)).items.find((i) => i.url === articleUrl(slug))!;
      const atom = parseFeed(read(`${dir}atom.xml`)).items.find((i) => i.url === articleUrl(slug))!;
      const json = JSON.parse(read(`${dir}feed.json`)).items.find((i: any) => i.id === articleUrl(slug));
      for (const [format, content] of [
        ['RSS', rss.content!],
        ['Atom', atom.content!],
        ['JSON Feed', json.content_html],
      ]) {
        expect(correctionsIn(content), `${format}`).toEqual(expected);
        expect(content.trimEnd(), format).toMatch(/<\/section>$/);
      }
      // RSS keeps pubDate as the day of publication; the parser reads the change from dc:date.
      expect(rss.published?.toISOString().slice(0, 10)).toBe(String(source.data.published));
      expect(rss.updated?.toISOString().slice(0, 10)).toBe(latest);
      const rssItem = rssParser.parse(read(`${dir}rss.xml`)).rss.channel.item.find((i: any) => i.link === articleUrl(slug));
      expect(rssItem['atom:updated'].slice(0, 10)).toBe(latest);
      expect(atom.published?.toISOString().slice(0, 10)).toBe(String(source.data.published));
      expect(atom.updated?.toISOString().slice(0, 10)).toBe(latest);
      expect(json.date_published.slice(0, 10)).toBe(String(source.data.published));
      expect(json.date_modified.slice(0, 10)).toBe(latest);
    },
  );

  it('escapes a correction’s text for HTML, so markup in it is shown, not applied', () => {
    const json = JSON.parse(read('feed.json')).items.find((i: any) => i.id === articleUrl('corrected-fixture'));
    expect(json.content_html).toContain('&quot;R&amp;D &lt;2 million&gt;&quot;');
  });
});

describe('the feeds page', () => {
  const d = page('feeds/index.html');
  const hrefs = new Set([...d.querySelectorAll('main a')].map((a) => a.getAttribute('href')));

  it('lists every feed of the site, of each topic and of each author, in each format', () => {
    const files = scopes.flatMap(([dir]) => ['rss.xml', 'atom.xml', 'feed.json'].map((file) => `/${dir}${file}`));
    expect(files.length).toBe(3 * (1 + topics.length + authors.length));
    for (const file of files) expect(hrefs.has(file), file).toBe(true);
  });

  it('tells a reader how to subscribe', () => {
    expect(d.querySelector('h1')!.textContent).toBe('Feeds');
    expect(d.querySelector('#how-to-subscribe')!.nextElementSibling!.textContent).toMatch(/feed reader/);
  });

  it('is linked from the footer of every kind of page', () => {
    for (const file of ['index.html', `articles/${sources[0]!.slug}/index.html`, 'topics/index.html', '404.html']) {
      expect(page(file).querySelector('footer a[href="/feeds/"]'), file).not.toBeNull();
    }
  });
});
