/**
 * The built site, as readers, feed readers and crawlers get it. test/site/setup.ts builds content/
 * plus the fixtures once; these tests parse the HTML and XML it wrote.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { parse as parseYaml } from 'yaml';
import { SITE_CONTENT, SITE_DIST, SITE_URL } from '../helpers.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [relative(SITE_DIST, full)];
  });
}

const all = files(SITE_DIST);
const html = all.filter((f) => f.endsWith('.html'));
const read = (file: string) => readFileSync(join(SITE_DIST, file), 'utf8');
const doc = (file: string) => parseHTML(read(file)).document;
const urlOf = (file: string) => `${SITE_URL}/${file.replace(/index\.html$/, '')}`;

/** Facts straight from the content files the test build used, read without the site's code. */
const ARTICLES = join(SITE_CONTENT, 'articles');
const sources = readdirSync(ARTICLES).map((name) => {
  const path = statSync(join(ARTICLES, name)).isDirectory() ? join(name, 'index.mdx') : name;
  const text = readFileSync(join(ARTICLES, path), 'utf8');
  const data = parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) as Record<string, unknown>;
  return { slug: name.replace(/\.mdx$/, ''), data };
});
const today = new Date().toISOString().slice(0, 10);
// Drafts and articles dated after today are not public (date-only strings compare as days).
const published = sources.filter((s) => !s.data.draft && String(s.data.published) <= today);
/** Old addresses from the content's redirects file: `articles/old/index.html` for `/articles/old/`. */
const redirects = parseYaml(readFileSync(join(SITE_CONTENT, 'redirects.yaml'), 'utf8')) as { from: string; to: string }[];
const movedPages = redirects.map((r) => `${r.from.slice(1)}index.html`);
const articlePages = html.filter((f) => /^articles\/[^/]+\/index\.html$/.test(f) && !movedPages.includes(f));
/** Each author profile's frontmatter, by id. */
const authorProfiles = new Map(
  readdirSync(join(SITE_CONTENT, 'authors'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => {
      const text = readFileSync(join(SITE_CONTENT, 'authors', name), 'utf8');
      const data = parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) as { name: string; role: string; links?: { url: string }[] };
      return [name.slice(0, -3), data] as const;
    }),
);
const topicIds = (parseYaml(readFileSync(join(SITE_CONTENT, 'topics.yaml'), 'utf8')) as { id: string }[]).map((t) => t.id);
/** The day an article was last changed: its latest published, updated or correction date. */
const modifiedDay = (data: Record<string, unknown>) =>
  [data.published, data.updated, ...((data.corrections as { date: unknown }[] | undefined) ?? []).map((c) => c.date)]
    .filter((day) => day !== undefined)
    .map(String)
    .sort()
    .at(-1)!;

describe('article pages', () => {
  it('exist for every published article and for nothing else', () => {
    expect(articlePages.map((f) => f.split('/')[1]).sort()).toEqual(published.map((s) => s.slug).sort());
  });

  it.each(articlePages)('%s has one h1, canonical, Open Graph and Twitter meta', (file) => {
    const d = doc(file);
    const source = published.find((s) => file === `articles/${s.slug}/index.html`)!;
    expect(d.querySelectorAll('h1')).toHaveLength(1);
    expect(d.querySelector('h1')!.textContent).toBe(source.data.title);
    expect(d.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(urlOf(file));
    expect(d.querySelector('meta[property="og:type"]')!.getAttribute('content')).toBe('article');
    expect(d.querySelector('meta[property="og:url"]')!.getAttribute('content')).toBe(urlOf(file));
    expect(d.querySelector('meta[property="og:title"]')!.getAttribute('content')).toBe(source.data.title);
    expect(d.querySelector('meta[name="description"]')!.getAttribute('content')).toBe(source.data.description);
    expect(d.querySelector('meta[name="twitter:card"]')).not.toBeNull();
  });

  it.each(articlePages)('%s has a byline, author box, share links, a way to report an error and an edit link', (file) => {
    const d = doc(file);
    const source = published.find((s) => file === `articles/${s.slug}/index.html`)!;
    const authors = source.data.authors as string[];
    const bylineLinks = [...d.querySelectorAll('.byline a[rel="author"]')].map((a) => a.getAttribute('href'));
    expect(bylineLinks).toEqual(authors.map((id) => `/authors/${id}/`));
    expect(d.querySelector('.byline time')!.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const boxes = [...d.querySelectorAll('.author-box .author-box-inner')];
    expect(boxes).toHaveLength(authors.length);
    for (const [i, box] of boxes.entries()) {
      expect(box.querySelector(`a[href="/authors/${authors[i]}/"]`)).not.toBeNull();
      expect(box.querySelector('.author-role')!.textContent!.length).toBeGreaterThan(0);
      expect(box.querySelector('.author-bio p')).not.toBeNull();
    }
    const share = [...d.querySelectorAll('.share a')].map((a) => a.getAttribute('data-network'));
    expect(share).toEqual(['linkedin', 'x', 'bluesky', 'mastodon', 'email']);
    expect(d.querySelector('.share script, script[src]')).toBeNull();
    // The address to copy, without a script: the page's own canonical URL in a labelled field.
    const field = d.querySelector('.share input#share-url')!;
    expect(field.getAttribute('value')).toBe(urlOf(file));
    expect(field.hasAttribute('readonly')).toBe(true);
    expect(d.querySelector('label[for="share-url"]')!.textContent).toBe('Link to this story');
    expect(d.querySelector('.report-error a[href*="/issues/new"]')).not.toBeNull();
    expect(d.querySelector('.report-error a[href^="mailto:"]')).not.toBeNull();
    const edit = d.querySelector('.edit-link a')!;
    expect(edit.getAttribute('href')).toMatch(new RegExp(`/edit/main/.+/articles/${source.slug}(\\.mdx|/index\\.mdx)$`));
    for (const id of source.data.topics as string[]) expect(d.querySelector(`.topic-list a[href="/topics/${id}/"]`)).not.toBeNull();
  });

  it('shows the hero image responsively with alt text, caption and credit', () => {
    const d = doc('articles/alliance-innovation-lab-shanghai/index.html');
    const figure = d.querySelector('figure.hero')!;
    expect([...figure.querySelectorAll('source')].map((s) => s.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
    const img = figure.querySelector('img')!;
    expect(img.getAttribute('alt')!.length).toBeGreaterThan(20);
    expect(Number(img.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(img.getAttribute('height'))).toBeGreaterThan(0);
    expect(figure.querySelector('figcaption .credit')!.textContent).toBe('Illustration: The Mobility Desk');
    const ogImage = d.querySelector('meta[property="og:image"]')!.getAttribute('content')!;
    expect(ogImage.startsWith(`${SITE_URL}/_astro/`)).toBe(true);
    expect(all).toContain(ogImage.slice(SITE_URL.length + 1));
  });

  it('renders pull quotes, related articles and an on-page table of contents', () => {
    const d = doc('articles/alliance-innovation-lab-shanghai/index.html');
    expect(d.querySelector('.pull-quote blockquote')!.textContent).toContain('leading edge');
    expect(d.querySelector('.pull-quote figcaption')!.textContent).toContain('Takao Asami');
    expect(d.querySelectorAll('.related li').length).toBeGreaterThan(0);
    const tocTargets = [...d.querySelectorAll('.toc a')].map((a) => a.getAttribute('href')!.slice(1));
    expect(tocTargets.length).toBeGreaterThanOrEqual(3);
    for (const id of tocTargets) expect(d.getElementById(id)).not.toBeNull();
  });

  it('shows the updated date when there is one', () => {
    const times = [...doc('articles/alliance-2022-plan-in-numbers/index.html').querySelectorAll('.byline time')];
    expect(times.map((t) => t.textContent)).toEqual(['4 March 2019', '6 March 2019']);
  });
});

describe('every page', () => {
  it.each(html)('%s has one h1, a main landmark, a language and the feed link', (file) => {
    const d = doc(file);
    expect(d.querySelectorAll('h1')).toHaveLength(1);
    expect(d.querySelector('main#main')).not.toBeNull();
    expect(d.documentElement.getAttribute('lang')).toBe('en-GB');
    const feeds = [...d.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')].map((l) => l.getAttribute('href'));
    expect(feeds).toContain(`${SITE_URL}/rss.xml`);
    expect(d.querySelector('meta[http-equiv="content-security-policy"]')).not.toBeNull();
  });

  it.each(html)('%s keeps the space between a word and the link after it', (file) => {
    // compressHTML drops a line break between text and a tag: such lines need {" "}.
    expect(read(file).match(/[\w.,;:·]<a [^>]*>[^<]*/g) ?? []).toEqual([]);
  });

  it('include the docs pages, lists and a 404 page', () => {
    for (const page of ['about', 'contributing', 'editorial-standards', 'archive', 'authors', 'topics']) {
      expect(html).toContain(`${page}/index.html`);
    }
    const notFound = doc('404.html');
    expect(notFound.querySelector('meta[name="robots"]')!.getAttribute('content')).toBe('noindex');
    expect(notFound.querySelector('main a[href="/"]')).not.toBeNull();
  });
});

describe('lists', () => {
  const titles = (file: string) => [...doc(file).querySelectorAll('.story-list .story-title')].map((h) => h.textContent);
  const newestFirst = [...published].sort((a, b) => String(b.data.published).localeCompare(String(a.data.published)));

  it('the archive lists every published article, newest first', () => {
    expect(titles('archive/index.html')).toEqual(newestFirst.map((s) => s.data.title));
  });

  it('author and topic pages list exactly their articles', () => {
    expect([...authorProfiles.keys()].sort()).toEqual(['lena-hartmann', 'wei-zhang']);
    expect(topicIds.length).toBeGreaterThan(5);
    for (const id of authorProfiles.keys()) {
      const expected = newestFirst.filter((s) => (s.data.authors as string[]).includes(id)).map((s) => s.data.title);
      expect(expected.length, id).toBeGreaterThan(0);
      expect(titles(`authors/${id}/index.html`), id).toEqual(expected);
    }
    for (const id of topicIds) {
      const expected = newestFirst.filter((s) => (s.data.topics as string[]).includes(id)).map((s) => s.data.title);
      expect(expected.length, id).toBeGreaterThan(0);
      expect(titles(`topics/${id}/index.html`), id).toEqual(expected);
    }
  });
});

describe('RSS feed', () => {
  const xml = read('rss.xml');
  const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'category', 'dc:creator'].includes(name) }).parse(xml);
  const items = feed.rss.channel.item as Record<string, unknown>[];

  it('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('has the published articles, newest first, and no draft', () => {
    const dates = items.map((item) => Date.parse(String(item.pubDate)));
    expect(items).toHaveLength(published.length);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(items.map((item) => item.link)).toEqual(
      [...published]
        .sort((a, b) => String(b.data.published).localeCompare(String(a.data.published)))
        .map((s) => `${SITE_URL}/articles/${s.slug}/`),
    );
  });

  it('carries full content, categories and authors', () => {
    const lab = items.find((item) => String(item.link).endsWith('/alliance-innovation-lab-shanghai/'))!;
    expect(lab['dc:creator']).toEqual(['Wei Zhang']);
    expect(lab.category).toContain('China');
    expect(String(lab['content:encoded'])).toContain('<figure class="pull-quote">');
    expect(String(lab['content:encoded'])).toContain('<h2 id="why-shanghai">');
  });

  it('uses only absolute URLs in items, images included', () => {
    for (const item of items) {
      const content = parseHTML(`<div>${item['content:encoded']}</div>`).document;
      const urls = [...content.querySelectorAll('[href], [src]')].map((el) => el.getAttribute('href') ?? el.getAttribute('src')!);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).toMatch(/^(https?:|mailto:)/);
    }
    const lab = items.find((item) => String(item.link).endsWith('/alliance-innovation-lab-shanghai/'))!;
    expect(String(lab['content:encoded'])).toMatch(new RegExp(`<img src="${SITE_URL}/_astro/[^"]+\\.jpe?g"`));
  });

  it('links to itself and to the site', () => {
    expect(feed.rss.channel['atom:link']['@_href']).toBe(`${SITE_URL}/rss.xml`);
    expect(feed.rss.channel.link).toBe(`${SITE_URL}/`);
  });
});

describe('sitemap and robots.txt', () => {
  const parser = new XMLParser({ isArray: (name) => ['url', 'sitemap'].includes(name) });
  const index = parser.parse(read('sitemap-index.xml'));
  const urls = index.sitemapindex.sitemap.flatMap(
    (s: { loc: string }) => parser.parse(read(s.loc.slice(SITE_URL.length + 1))).urlset.url as { loc: string; lastmod?: string }[],
  );

  it('lists every public page once, and not the 404 page or moved addresses', () => {
    expect(movedPages.length).toBeGreaterThan(0);
    const expected = html
      .filter((f) => f !== '404.html' && !movedPages.includes(f))
      .map(urlOf)
      .sort();
    expect(urls.map((u: { loc: string }) => u.loc).sort()).toEqual(expected);
  });

  it("gives each article its own updated or published day as lastmod, never the build's", () => {
    const lastmod = (slug: string) => urls.find((u: { loc: string }) => u.loc === `${SITE_URL}/articles/${slug}/`)?.lastmod;
    expect(lastmod('alliance-2022-plan-in-numbers')).toMatch(/^2019-03-06/);
    expect(lastmod('alliance-innovation-lab-shanghai')).toMatch(/^2019-02-28/);
    // Midnight in London, the site's time zone, which is on UTC in February and March.
    for (const source of published) expect(lastmod(source.slug), source.slug).toBe(`${modifiedDay(source.data)}T00:00:00.000Z`);
  });

  it('robots.txt points to the sitemap', () => {
    expect(read('robots.txt')).toContain(`Sitemap: ${SITE_URL}/sitemap-index.xml`);
  });
});

describe('drafts and scheduled articles', () => {
  it('are in the test content, so the checks below can fail', () => {
    expect(sources.map((s) => s.slug)).toEqual(expect.arrayContaining(['draft-fixture', 'scheduled-fixture']));
    expect(published.map((s) => s.slug)).not.toContain('scheduled-fixture');
  });

  it('appear in no file of the build: pages, feed, sitemap or lists', () => {
    const text = all.filter((f) => /\.(html|xml|txt|json)$/.test(f)).map((f) => read(f));
    expect(text.length).toBeGreaterThan(20);
    for (const content of text) {
      for (const marker of ['DRAFT-FIXTURE-BODY', 'draft-fixture', 'Draft fixture that must never be published']) {
        expect(content).not.toContain(marker);
      }
      for (const marker of ['SCHEDULED-FIXTURE-BODY', 'scheduled-fixture', 'Scheduled fixture that must not be published']) {
        expect(content).not.toContain(marker);
      }
      // The class is in every page's inline CSS; the element must be on none.
      expect(content).not.toMatch(/class="[^"]*status-banner/);
    }
  });
});

describe('images', () => {
  const images = all.filter((f) => /\.(?:jpe?g|png|webp|avif|gif|svg)$/i.test(f) && f.startsWith('_astro/'));
  /** Every URL path any page, feed, sitemap or JSON file of the build mentions. */
  const mentioned = new Set(
    all
      .filter((f) => /\.(html|xml|json|css|js|txt)$/.test(f))
      .flatMap((f) => [...read(f).matchAll(/\/_astro\/[\w.-]+/g)].map((m) => m[0].slice(1))),
  );

  it('are only the versions the pages and feeds use: no original beside them', () => {
    expect(images.length).toBeGreaterThan(10);
    expect(images.filter((f) => !mentioned.has(f))).toEqual([]);
    expect(images.filter((f) => f.includes('photo-with-exif')).length).toBeGreaterThan(0);
    // And every image something names is there: removing the originals took nothing in use.
    expect([...mentioned].filter((f) => !all.includes(f))).toEqual([]);
  });

  it('carry no camera metadata', async () => {
    expect(readFileSync(join(SITE_CONTENT, 'articles/components-fixture/photo-with-exif.jpg')).includes('EXIF-FIXTURE-SECRET')).toBe(true);
    for (const image of images) {
      const bytes = readFileSync(join(SITE_DIST, image));
      expect(bytes.includes('EXIF-FIXTURE-SECRET'), image).toBe(false);
      if (!image.endsWith('.svg')) expect((await sharp(bytes).metadata()).exif, image).toBeUndefined();
    }
  });

  it('of drafts and scheduled articles are not published', () => {
    expect(all.filter((f) => /(?:draft|scheduled)-fixture-photo/.test(f))).toEqual([]);
  });
});

describe('approved MDX components', () => {
  const d = doc('articles/components-fixture/index.html');
  const body = d.querySelector('.article .prose')!;

  it('render a pull quote and a callout', () => {
    expect(body.querySelector('.pull-quote blockquote')!.textContent).toContain('Quoted words.');
    expect(body.querySelector('.pull-quote figcaption')!.textContent).toBe('A fixture');
    expect(body.querySelector('.callout .callout-title')!.textContent).toBe('Background');
  });

  it('render a figure whose Markdown image is optimised, with caption and credit', () => {
    const img = body.querySelector('figure.figure img')!;
    expect(img.getAttribute('alt')).toBe('A test chart');
    expect(img.getAttribute('src')).toMatch(/^\/_astro\/chart\.[\w-]+\.webp$/);
    expect(body.querySelector('figure.figure figcaption .credit')!.textContent).toBe('Chart: The Mobility Desk');
  });

  it('render a video as a plain link and a map as a link to OpenStreetMap, loading nothing from elsewhere', () => {
    expect(body.querySelector('.video a')!.getAttribute('href')).toBe('https://www.youtube.com/watch?v=abc123XYZ_-');
    const map = body.querySelector('.map a')!.getAttribute('href')!;
    expect(new URL(map).searchParams.get('mlat')).toBe('31.2304');
    expect(body.querySelector('.map figcaption')!.textContent).toContain('31.2304° N, 121.4737° E');
    const remote = [...d.querySelectorAll('iframe, script[src], img[src^="http"], video[src^="http"]')];
    expect(remote).toEqual([]);
  });

  it('keep plain values written in braces', () => {
    expect(body.textContent).toContain('Plain values in braces are allowed: 2019.');
  });
});

describe('structured data', () => {
  const graph = (file: string) => {
    const scripts = [...doc(file).querySelectorAll('script[type="application/ld+json"]')];
    expect(scripts).toHaveLength(1);
    return JSON.parse(scripts[0]!.textContent!)['@graph'] as Record<string, any>[];
  };

  it.each(articlePages)('%s has a NewsArticle and breadcrumbs that agree with the page', (file) => {
    const d = doc(file);
    const [article, crumbs] = graph(file);
    const source = published.find((s) => file === `articles/${s.slug}/index.html`)!;
    expect(article!['@type']).toBe('NewsArticle');
    expect(article!.headline).toBe(source.data.title);
    expect(article!.mainEntityOfPage['@id']).toBe(urlOf(file));
    expect(article!.datePublished).toBe(d.querySelector('meta[property="article:published_time"]')!.getAttribute('content'));
    expect(article!.dateModified).toBe(d.querySelector('meta[property="article:modified_time"]')!.getAttribute('content'));
    expect(article!.author.map((p: { url: string }) => p.url)).toEqual(
      (source.data.authors as string[]).map((id) => `${SITE_URL}/authors/${id}/`),
    );
    expect(article!.author.map((person: { jobTitle: string }) => person.jobTitle)).toEqual(
      (source.data.authors as string[]).map((id) => authorProfiles.get(id)!.role),
    );
    expect(article!.publisher.logo.url).toBe(`${SITE_URL}/logo.png`);
    expect(all).toContain('logo.png');
    // The image shared on social networks, a hero or a card, and the dateline only where the frontmatter gives one.
    expect(article!.image).toEqual([d.querySelector('meta[property="og:image"]')!.getAttribute('content')]);
    expect(article!.dateline).toBe(source.data.location);
    expect(crumbs!['@type']).toBe('BreadcrumbList');
    expect(crumbs!.itemListElement.at(-1).item).toBe(urlOf(file));
    for (const item of crumbs!.itemListElement) expect(item.item).toMatch(/^https:\/\//);
  });

  it('has a Person on author pages and the WebSite on the home page', () => {
    const [person] = graph('authors/wei-zhang/index.html');
    expect(person).toMatchObject({
      '@type': 'Person',
      name: 'Wei Zhang',
      jobTitle: 'Shanghai correspondent',
      url: `${SITE_URL}/authors/wei-zhang/`,
    });
    expect(person!.image).toMatch(/^https:\/\/news\.test\.example\/_astro\/.+\.jpe?g$/);
    expect(authorProfiles.size).toBeGreaterThan(1);
    for (const [id, profile] of authorProfiles) {
      const [other] = graph(`authors/${id}/index.html`);
      expect(other, id).toMatchObject({ '@type': 'Person', name: profile.name, jobTitle: profile.role, url: `${SITE_URL}/authors/${id}/` });
      expect(all).toContain(other!.image.slice(SITE_URL.length + 1));
    }
    const [website] = graph('index.html');
    expect(website).toMatchObject({ '@type': 'WebSite', url: `${SITE_URL}/`, name: doc('index.html').querySelector('h1')!.textContent });
  });
});

describe('reading aids', () => {
  it('gives every article a reading time', () => {
    expect(articlePages).toHaveLength(published.length);
    for (const file of articlePages) expect(doc(file).querySelector('.byline-reading')!.textContent).toMatch(/^\d+ min read$/);
  });

  it('links each article to the next older and newer ones, in archive order', () => {
    const order = [...doc('archive/index.html').querySelectorAll('.story-list a.story-link')].map((a) => a.getAttribute('href'));
    expect(order).toHaveLength(published.length);
    order.forEach((href, index) => {
      const nav = doc(`${href!.slice(1)}index.html`).querySelector('.article-nav')!;
      expect(nav.querySelector('a[rel="next"]')?.getAttribute('href')).toBe(order[index - 1]);
      expect(nav.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe(order[index + 1]);
    });
  });

  it('shows corrections on the article, in its modified date, and on /corrections/', () => {
    const source = published.find((s) => Array.isArray(s.data.corrections))!;
    const corrections = source.data.corrections as { date: string; text: string }[];
    const d = doc(`articles/${source.slug}/index.html`);
    expect(d.querySelector('.corrections li')!.textContent).toContain(corrections[0]!.text.slice(0, 40));
    expect(d.querySelector('meta[property="article:modified_time"]')!.getAttribute('content')).toMatch(
      new RegExp(`^${corrections.at(-1)!.date}`),
    );
    const list = doc('corrections/index.html').querySelectorAll('.corrections-list li');
    expect(list).toHaveLength(published.flatMap((s) => (s.data.corrections as unknown[] | undefined) ?? []).length);
    expect(list[0]!.querySelector('a')!.getAttribute('href')).toBe(`/articles/${source.slug}/`);
  });
});

describe('social images', () => {
  it.each(articlePages)('%s shares its own image: the hero, or its generated card', async (file) => {
    const d = doc(file);
    const source = published.find((s) => file === `articles/${s.slug}/index.html`)!;
    const og = d.querySelector('meta[property="og:image"]')!.getAttribute('content')!;
    expect(d.querySelector('meta[name="twitter:card"]')!.getAttribute('content')).toBe('summary_large_image');
    if (source.data.image) {
      expect(og).toMatch(new RegExp(`^${SITE_URL}/_astro/.+\\.jpe?g$`));
    } else {
      expect(og).toBe(`${SITE_URL}/og/${source.slug}.png`);
      const { default: sharp } = await import('sharp');
      expect(await sharp(join(SITE_DIST, `og/${source.slug}.png`)).metadata()).toMatchObject({ width: 1200, height: 630, format: 'png' });
    }
  });
});

describe('fediverse attribution', () => {
  it("names each author's Mastodon account as fediverse:creator, and only where one is given", () => {
    const creators = (file: string) =>
      [...doc(file).querySelectorAll('meta[name="fediverse:creator"]')].map((m) => m.getAttribute('content'));
    const profile = readFileSync(join(SITE_CONTENT, 'authors/wei-zhang.md'), 'utf8');
    const mastodon = /url: (https:\/\/[^/\s]+)\/@(\w+)/.exec(profile)!;
    expect(creators('articles/alliance-innovation-lab-shanghai/index.html')).toEqual([`@${mastodon[2]}@${new URL(mastodon[1]!).host}`]);
    expect(creators('articles/alliance-2022-plan-in-numbers/index.html')).toEqual([]);
    // Every article: the handles of those of its authors whose profile links to a Mastodon-style @user page.
    const handles = (id: string) =>
      (authorProfiles.get(id)!.links ?? []).flatMap(({ url }) => {
        const match = /^https:\/\/([^/]+)\/@(\w+)$/.exec(url);
        return match ? [`@${match[2]}@${match[1]}`] : [];
      });
    for (const source of published) {
      expect(creators(`articles/${source.slug}/index.html`), source.slug).toEqual((source.data.authors as string[]).flatMap(handles));
    }
  });
});

describe('moved addresses', () => {
  it('are in the test content, so the checks below can fail', () => {
    expect(redirects.length).toBeGreaterThan(0);
  });

  it('become 301 rules in _redirects for Netlify and Cloudflare Pages, with and without the slash', () => {
    const rules = read('_redirects')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(/\s+/));
    for (const { from, to } of redirects) {
      expect(rules).toContainEqual([from, to, '301']);
      expect(rules).toContainEqual([from.slice(0, -1), to, '301']);
    }
    expect(rules).toHaveLength(redirects.length * 2);
  });

  it.each(redirects)('$from sends readers and crawlers on to $to on any static host', ({ from, to }) => {
    const d = doc(`${from.slice(1)}index.html`);
    expect(d.querySelector('meta[http-equiv="refresh"]')!.getAttribute('content')).toBe(`0; url=${to}`);
    expect(d.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(new URL(to, SITE_URL).href);
    expect(d.querySelector(`main a[href="${to}"]`)).not.toBeNull();
    // The new address is a real page of this build.
    expect(html).toContain(`${to.slice(1)}index.html`);
  });
});

describe('wording', () => {
  it('gives a co-authored article one heading over its authors, and a single author the singular', () => {
    const coAuthored = sources.find((s) => (s.data.authors as string[]).length > 1)!;
    const single = sources.find((s) => (s.data.authors as string[]).length === 1 && !s.data.draft)!;
    const headings = (slug: string) => [...doc(`articles/${slug}/index.html`).querySelectorAll('.author-box h2')].map((h) => h.textContent);
    expect(headings(coAuthored.slug)).toEqual(['About the authors']);
    expect(doc(`articles/${coAuthored.slug}/index.html`).querySelectorAll('.author-box .author-name')).toHaveLength(2);
    expect(headings(single.slug)).toEqual(['About the author']);
  });

  it("keeps every page's title within what search results show, or gives the headline alone", () => {
    for (const file of html) {
      const d = doc(file);
      const title = d.querySelector('title')!.textContent!;
      const own = d.querySelector('meta[property="og:title"]')!.getAttribute('content');
      expect(title.length <= 60 || title === own, `${file}: ${title}`).toBe(true);
    }
  });

  it('promises no comments, and does not say the site publishes itself', () => {
    for (const file of html) {
      const text = doc(file).body.textContent ?? '';
      expect(text, file).not.toMatch(/Comments are closed|The Mobility Desk is published by The Mobility Desk/);
    }
    expect(doc('index.html').querySelector('.site-footer')!.textContent).not.toMatch(/published by/);
  });

  it('says in every footer whose the site is and how to write to it', () => {
    for (const file of html) {
      const line = doc(file).querySelector('.site-footer .publisher');
      expect(line?.textContent?.replace(/\s+/g, ' ').trim(), file).toBe(
        '© The Mobility Desk. Write to the desk at corrections@mobility-desk.example.org.',
      );
      expect(line!.querySelector('a')!.getAttribute('href'), file).toBe('mailto:corrections@mobility-desk.example.org');
    }
  });
});
