import { getRssString } from '@astrojs/rss';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  absolutizeHtml,
  atomFeed,
  correctionsHtml,
  feedImage,
  jsonFeed,
  rssItem,
  rssOptions,
  type FeedArticle,
  type FeedChannel,
} from '../../src/lib/feeds.ts';

const page = 'https://news.example.org/newsroom/articles/lab/';

const image = { url: 'https://n.example/og/lab.png', type: 'image/png', length: 48_123, width: 1200, height: 630 };
const item = (over: Partial<FeedArticle> = {}): FeedArticle => ({
  title: 'Lab opens',
  description: 'D',
  url: page,
  published: new Date('2019-02-28T00:00:00Z'),
  modified: new Date('2019-03-09T00:00:00Z'),
  content: '<p>Body</p>',
  authors: [{ name: 'Ann', url: 'https://n.example/authors/ann/' }],
  categories: ['China'],
  image,
  ...over,
});
const channel: FeedChannel = {
  title: 'The Desk',
  description: 'News',
  language: 'en-GB',
  homeUrl: 'https://n.example/',
  urls: { rss: 'https://n.example/rss.xml', atom: 'https://n.example/atom.xml', json: 'https://n.example/feed.json' },
  feedsPage: 'https://n.example/feeds/',
  icon: 'https://n.example/logo.png',
  favicon: 'https://n.example/favicon.svg',
  rssImage: { url: 'https://n.example/feeds/logo.png', width: 144, height: 144 },
  updated: new Date('2019-03-09T00:00:00Z'),
};

describe('absolutizeHtml', () => {
  it('resolves root-relative, relative and fragment links against the page', () => {
    const html = '<a href="/newsroom/about/">a</a><a href="../other/">b</a><a href="#why">c</a>';
    expect(absolutizeHtml(html, page)).toBe(
      '<a href="https://news.example.org/newsroom/about/">a</a>' +
        '<a href="https://news.example.org/newsroom/articles/other/">b</a>' +
        '<a href="https://news.example.org/newsroom/articles/lab/#why">c</a>',
    );
  });

  it('rewrites every srcset candidate and keeps descriptors', () => {
    const html = '<source srcset="/_astro/a.avif 480w, /_astro/b.avif 800w">';
    expect(absolutizeHtml(html, page)).toBe(
      '<source srcset="https://news.example.org/_astro/a.avif 480w, https://news.example.org/_astro/b.avif 800w">',
    );
  });

  it('leaves absolute URLs and other schemes alone', () => {
    const html = '<a href="https://x.org/">x</a><a href="mailto:a@b.c">m</a><img src="data:image/png;base64,AA">';
    expect(absolutizeHtml(html, page)).toBe(html);
  });

  it('does not touch look-alike attributes', () => {
    const html = '<a data-href="/x/">x</a>';
    expect(absolutizeHtml(html, page)).toBe(html);
  });
});

describe('rssItem', () => {
  it('puts authors in dc:creator with XML escaping', () => {
    const rss = rssItem(
      item({
        authors: [
          { name: 'Ann & Bo', url: 'https://n.example/authors/ann/' },
          { name: 'Cy', url: 'https://n.example/authors/cy/' },
        ],
      }),
    );
    expect(rss.customData).toMatch(/^<dc:creator>Ann &amp; Bo<\/dc:creator><dc:creator>Cy<\/dc:creator><atom:updated>/);
    expect(rss.link).toBe(page);
    expect(rss.categories).toEqual(['China']);
    expect(rss.enclosure).toEqual({ url: image.url, length: 48_123, type: 'image/png' });
  });
});

describe('feedImage', () => {
  const pixels = sharp({ create: { width: 40, height: 30, channels: 3, background: '#1d3557' } });

  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
    ['avif', 'image/avif'],
    ['gif', 'image/gif'],
  ] as const)('describes a %s file by its bytes: the registered type %s, its size and its dimensions', async (format, type) => {
    const bytes = await pixels.clone().toFormat(format).toBuffer();
    // The name says otherwise: only the bytes count.
    expect(feedImage('https://n.example/_astro/a.jpg', bytes)).toEqual({
      url: 'https://n.example/_astro/a.jpg',
      type,
      length: bytes.byteLength,
      width: 40,
      height: 30,
    });
  });

  it('refuses a file that is not an image, naming it', () => {
    expect(() => feedImage('https://n.example/og/a.png', new TextEncoder().encode('<svg></svg>'))).toThrow(/og\/a\.png.*JPEG, PNG/);
  });
});

describe('correctionsHtml', () => {
  const day = (date: Date) => date.toISOString().slice(0, 10);

  it('is empty for an article without corrections', () => {
    expect(correctionsHtml([], day)).toBe('');
  });

  it('lists each correction, oldest first as written, with its date and text escaped for HTML', () => {
    const html = correctionsHtml(
      [
        { date: new Date('2019-03-02T00:00:00Z'), text: 'Named the wrong lab.' },
        { date: new Date('2019-03-05T00:00:00Z'), text: 'Said "R&D <2m>".' },
      ],
      day,
    );
    const { document } = parseHTML(`<div>${html}</div>`);
    expect(document.querySelector('section h2')!.textContent).toBe('Corrections');
    const items = [...document.querySelectorAll('section li')];
    expect(items.map((li) => li.textContent)).toEqual(['2019-03-02: Named the wrong lab.', '2019-03-05: Said "R&D <2m>".']);
    expect(items.map((li) => li.querySelector('time')!.getAttribute('datetime'))).toEqual([
      '2019-03-02T00:00:00.000Z',
      '2019-03-05T00:00:00.000Z',
    ]);
    expect(document.querySelectorAll('section li *').length).toBe(2);
  });
});

describe('what a feed reader reads from each format', () => {
  it('RSS: the image as enclosure and Media RSS content, pubDate kept, the last change in atom:updated and dc:date', async () => {
    const xml = await getRssString(rssOptions(channel, [item()]));
    const read = parseFeed(xml);
    const [entry] = read.items;
    expect(entry!.media).toEqual([{ url: image.url, image: image.url, title: null, length: 48_123, type: 'image', mimeType: 'image/png' }]);
    expect(entry!.published).toEqual(new Date('2019-02-28T00:00:00Z'));
    expect(entry!.updated).toEqual(new Date('2019-03-09T00:00:00Z'));
    expect(read.image).toEqual({ url: 'https://n.example/feeds/logo.png', title: 'The Desk' });
    const rss = new XMLParser({ ignoreAttributes: false }).parse(xml).rss;
    expect(rss['@_xmlns:media']).toBe('http://search.yahoo.com/mrss/');
    const { channel: parsed } = rss;
    expect(parsed.docs).toBe('https://n.example/feeds/');
    expect(parsed.image).toEqual({
      url: 'https://n.example/feeds/logo.png',
      title: 'The Desk',
      link: 'https://n.example/',
      width: 144,
      height: 144,
    });
    expect(parsed.item['atom:updated']).toBe('2019-03-09T00:00:00.000Z');
    expect(parsed.item['media:content']).toEqual({
      '@_url': image.url,
      '@_medium': 'image',
      '@_type': 'image/png',
      '@_width': '1200',
      '@_height': '630',
      '@_fileSize': '48123',
    });
  });

  it('Atom: the image as an enclosure link with type and length, the feeds page as a related link, no stylesheet', () => {
    const xml = atomFeed(channel, [item()]);
    const read = parseFeed(xml);
    expect(read.items[0]!.media).toEqual([expect.objectContaining({ url: image.url, length: 48_123, mimeType: 'image/png' })]);
    expect(read.items[0]!.updated).toEqual(new Date('2019-03-09T00:00:00Z'));
    expect(read.url).toBe('https://n.example/');
    const links = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'link' }).parse(xml).feed.link;
    expect(links.find((l: any) => l['@_rel'] === 'related')).toEqual({
      '@_rel': 'related',
      '@_type': 'text/html',
      '@_href': 'https://n.example/feeds/',
    });
    expect(xml).not.toContain('<?xml-stylesheet');
  });

  it('JSON Feed: the image of every item, and a note for people who open the file', () => {
    const feed = jsonFeed(channel, [
      item(),
      item({ url: 'https://n.example/articles/b/', image: { ...image, url: 'https://n.example/og/b.png' } }),
    ]);
    expect(feed.items.map((i) => i.image)).toEqual([image.url, 'https://n.example/og/b.png']);
    expect(feed.items[0]!.date_modified).toBe('2019-03-09T00:00:00.000Z');
    expect(feed.user_comment).toContain('https://n.example/feeds/');
  });
});
