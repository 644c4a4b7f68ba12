import { describe, expect, it } from 'vitest';
import { absoluteUrl, makePaths, normaliseBase, normaliseSiteUrl, pageParam, periodParams } from '../../src/lib/urls.ts';

describe('normaliseBase', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['news', '/news/'],
    ['/news', '/news/'],
    ['/a/b/', '/a/b/'],
    ['//a//', '/a/'],
  ])('turns %j into %j', (input, expected) => {
    expect(normaliseBase(input)).toBe(expected);
  });
});

describe('normaliseSiteUrl', () => {
  it('keeps the origin only', () => {
    expect(normaliseSiteUrl('https://news.example.org/')).toBe('https://news.example.org');
  });

  it('rejects a path and points to BASE_PATH', () => {
    expect(() => normaliseSiteUrl('https://example.org/news')).toThrow(/BASE_PATH/);
  });

  it('rejects a value that is not a URL, naming the variable', () => {
    expect(() => normaliseSiteUrl('news.example.org')).toThrow(/^SITE_URL: /);
  });

  it('rejects other schemes', () => {
    expect(() => normaliseSiteUrl('ftp://example.org')).toThrow(/https/);
  });
});

describe('makePaths', () => {
  const root = makePaths('/');
  const sub = makePaths('/newsroom');

  it('builds every route at the root', () => {
    expect(root.home()).toBe('/');
    expect(root.article('lab-opens')).toBe('/articles/lab-opens/');
    expect(root.archive()).toBe('/archive/');
    expect(root.archiveMonth(2026, 3)).toBe('/archive/2026/03/');
    expect(root.author('wei-zhang')).toBe('/authors/wei-zhang/');
    expect(root.author('wei-zhang', 2019)).toBe('/authors/wei-zhang/2019/');
    expect(root.topic('china', 2026)).toBe('/topics/china/2026/');
    expect(root.corrections(2)).toBe('/corrections/2/');
    expect(root.page('about')).toBe('/about/');
    expect(root.feed('rss')).toBe('/rss.xml');
    expect(root.feed('json', { topic: 'ev' })).toBe('/topics/ev/feed.json');
    expect(root.feed('atom', { author: 'ann' })).toBe('/authors/ann/atom.xml');
    expect(makePaths('/news').feed('atom', { author: 'ann' })).toBe('/news/authors/ann/atom.xml');
    expect(root.feeds()).toBe('/feeds/');
    expect(makePaths('/news').feeds()).toBe('/news/feeds/');
    expect(root.sitemap()).toBe('/sitemap-index.xml');
  });

  it('prefixes the base path exactly once', () => {
    expect(sub.home()).toBe('/newsroom/');
    expect(sub.article('x')).toBe('/newsroom/articles/x/');
    expect(sub.withBase('/articles/x/#part')).toBe('/newsroom/articles/x/#part');
  });

  it('leaves external, relative and protocol-relative URLs alone', () => {
    for (const url of ['https://example.org/', '../x/', '#top', '//cdn.example.org/x', 'mailto:a@b.c']) {
      expect(sub.withBase(url)).toBe(url);
    }
  });

  it('keeps years, months and page numbers out of article URLs: lists page under their own path', () => {
    for (const path of [root.archiveMonth(2026, 1), root.topic('x', 2026), root.author('x', 2026), root.corrections(2)]) {
      expect(path).toMatch(/^\/(?:archive|topics|authors|corrections)\//);
    }
  });

  it('rejects page numbers below 1, months outside 1–12 and years outside 1–9999', () => {
    expect(() => root.corrections(0)).toThrow(/page number/);
    for (const month of [0, 13, 1.5, Number.NaN]) expect(() => root.archiveMonth(2026, month)).toThrow(/month/);
    for (const year of [0, 10_000, 2026.5]) expect(() => root.topic('x', year)).toThrow(/year/);
    expect(root.archiveMonth(987, 12)).toBe('/archive/0987/12/');
  });

  it('gives a month and a year the route parameters of the pages that serve them', () => {
    expect(periodParams({ year: 2026, month: 3 })).toEqual({ year: '2026', month: '03' });
    expect(periodParams({ year: 2026 })).toEqual({ year: '2026' });
    expect(periodParams()).toEqual({ year: undefined });
  });

  it('escapes unsafe characters in segments', () => {
    expect(root.article('a b')).toBe('/articles/a%20b/');
  });
});

describe('pageParam and absoluteUrl', () => {
  it('gives page 1 no parameter', () => {
    expect(pageParam(1)).toBeUndefined();
    expect(pageParam(4)).toBe('4');
  });

  it('joins origin and path', () => {
    expect(absoluteUrl('/newsroom/rss.xml', 'https://u.github.io')).toBe('https://u.github.io/newsroom/rss.xml');
  });
});

describe('paths added for large sites', () => {
  it('pages the corrections log like the other lists, and names topic cards', () => {
    const root = makePaths('/');
    const sub = makePaths('/newsroom');
    expect(root.corrections()).toBe('/corrections/');
    expect(root.corrections(1)).toBe('/corrections/');
    expect(root.corrections(3)).toBe('/corrections/3/');
    expect(sub.corrections(2)).toBe('/newsroom/corrections/2/');
    expect(root.topicCard('electric')).toBe('/og/topics/electric.png');
    expect(sub.topicCard('electric')).toBe('/newsroom/og/topics/electric.png');
  });

  it("names the cards of authors, docs pages and the site in folders an article's card cannot take", () => {
    const root = makePaths('/');
    const sub = makePaths('/newsroom');
    expect(root.authorCard('wei-zhang')).toBe('/og/authors/wei-zhang.png');
    expect(root.pageCard('about')).toBe('/og/pages/about.png');
    expect(root.siteCard()).toBe('/og/site/default.png');
    expect(sub.siteCard()).toBe('/newsroom/og/site/default.png');
    // An article's card is /og/<slug>.png: even an article named like a folder keeps its own file.
    for (const slug of ['site', 'authors', 'pages', 'topics']) {
      expect([root.siteCard(), root.authorCard('x'), root.pageCard('x'), root.topicCard('x')]).not.toContain(root.socialCard(slug));
    }
  });
});

describe('card thumbnails', () => {
  it('sit beside the cards, under small/, as WebP, with the base path', () => {
    const root = makePaths('/');
    const sub = makePaths('/newsroom');
    expect(root.socialCardThumbnail('new-lab')).toBe('/og/small/new-lab.webp');
    expect(sub.socialCardThumbnail('new-lab')).toBe('/newsroom/og/small/new-lab.webp');
    expect(root.topicCardThumbnail('electric')).toBe('/og/topics/small/electric.webp');
    expect(sub.topicCardThumbnail('electric')).toBe('/newsroom/og/topics/small/electric.webp');
  });
});
