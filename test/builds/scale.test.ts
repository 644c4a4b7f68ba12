/**
 * The scale logic on a generated corpus of a few hundred articles (scripts/lib/corpus.ts, the
 * benchmark's generator): page counts, the lists by month and year, feed limits, sitemap chunking, and no
 * page that grows with the collection, the search index in slices. Built once with the real build
 * command, with a small sitemap entry limit and search slice size so the chunking shows. Not timed:
 * speed is the benchmark's business.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus, type CorpusArticle } from '../../scripts/lib/corpus.ts';
import { slicesOf } from '../../src/integration/search-index.ts';
import { site } from '../../src/site.config.ts';
import { fragmentUrls, runBuild, SITE_URL, TMP } from '../helpers.ts';

const CONTENT = join(TMP, 'scale-content');
const DIST = join(TMP, 'scale-dist');
const SITEMAP_LIMIT = 100;
const CARD_COUNT = 15;
const SLICE_SIZE = 100;
const TIMINGS = join(TMP, 'scale-timings.json');
const { pageSize, feedSize, homeSize } = site;

const corpus = generateCorpus({ articles: 320, seed: 11, now: new Date(), drafts: 4, scheduled: 3 });
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
// Newest first, ties by slug: the site's order (dates are calendar days in the frontmatter).
const published = corpus.articles
  .filter((a) => a.status === 'published')
  .sort((a, b) => isoDay(b.published).localeCompare(isoDay(a.published)) || a.slug.localeCompare(b.slug));
const unpublished = corpus.articles.filter((a) => a.status !== 'published');

let pages: string[] = [];
const read = (file: string) => readFileSync(join(DIST, file), 'utf8');
const doc = (file: string) => parseHTML(read(file)).document;
const slugsOn = (file: string, selector = '.story-list a.story-link') =>
  [...doc(file).querySelectorAll(selector)].map((a) => a.getAttribute('href')!.split('/').at(-2)!);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [relative(DIST, full)];
  });
}

beforeAll(async () => {
  await writeCorpus(CONTENT, corpus);
  const { status, output } = runBuild(CONTENT, DIST, {
    SOCIAL_CARD_COUNT: String(CARD_COUNT),
    SITEMAP_ENTRY_LIMIT: String(SITEMAP_LIMIT),
    SEARCH_SLICE_SIZE: String(SLICE_SIZE),
    BUILD_TIMINGS: TIMINGS,
  });
  if (status !== 0) throw new Error(`The scale build failed:\n${output}`);
  pages = files(DIST).filter((file) => file.endsWith('.html'));
});

/**
 * A list by date, walked as a reader would: its own page (the newest `pageSize`), then every
 * period its index links to, each with newer/older links to its neighbours. Returns the slugs of
 * the periods' pages in order, which must be the whole list, newest first.
 */
function walkPeriods(first: string, newest: string[], indexLinks: string): string[] {
  const own = slugsOn(first);
  expect(own, first).toEqual(newest.slice(0, pageSize));
  const periods = [...doc(first).querySelectorAll(indexLinks)].map((a) => `${a.getAttribute('href')!.slice(1)}index.html`);
  expect(periods.length, first).toBeGreaterThan(0);
  const slugs: string[] = [];
  periods.forEach((file, i) => {
    const d = doc(file);
    const onPage = slugsOn(file);
    expect(onPage.length, file).toBeGreaterThan(0);
    // Headlines and dates only: a long list of a month or a year stays light.
    expect(d.querySelectorAll('.story-list img, .story-list .story-standfirst'), file).toHaveLength(0);
    const link = (rel: string) => d.querySelector(`.pagination a[rel="${rel}"]`)?.getAttribute('href');
    expect(link('prev'), `${file}: newer`).toBe(i === 0 ? undefined : `/${periods[i - 1]!.replace(/index\.html$/, '')}`);
    expect(link('next'), `${file}: older`).toBe(i === periods.length - 1 ? undefined : `/${periods[i + 1]!.replace(/index\.html$/, '')}`);
    slugs.push(...onPage);
  });
  return slugs;
}

/** The publication month of an article, `YYYY/MM`: its frontmatter gives the calendar day, which is the day in the site's time zone. */
const monthOf = (article: CorpusArticle) => isoDay(article.published).slice(0, 7).replace('-', '/');

const by = (field: 'topics' | 'authors', id: string) => published.filter((a: CorpusArticle) => a[field].includes(id));

describe('a site of a few hundred generated articles', () => {
  it('has one page per published article and none for drafts or scheduled ones', () => {
    const built = pages.filter((f) => /^articles\/[^/]+\/index\.html$/.test(f)).map((f) => f.split('/')[1]);
    expect(built.sort()).toEqual(published.map((a) => a.slug).sort());
    for (const article of unpublished) expect(built).not.toContain(article.slug);
  });

  it('lists the archive by month: the newest first, then every article once, newest first, one page per month', () => {
    expect(published.length).toBeGreaterThan(pageSize * 20);
    const slugs = published.map((a) => a.slug);
    expect(walkPeriods('archive/index.html', slugs, '.period-index a')).toEqual(slugs);
    const months = new Set(published.map(monthOf));
    expect(months.size).toBeGreaterThan(2);
    expect(pages.filter((file) => /^archive\/\d{4}\/\d{2}\/index\.html$/.test(file)).sort()).toEqual(
      [...months].map((month) => `archive/${month}/index.html`).sort(),
    );
    // No page numbers left over from a paginated archive.
    expect(pages.filter((file) => /^archive\/\d{1,3}\//.test(file))).toEqual([]);
  });

  it('lists every topic and author the same way, by year', () => {
    const lists = [
      ...corpus.topics.map((topic) => [`topics/${topic.id}/`, by('topics', topic.id)] as const),
      ...corpus.authors.map((author) => [`authors/${author.id}/`, by('authors', author.id)] as const),
    ];
    for (const [dir, articles] of lists) {
      const slugs = articles.map((a) => a.slug);
      expect(walkPeriods(`${dir}index.html`, slugs, '.period-index a'), dir).toEqual(slugs);
      const years = new Set(articles.map((a) => monthOf(a).slice(0, 4)));
      expect(pages.filter((file) => file.startsWith(dir) && /^\d+\/index\.html$/.test(file.slice(dir.length))).sort()).toEqual(
        [...years].map((year) => `${dir}${year}/index.html`).sort(),
      );
    }
  });

  it('paginates the corrections log and lists every correction once', () => {
    const total = published.reduce((sum, a) => sum + a.corrections, 0);
    expect(total).toBeGreaterThan(0);
    const last = Math.max(1, Math.ceil(total / pageSize));
    let seen = 0;
    for (let n = 1; n <= last; n++) {
      const items = doc(n === 1 ? 'corrections/index.html' : `corrections/${n}/index.html`).querySelectorAll('.corrections-list li');
      expect(items.length).toBeGreaterThan(0);
      expect(items.length).toBeLessThanOrEqual(pageSize);
      seen += items.length;
    }
    expect(seen).toBe(total);
    expect(existsSync(join(DIST, `corrections/${last + 1}/index.html`))).toBe(false);
  });

  it('keeps the front page and the indexes bounded', () => {
    // The top stories first: the newest of them with a hero image leads, the others follow.
    const top = published.slice(0, homeSize);
    const lead = top.find((a) => a.image) ?? top[0]!;
    const onFront = slugsOn('index.html', 'main .story a.story-link');
    expect(onFront.slice(0, homeSize)).toEqual([lead, ...top.filter((a) => a !== lead)].map((a) => a.slug));
    // Then six full sections of four from the later stories, each story once.
    expect(doc('index.html').querySelectorAll('main .topic-section')).toHaveLength(6);
    expect(onFront).toHaveLength(homeSize + 6 * 4);
    expect(new Set(onFront).size).toBe(onFront.length);
    expect(doc('topics/index.html').querySelectorAll('a[href*="/topics/"]').length).toBeLessThan(corpus.topics.length * 3);
    expect(doc('authors/index.html').querySelectorAll('a[href*="/authors/"]').length).toBeLessThan(corpus.authors.length * 3);
    // The feeds page: the site, each topic and each author, with its page and its three feeds.
    expect(feedRows()).toBe(4 * (1 + corpus.topics.length + corpus.authors.length));
  });

  /** The links of the feeds page's lists, which grow with topics and authors (like their indexes), not with articles. */
  const feedRows = () => doc('feeds/index.html').querySelectorAll('main tbody a').length;

  it('has no page whose links grow with the collection', () => {
    // The sidebar, related articles, the index of periods: a few dozen links besides a page's own
    // list, never hundreds. The list of a month or a year grows with that period only.
    const counts = pages.map((file) => ({
      file,
      links:
        (read(file).match(/<a\s/g) ?? []).length -
        (file === 'feeds/index.html' ? feedRows() : 0) -
        (/\/\d{4}\/(?:\d{2}\/)?index\.html$/.test(file) ? slugsOn(file).length : 0),
    }));
    const largest = counts.reduce((a, b) => (b.links > a.links ? b : a));
    expect(largest.links, largest.file).toBeLessThan(80);
  });
});

describe('the figures of a build (BUILD_TIMINGS), which the benchmark reads', () => {
  it('name each stage in order, with its time and the peak memory of the process tree, and the output as built', () => {
    const figures = JSON.parse(readFileSync(TIMINGS, 'utf8')) as {
      pages: number;
      files: number;
      bytes: number;
      totalMs: number;
      astroHeap: number;
      stages: { name: string; ms: number; peakRss: number }[];
    };
    expect(figures.stages.map((stage) => stage.name)).toEqual(['content check', 'astro build', 'link check', 'search index']);
    for (const stage of figures.stages) {
      expect(stage.ms, stage.name).toBeGreaterThan(0);
      expect(stage.ms, stage.name).toBeLessThan(figures.totalMs);
      // The process tree: at least one Node.js process.
      expect(stage.peakRss, stage.name).toBeGreaterThan(30 * 2 ** 20);
    }
    const output = files(DIST);
    expect(figures.pages).toBe(pages.length);
    expect(figures.files).toBe(output.length);
    expect(figures.bytes).toBe(output.reduce((sum, file) => sum + statSync(join(DIST, file)).size, 0));
    expect(figures.astroHeap).toBeGreaterThan(10 * 2 ** 20);
    expect(figures.astroHeap).toBeLessThan(4 * 2 ** 30);
  });
});

describe('social images of a large site', () => {
  it('are an own card for the newest articles, the topic card for older ones, and the hero image where there is one', () => {
    const withOwn = published
      .slice(0, CARD_COUNT)
      .filter((a) => !a.image)
      .map((a) => a.slug);
    for (const [index, article] of published.entries()) {
      const d = doc(`articles/${article.slug}/index.html`);
      const image = d.querySelector('meta[property="og:image"]')!.getAttribute('content')!;
      if (article.image) expect(image, article.slug).toMatch(new RegExp(`^${SITE_URL}/_astro/`));
      else if (index < CARD_COUNT) expect(image, article.slug).toBe(`${SITE_URL}/og/${article.slug}.png`);
      else expect(image, article.slug).toBe(`${SITE_URL}/og/topics/${article.topics[0]}.png`);
      expect(existsSync(join(DIST, image.replace(`${SITE_URL}/`, ''))), image).toBe(true);
    }
    const cards = readdirSync(join(DIST, 'og')).filter((f) => f.endsWith('.png'));
    expect(cards.sort()).toEqual(withOwn.map((slug) => `${slug}.png`).sort());
  });

  it("gives every page of a list one card, its topic's, its author's or the site's, however many pages it has", () => {
    const expected = (file: string) => {
      const [section, id] = file.split('/');
      if (section === 'topics' && id !== 'index.html') return `${SITE_URL}/og/topics/${id}.png`;
      if (section === 'authors' && id !== 'index.html') return `${SITE_URL}/og/authors/${id}.png`;
      return `${SITE_URL}/og/site/default.png`;
    };
    const lists = pages.filter((file) => /^(archive|topics|authors|corrections)\//.test(file));
    expect(lists.filter((file) => /\/\d{4}\/index\.html$/.test(file)).length).toBeGreaterThanOrEqual(
      corpus.topics.length + corpus.authors.length,
    );
    for (const file of lists)
      expect(doc(file).querySelector('meta[property="og:image"]')!.getAttribute('content'), file).toBe(expected(file));
    // One card per topic and author and one for the site, besides the docs pages' and the articles'.
    expect(readdirSync(join(DIST, 'og/topics')).filter((file) => file.endsWith('.png'))).toHaveLength(corpus.topics.length);
    expect(readdirSync(join(DIST, 'og/authors'))).toHaveLength(corpus.authors.length);
    expect(readdirSync(join(DIST, 'og/site'))).toEqual(['default.png']);
  });
});

describe('feeds of a large site', () => {
  const rss = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' });
  const atom = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'link'].includes(name) });
  const newest = (list: CorpusArticle[]) => list.slice(0, feedSize).map((a) => `${SITE_URL}/articles/${a.slug}/`);
  const scopes: [string, CorpusArticle[]][] = [
    ['', published],
    ...corpus.topics.map((t): [string, CorpusArticle[]] => [`topics/${t.id}/`, by('topics', t.id)]),
    ...corpus.authors.map((a): [string, CorpusArticle[]] => [`authors/${a.id}/`, by('authors', a.id)]),
  ];

  it('hold only the newest articles, in every format and scope', () => {
    for (const [dir, list] of scopes) {
      expect(list.length, dir).toBeGreaterThan(feedSize);
      const items = rss.parse(read(`${dir}rss.xml`)).rss.channel.item as { link: string }[];
      expect(
        items.map((i) => i.link),
        `${dir}rss.xml`,
      ).toEqual(newest(list));
      const entries = atom.parse(read(`${dir}atom.xml`)).feed.entry as { id: string }[];
      expect(
        entries.map((e) => e.id),
        `${dir}atom.xml`,
      ).toEqual(newest(list));
      const json = JSON.parse(read(`${dir}feed.json`)) as { items: { url: string }[] };
      expect(
        json.items.map((i) => i.url),
        `${dir}feed.json`,
      ).toEqual(newest(list));
    }
  });

  it('point to a page from which every older article is reachable', () => {
    for (const [dir] of scopes) {
      const home = (rss.parse(read(`${dir}rss.xml`)).rss.channel.link as string).replace(SITE_URL, '');
      const page = `${home.slice(1)}index.html`;
      expect(page, dir).toBe(`${dir}index.html`);
      // The site's home links to the archive; a topic or author page to its years.
      const onward = dir === '' ? 'a[href="/archive/"]' : '.period-index a';
      expect(doc(page).querySelector(onward), `${page} leads to older articles`).not.toBeNull();
    }
  });
});

describe('sitemap of a large site', () => {
  const parser = new XMLParser({ isArray: (name) => ['url', 'sitemap'].includes(name) });

  it('is split into files of at most the entry limit, all listed in the index', () => {
    const index = parser.parse(read('sitemap-index.xml')).sitemapindex.sitemap as { loc: string }[];
    expect(index.length).toBeGreaterThan(1);
    const urls: string[] = [];
    for (const { loc } of index) {
      const file = loc.replace(`${SITE_URL}/`, '');
      const chunk = parser.parse(read(file)).urlset.url as { loc: string }[];
      expect(chunk.length, file).toBeGreaterThan(0);
      expect(chunk.length, file).toBeLessThanOrEqual(SITEMAP_LIMIT);
      urls.push(...chunk.map((u) => u.loc));
    }
    // Every page once, except the 404 page.
    const expected = pages.filter((f) => f !== '404.html').map((f) => `${SITE_URL}/${f.replace(/index\.html$/, '')}`);
    expect(urls.sort()).toEqual(expected.sort());
    expect(index.length).toBe(Math.ceil(expected.length / SITEMAP_LIMIT));
  });
});

describe('search index of a large site', () => {
  let slices: string[] = [];
  beforeAll(() => {
    slices = JSON.parse(read('pagefind/slices.json')) as string[];
  });
  /** The page URLs a slice's fragments hold, `''` being the first slice. */
  const urlsIn = (slice: string) => fragmentUrls(join(DIST, 'pagefind', slice));

  it('comes in slices of the slice size, the last with the remainder, listed for the search page', () => {
    // Published articles and the three docs pages of the generated corpus, in slices of 100.
    const indexed = published.length + readdirSync(join(CONTENT, 'pages')).length;
    const sizes = slicesOf(Array.from({ length: indexed }), SLICE_SIZE).map((slice) => slice.length);
    expect(sizes.length).toBeGreaterThan(2);
    expect(slices).toEqual(sizes.slice(1).map((_size, n) => `${n + 1}/`));
    ['', ...slices].forEach((slice, n) => {
      const entry = JSON.parse(read(`pagefind/${slice}pagefind-entry.json`)) as { languages: Record<string, { page_count: number }> };
      expect(Object.values(entry.languages)[0]!.page_count, slice).toBe(sizes[n]);
    });
  });

  it('holds every published article in exactly one slice, and nothing unpublished', () => {
    const urls = ['', ...slices].flatMap(urlsIn);
    const articles = urls.filter((url) => url.startsWith('/articles/'));
    expect(new Set(articles).size).toBe(articles.length);
    expect(articles.sort()).toEqual(published.map((a) => `/articles/${a.slug}/`).sort());
    for (const article of unpublished) expect(urls).not.toContain(`/articles/${article.slug}/`);
  });

  it('fills the slices in order of publication, docs pages first, so new articles go to the last', () => {
    const dayOf = new Map(published.map((a) => [`/articles/${a.slug}/`, isoDay(a.published)]));
    const days = ['', ...slices].map((slice) =>
      urlsIn(slice)
        .map((url) => dayOf.get(url) ?? '')
        .sort(),
    );
    expect(days[0]!.filter((day) => day === '')).toHaveLength(readdirSync(join(CONTENT, 'pages')).length);
    for (let n = 1; n < days.length; n++) expect(days[n - 1]!.at(-1)! <= days[n]![0]!, `slice ${n}`).toBe(true);
  });

  it("gives the later slices only what the first slice's code reads of them", () => {
    for (const slice of slices) {
      const names = readdirSync(join(DIST, 'pagefind', slice));
      expect(
        names.filter((name) => /\.(js|css)$|^wasm\./.test(name)),
        slice,
      ).toEqual([]);
      expect(names).toContain('pagefind-entry.json');
    }
  });
});
