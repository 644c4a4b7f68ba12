/**
 * Every feed of the test build (site, each topic, each author; RSS, Atom and JSON Feed), parsed and
 * checked against the content files and the article pages.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
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
  it('give each article with a hero image its image, and each article the day it was last updated or corrected', () => {
    const json = JSON.parse(read('feed.json'));
    const lab = json.items.find((i: any) => i.id === articleUrl('alliance-innovation-lab-shanghai'));
    expect(lab.image).toMatch(new RegExp(`^${SITE_URL}/_astro/.+\\.jpe?g$`));
    const corrected = sources.find((s) => s.data.corrections)!;
    const item = json.items.find((i: any) => i.id === articleUrl(corrected.slug));
    expect(item.date_modified.slice(0, 10)).toBe(String(corrected.data.corrections.at(-1).date));
    // Every item: an image exactly when the article has a hero, and its latest published, updated or correction day.
    expect(sources.some((s) => s.data.image) && sources.some((s) => !s.data.image)).toBe(true);
    expect(sources.some((s) => s.data.updated)).toBe(true);
    for (const source of sources) {
      const entry = json.items.find((i: any) => i.id === articleUrl(source.slug));
      if (source.data.image) expect(entry.image, source.slug).toMatch(new RegExp(`^${SITE_URL}/_astro/.+\\.jpe?g$`));
      else expect(entry.image, source.slug).toBeUndefined();
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
