/**
 * Every text a contributor can put in a feed (title, standfirst, author name, topic name, the
 * feed's own title, a correction) is escaped for where it lands: random strings built from XML's
 * and HTML's special characters go through RSS, Atom and JSON Feed, and each result must parse and
 * give the text back unchanged.
 */
import { getRssString } from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { atomFeed, correctionsHtml, jsonFeed, rssOptions, type FeedArticle, type FeedChannel } from '../../src/lib/feeds.ts';
import { UNSHOWABLE } from '../../src/lib/schemas.ts';

/** Pieces that have broken feeds somewhere: markup, entities, CDATA ends, quotes, whitespace, wide characters. */
const PIECES = [
  '<',
  '>',
  '&',
  '"',
  "'",
  ']]>',
  '<![CDATA[',
  '</title>',
  '<script>',
  '&amp;',
  '&#x26;',
  '&nbsp;',
  '\t',
  '\n',
  ' ',
  'R&D <2025> "labs"',
  'é',
  '中文',
  '😀',
  '\u200b',
  '\u00a0',
  '\u2028',
  'plain',
];

/** A small seeded generator, so a failure can be run again. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function randomText(random: () => number): string {
  const length = 1 + Math.floor(random() * 8);
  let text = '';
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)];
  // Titles and names are trimmed by the schema, and cannot be blank.
  return `x${text}x`;
}

const channel = (title: string): FeedChannel => ({
  title,
  description: title,
  language: 'en-GB',
  homeUrl: 'https://news.example/topics/t/',
  urls: { rss: 'https://news.example/rss.xml', atom: 'https://news.example/atom.xml', json: 'https://news.example/feed.json' },
  feedsPage: 'https://news.example/feeds/',
  icon: 'https://news.example/logo.png',
  favicon: 'https://news.example/favicon.svg',
  rssImage: { url: 'https://news.example/feeds/logo.png', width: 144, height: 144 },
  updated: new Date('2024-01-02T00:00:00Z'),
});

const article = (text: string): FeedArticle => ({
  title: text,
  description: text,
  url: 'https://news.example/articles/a/',
  published: new Date('2024-01-01T00:00:00Z'),
  modified: new Date('2024-01-02T00:00:00Z'),
  content: '<p>Body</p>',
  authors: [{ name: text, url: 'https://news.example/authors/a/' }],
  categories: [text],
  image: { url: 'https://news.example/og/a.png', type: 'image/png', length: 1234, width: 1200, height: 630 },
});

/** Whether `xml` is well-formed XML with namespaces, by a strict parser: the first error, or undefined. */
function notWellFormed(xml: string): string | undefined {
  const strict = new SaxesParser({ xmlns: true });
  let error: string | undefined;
  strict.on('error', (found) => {
    error ??= found.message;
  });
  strict.write(xml).close();
  return error;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  trimValues: false,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false,
});
const asList = <T>(value: T | T[]) => (Array.isArray(value) ? value : [value]);
/** An element's text, whether the parser gives it as a string or as an object with attributes. */
const textOf = (value: unknown) =>
  String(typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['#text'] : value);

const random = generator(2025);
const cases = Array.from({ length: 150 }, () => randomText(random)).filter((text) => !UNSHOWABLE.test(text));

describe('feeds carry any text a contributor can write', () => {
  it('has a strict XML parser that refuses what the feed library used to write', () => {
    expect(notWellFormed('<feed><category label="R&amp;D <2025>"/></feed>')).toBeDefined();
    expect(notWellFormed('<feed><title>A &amp; B</title></feed>')).toBeUndefined();
  });

  it('has cases with every special character', () => {
    expect(cases.length).toBeGreaterThan(140);
    for (const piece of ['<', '&', '"', "'", ']]>', '\n'])
      expect(
        cases.some((text) => text.includes(piece)),
        piece,
      ).toBe(true);
  });

  it('RSS: valid XML, the text back in title, description, dc:creator and category', async () => {
    for (const text of cases) {
      const xml = await getRssString(rssOptions(channel(text), [article(text)]));
      expect(notWellFormed(xml), text).toBeUndefined();
      const rss = parser.parse(xml).rss.channel;
      expect(textOf(rss.title), text).toBe(text);
      const item = rss.item;
      expect(textOf(item.title)).toBe(text);
      expect(textOf(item.description)).toBe(text);
      expect(textOf(item['dc:creator'])).toBe(text);
      expect(asList(item.category).map(textOf)).toEqual([text]);
    }
  });

  it('Atom: valid XML, the text back in title, summary, author name and category', () => {
    for (const text of cases) {
      const xml = atomFeed(channel(text), [article(text)]);
      expect(notWellFormed(xml), text).toBeUndefined();
      const feed = parser.parse(xml).feed;
      expect(textOf(feed.title), text).toBe(text);
      const entry = feed.entry;
      expect(textOf(entry.title)).toBe(text);
      expect(textOf(entry.summary)).toBe(text);
      expect(textOf(entry.author.name)).toBe(text);
      // An attribute value: XML parsers may turn a raw line break or tab into a space.
      const spaced = (value: string) => value.replace(/[\t\n]/g, ' ');
      expect(spaced(entry.category['@_term'])).toBe(spaced(text));
    }
  });

  it('JSON Feed: the text back in title, summary, author name and tag', () => {
    for (const text of cases) {
      const feed = JSON.parse(JSON.stringify(jsonFeed(channel(text), [article(text)])));
      expect(feed.title).toBe(text);
      expect(feed.items[0].title).toBe(text);
      expect(feed.items[0].summary).toBe(text);
      expect(feed.items[0].authors[0].name).toBe(text);
      expect(feed.items[0].tags).toEqual([text]);
    }
  });

  it('corrections: valid XML, the text back from the item content of RSS, Atom and JSON Feed', async () => {
    for (const text of cases) {
      const corrections = correctionsHtml([{ date: new Date('2024-01-02T00:00:00Z'), text }], () => '2 January 2024');
      const item = { ...article('plain'), content: `<p>Body</p>${corrections}` };
      const rssXml = await getRssString(rssOptions(channel('plain'), [item]));
      const atomXml = atomFeed(channel('plain'), [item]);
      expect(notWellFormed(rssXml), text).toBeUndefined();
      expect(notWellFormed(atomXml), text).toBeUndefined();
      const contents = [
        textOf(parser.parse(rssXml).rss.channel.item['content:encoded']),
        textOf(parser.parse(atomXml).feed.entry.content),
        JSON.parse(JSON.stringify(jsonFeed(channel('plain'), [item]))).items[0].content_html,
      ];
      for (const html of contents) {
        expect(parseHTML(`<div>${html}</div>`).document.querySelector('section li')!.textContent, text).toBe(`2 January 2024: ${text}`);
      }
    }
  });
});
