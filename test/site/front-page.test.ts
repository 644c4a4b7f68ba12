/**
 * The front page and the lists of the built site: the news hierarchy (lead, second tier, sections
 * by topic) and the stories' pictures, read from the HTML test/site/setup.ts built. What each page
 * should show is worked out here from the content files, without the site's code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { site } from '../../src/site.config.ts';
import { SITE_CONTENT, SITE_DIST } from '../helpers.ts';

const read = (file: string) => readFileSync(join(SITE_DIST, file), 'utf8');
const doc = (file: string) => parseHTML(read(file)).document;

interface Source {
  slug: string;
  title: string;
  description: string;
  published: string;
  authors: string[];
  topics: string[];
  image?: unknown;
  draft?: boolean;
}

const ARTICLES = join(SITE_CONTENT, 'articles');
const today = new Date().toISOString().slice(0, 10);
/** The public articles, newest first (ties by slug), from their frontmatter. */
const newestFirst = readdirSync(ARTICLES)
  .map((name): Source => {
    const path = statSync(join(ARTICLES, name)).isDirectory() ? join(name, 'index.mdx') : name;
    const frontmatter = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(ARTICLES, path), 'utf8'))![1]!;
    const data = parseYaml(frontmatter) as Omit<Source, 'slug'>;
    return { ...data, published: String(data.published), slug: name.replace(/\.mdx$/, '') };
  })
  .filter((s) => !s.draft && s.published <= today)
  .sort((a, b) => b.published.localeCompare(a.published) || a.slug.localeCompare(b.slug));
const bySlug = new Map(newestFirst.map((s) => [s.slug, s]));
const slugOf = (href: string | null) => /^\/articles\/([^/]+)\/$/.exec(href ?? '')![1]!;

/** The story an element of class `story` links to, and its parts. */
function story(element: Element) {
  const link = element.querySelector('a.story-link')!;
  return {
    slug: slugOf(link.getAttribute('href')),
    title: link.querySelector('.story-title')?.textContent,
    standfirst: element.querySelector('.story-standfirst')?.textContent,
    img: link.querySelector('img'),
    time: element.querySelector('.story-meta time')?.getAttribute('datetime'),
  };
}

describe('the front page', () => {
  const d = doc('index.html');
  // The rule the page follows: the newest homeSize are the top stories; the newest of them with a
  // hero image leads, else the newest; later stories go to the section of their first topic.
  const top = newestFirst.slice(0, site.homeSize);
  const lead = top.find((s) => s.image) ?? top[0]!;
  const later = newestFirst.slice(site.homeSize);

  it('has a masthead: the site name as the heading, its description and the day of the newest story', () => {
    const masthead = d.querySelector('header .masthead')!;
    expect(masthead.querySelector('h1')!.textContent).toBe(site.title);
    expect(masthead.querySelector('.masthead-tagline')!.textContent).toBe(site.description);
    expect(masthead.querySelector('time')!.getAttribute('datetime')!.slice(0, 10)).toBe(newestFirst[0]!.published);
    expect(masthead.querySelector('time')!.textContent).toMatch(/^[A-Z][a-z]+day, \d{1,2} [A-Z][a-z]+ \d{4}$/);
  });

  it('leads with one story: picture, headline, standfirst and byline', () => {
    const leads = d.querySelectorAll('main .story-lead');
    expect(leads).toHaveLength(1);
    const shown = story(leads[0]!);
    expect(shown.slug).toBe(lead.slug);
    expect(shown.title).toBe(lead.title);
    expect(shown.standfirst).toBe(lead.description.trim());
    const byline = [...leads[0]!.querySelectorAll('.story-meta a[rel="author"]')].map((a) => a.getAttribute('href'));
    expect(byline).toEqual(lead.authors.map((id) => `/authors/${id}/`));
    expect(shown.time!.slice(0, 10)).toBe(lead.published);
    // The largest picture, and the only one asked for at once and first.
    expect(shown.img).not.toBeNull();
    expect(shown.img!.getAttribute('loading')).toBe('eager');
    expect(shown.img!.getAttribute('fetchpriority')).toBe('high');
    expect(d.querySelectorAll('img[fetchpriority="high"], img[loading="eager"]')).toHaveLength(1);
  });

  it('has a second tier of the other top stories, newest first, each with its picture and standfirst', () => {
    const second = [...d.querySelectorAll('main .second-tier .story-card')].map(story);
    expect(second.length).toBeGreaterThanOrEqual(2);
    expect(second.map((s) => s.slug)).toEqual(top.filter((s) => s !== lead).map((s) => s.slug));
    for (const shown of second) {
      expect(shown.title).toBe(bySlug.get(shown.slug)!.title);
      expect(shown.standfirst).toBe(bySlug.get(shown.slug)!.description.trim());
      expect(shown.img).not.toBeNull();
    }
  });

  it('has sections by topic, each linking to its topic page and listing the newest later stories filed first under it', () => {
    const sections = [...d.querySelectorAll('main .topic-section')];
    expect(sections.length).toBeGreaterThan(0);
    for (const section of sections) {
      const href = section.querySelector('h2 a')!.getAttribute('href')!;
      const topic = /^\/topics\/([^/]+)\/$/.exec(href)![1]!;
      expect(existsSync(join(SITE_DIST, `topics/${topic}/index.html`)), href).toBe(true);
      const slugs = [...section.querySelectorAll('.story')].map((element) => story(element).slug);
      expect(slugs, topic).toEqual(
        later
          .filter((s) => s.topics[0] === topic)
          .slice(0, 4)
          .map((s) => s.slug),
      );
      // Its first story with a picture, the others as headlines.
      expect(section.querySelector('.story img')).not.toBeNull();
    }
  });

  it('shows each story once, and at most a bounded number, with a link to the archive', () => {
    const slugs = [...d.querySelectorAll('main .story')].map((element) => story(element).slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs.length).toBeLessThanOrEqual(site.homeSize + 6 * 4);
    expect(d.querySelector(`main a[href="/archive/"]`)!.textContent).toContain(String(newestFirst.length));
  });
});

describe('lists', () => {
  const lists = ['archive/index.html', 'authors/wei-zhang/index.html', 'topics/research/index.html', '404.html'];

  it.each(lists)('%s gives each story a thumbnail, its standfirst, section and date', (file) => {
    const items = [...doc(file).querySelectorAll('.story-list > li')];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const shown = story(item.querySelector('.story')!);
      const source = bySlug.get(shown.slug)!;
      expect(shown.title).toBe(source.title);
      expect(shown.standfirst).toBe(source.description.trim());
      expect(shown.time!.slice(0, 10)).toBe(source.published);
      expect(item.querySelector('.story-section')!.getAttribute('href')).toBe(`/topics/${source.topics[0]}/`);
      // Inside the headline's link, which the headline names: the picture adds nothing to read.
      expect(shown.img, shown.slug).not.toBeNull();
      expect(shown.img!.getAttribute('alt')).toBe('');
      expect(shown.img!.getAttribute('loading')).toBe('lazy');
    }
  });

  it('shows a hero image from the files its article page uses, and a story without one its own card, small', () => {
    const archive = doc('archive/index.html');
    const article = (slug: string) => doc(`articles/${slug}/index.html`);
    for (const item of archive.querySelectorAll('.story-list .story')) {
      const { slug, img } = story(item);
      if (bySlug.get(slug)!.image) {
        const heroFiles = new Set(
          [...article(slug).querySelectorAll('figure.hero source, figure.hero img')].flatMap((el) =>
            (el.getAttribute('srcset') ?? '').split(',').map((candidate) => candidate.trim().split(' ')[0]),
          ),
        );
        const thumbnailFiles = [...item.querySelectorAll('source, img')].flatMap((el) =>
          el
            .getAttribute('srcset')!
            .split(',')
            .map((candidate) => candidate.trim().split(' ')),
        );
        // One width of its own (240), the other the article page's.
        expect(thumbnailFiles.map(([, w]) => w)).toEqual(['240w', '480w', '240w', '480w']);
        for (const [url, width] of thumbnailFiles) expect(heroFiles.has(url!), `${url} ${width}`).toBe(width !== '240w');
      } else {
        expect(img!.getAttribute('src')).toBe(`/og/small/${slug}.webp`);
      }
    }
  });

  it('include at least one story with a hero image and one without', () => {
    const stories = [...doc('archive/index.html').querySelectorAll('.story-list .story')].map((item) => bySlug.get(story(item).slug)!);
    expect(stories.some((s) => s.image)).toBe(true);
    expect(stories.some((s) => !s.image)).toBe(true);
  });
});

describe('story pictures', () => {
  const pages = ['index.html', 'archive/index.html', 'authors/lena-hartmann/index.html', 'topics/china/index.html'];
  const pictures = pages.flatMap((file) => [...doc(file).querySelectorAll('.story picture')].map((picture) => ({ file, picture })));

  it('are on the front page and the lists', () => {
    expect(new Set(pictures.map((p) => p.file))).toEqual(new Set(pages));
  });

  it('give width, height, sizes for every srcset, and lazy loading below the lead', () => {
    for (const { file, picture } of pictures) {
      const img = picture.querySelector('img')!;
      expect(img.getAttribute('width'), file).toMatch(/^[1-9]\d*$/);
      expect(img.getAttribute('height'), file).toMatch(/^[1-9]\d*$/);
      expect(['lazy', 'eager']).toContain(img.getAttribute('loading'));
      for (const el of picture.querySelectorAll('[srcset]')) expect(el.getAttribute('sizes'), file).toBeTruthy();
    }
  });

  it('of a hero fall back to the largest file of their srcset, here and on the article page: no image file outside it', async () => {
    const articlePictures = newestFirst
      .filter((s) => s.image)
      .map((s) => ({
        file: `articles/${s.slug}/index.html`,
        picture: doc(`articles/${s.slug}/index.html`).querySelector('figure.hero picture')!,
      }));
    expect(articlePictures.length).toBeGreaterThan(0);
    const heroes = [...pictures, ...articlePictures].filter(({ picture }) => picture.querySelector('source[type="image/avif"]'));
    expect(heroes.length).toBeGreaterThan(articlePictures.length);
    for (const { file, picture } of heroes) {
      const img = picture.querySelector('img')!;
      const candidates = img
        .getAttribute('srcset')!
        .split(',')
        .map((candidate) => candidate.trim().split(' '));
      const [largest, width] = candidates.sort((a, b) => Number.parseInt(a[1]!, 10) - Number.parseInt(b[1]!, 10)).at(-1)!;
      expect(img.getAttribute('src'), file).toBe(largest);
      expect(img.getAttribute('width'), file).toBe(String(Number.parseInt(width!, 10)));
      const { width: w, height: h } = await sharp(join(SITE_DIST, largest!.slice(1))).metadata();
      expect(Number(img.getAttribute('height')), file).toBe(Math.round((Number(img.getAttribute('width')) * h) / w));
    }
  });

  it('name only files of the build, of the width their srcset says', async () => {
    const candidates = new Map<string, number | undefined>();
    for (const { picture } of pictures) {
      candidates.set(picture.querySelector('img')!.getAttribute('src')!, undefined);
      for (const el of picture.querySelectorAll('[srcset]'))
        for (const candidate of el.getAttribute('srcset')!.split(',')) {
          const [url, width] = candidate.trim().split(' ');
          candidates.set(url!, Number.parseInt(width!, 10));
        }
    }
    expect(candidates.size).toBeGreaterThan(5);
    for (const [url, width] of candidates) {
      const file = join(SITE_DIST, url.slice(1));
      expect(existsSync(file), url).toBe(true);
      if (width !== undefined) expect((await sharp(file).metadata()).width, url).toBe(width);
    }
  });

  it("of a card are a small WebP of it, the same picture as the card's PNG", async () => {
    const small = readdirSync(join(SITE_DIST, 'og/small'));
    expect(small.length).toBeGreaterThan(0);
    for (const name of small) {
      expect(await sharp(join(SITE_DIST, 'og/small', name)).metadata(), name).toMatchObject({ format: 'webp', width: 480, height: 252 });
      expect(existsSync(join(SITE_DIST, 'og', name.replace(/\.webp$/, '.png'))), name).toBe(true);
    }
    expect(readdirSync(join(SITE_DIST, 'og/topics/small')).sort()).toEqual(
      readdirSync(join(SITE_DIST, 'og/topics'))
        .filter((name) => name.endsWith('.png'))
        .map((name) => name.replace(/\.png$/, '.webp'))
        .sort(),
    );
  });
});
