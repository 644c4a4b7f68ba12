/**
 * The image every page shares on social networks: read from each built page's head, then the file
 * it names read from the build with sharp, so the size the page declares is the size it is.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SITE_CONTENT, SITE_DIST, SITE_URL } from '../helpers.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [relative(SITE_DIST, full)];
  });
}

const pages = files(SITE_DIST).filter((file) => file.endsWith('.html'));
const head = (file: string) => parseHTML(readFileSync(join(SITE_DIST, file), 'utf8')).document.head;
const meta = (file: string, key: string) =>
  head(file).querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content') ?? undefined;

/** The topics, authors and docs pages of the test content, read from its files. */
const topics = parseYaml(readFileSync(join(SITE_CONTENT, 'topics.yaml'), 'utf8')) as { id: string; name: string }[];
const authors = readdirSync(join(SITE_CONTENT, 'authors'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => {
    const data = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(SITE_CONTENT, 'authors', name), 'utf8'))![1]!) as {
      name: string;
    };
    return { id: name.slice(0, -3), name: data.name };
  });
const docsPages = readdirSync(join(SITE_CONTENT, 'pages'))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => {
    const data = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(SITE_CONTENT, 'pages', name), 'utf8'))![1]!) as { title: string };
    return { slug: name.slice(0, -4), title: data.title };
  });

const sizes = new Map<string, Promise<{ width?: number | undefined; height?: number | undefined }>>();
/** The real pixel size of a file of the build, read once however many pages share it. */
const sizeOf = (file: string) => {
  if (!sizes.has(file)) sizes.set(file, sharp(join(SITE_DIST, file)).metadata());
  return sizes.get(file)!;
};

describe('share images', () => {
  it('are checked on every kind of page the site has', () => {
    const kinds = ['index.html', 'archive/index.html', 'authors/index.html', 'topics/index.html', 'corrections/index.html'];
    for (const file of [...kinds, 'search/index.html', '404.html']) expect(pages).toContain(file);
    for (const { id } of topics) expect(pages).toContain(`topics/${id}/index.html`);
    for (const { id } of authors) expect(pages).toContain(`authors/${id}/index.html`);
    for (const { slug } of docsPages) expect(pages).toContain(`${slug}/index.html`);
    expect(pages.filter((file) => file.startsWith('articles/')).length).toBeGreaterThan(3);
  });

  it.each(pages)('%s shares an absolute image of this build, with its real size and alt text', async (file) => {
    const url = meta(file, 'og:image');
    expect(url, 'og:image').toBeDefined();
    expect(url!.startsWith(`${SITE_URL}/`), url).toBe(true);
    const path = decodeURIComponent(new URL(url!).pathname.slice(1));
    expect(existsSync(join(SITE_DIST, path)), `${path} is in the build`).toBe(true);
    const { width, height } = await sizeOf(path);
    expect(Number(meta(file, 'og:image:width'))).toBe(width);
    expect(Number(meta(file, 'og:image:height'))).toBe(height);
    const alt = meta(file, 'og:image:alt');
    expect(alt?.trim()).toBeTruthy();
    // The same image and words for X, as a large card.
    expect(meta(file, 'twitter:card')).toBe('summary_large_image');
    expect(meta(file, 'twitter:image')).toBe(url);
    expect(meta(file, 'twitter:image:alt')).toBe(alt);
  });

  it.each(topics)("topic $id shares the topic's own card", ({ id, name }) => {
    const file = `topics/${id}/index.html`;
    expect(meta(file, 'og:image')).toBe(`${SITE_URL}/og/topics/${id}.png`);
    expect(meta(file, 'og:image:alt')).toContain(name);
  });

  it.each(authors)("author $id shares the author's own card", ({ id, name }) => {
    const file = `authors/${id}/index.html`;
    expect(meta(file, 'og:image')).toBe(`${SITE_URL}/og/authors/${id}.png`);
    expect(meta(file, 'og:image:alt')).toContain(name);
  });

  it.each(docsPages)("docs page $slug shares the page's own card", ({ slug, title }) => {
    const file = `${slug}/index.html`;
    expect(meta(file, 'og:image')).toBe(`${SITE_URL}/og/pages/${slug}.png`);
    expect(meta(file, 'og:image:alt')).toContain(title);
  });

  it("gives the home page, lists, indexes, search, corrections and the not-found page the site's card", () => {
    const own = new Set([
      ...topics.map((t) => `topics/${t.id}/`),
      ...authors.map((a) => `authors/${a.id}/`),
      ...docsPages.map((p) => `${p.slug}/`),
      'articles/',
    ]);
    const rest = pages.filter((file) => ![...own].some((prefix) => file.startsWith(prefix)));
    expect(rest).toEqual(expect.arrayContaining(['index.html', 'archive/index.html', 'search/index.html', '404.html']));
    for (const file of rest) expect(meta(file, 'og:image'), file).toBe(`${SITE_URL}/og/site/default.png`);
  });

  it('draws one card per topic, author and docs page and one for the site, never one per list page', () => {
    const cards = files(join(SITE_DIST, 'og'))
      .map((file) => file.replace(/^og\//, ''))
      // Cards of their own; not the articles' (og/<slug>.png) nor the lists' thumbnails (…/small/).
      .filter((file) => file.includes('/') && !file.includes('small/'))
      .sort();
    expect(cards).toEqual(
      [
        'site/default.png',
        ...topics.map((t) => `topics/${t.id}.png`),
        ...authors.map((a) => `authors/${a.id}.png`),
        ...docsPages.map((p) => `pages/${p.slug}.png`),
      ].sort(),
    );
  });
});
