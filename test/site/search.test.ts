/**
 * The Pagefind index of the test build, read back from its fragment files: what is searchable,
 * with which filters and metadata, what is kept out of the excerpts, and that the search page is
 * the only one that loads search code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { THUMBNAIL } from '../../src/lib/search.ts';
import { SITE_CONTENT, SITE_DIST } from '../helpers.ts';

interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

const DIR = join(SITE_DIST, 'pagefind');
// Each fragment is gzip'd JSON after a 12-byte "pagefind_dcd" signature.
const fragments = readdirSync(join(DIR, 'fragment')).map((file) => {
  const bytes = gunzipSync(readFileSync(join(DIR, 'fragment', file)));
  expect(bytes.subarray(0, 12).toString()).toBe('pagefind_dcd');
  return JSON.parse(bytes.subarray(12).toString()) as Fragment;
});
const byUrl = new Map(fragments.map((f) => [f.url, f]));
const html = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? html(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );

describe('the search index', () => {
  // Article folders in the build, less the pages left at moved addresses.
  const moved = (parseYaml(readFileSync(join(SITE_CONTENT, 'redirects.yaml'), 'utf8')) as { from: string }[]).map((r) => r.from);
  const articles = readdirSync(join(SITE_DIST, 'articles')).filter((slug) => !moved.includes(`/articles/${slug}/`));

  it('holds every published article and docs page, and nothing else', () => {
    const expected = [...articles.map((slug) => `/articles/${slug}/`), '/about/', '/contributing/', '/editorial-standards/'];
    expect([...byUrl.keys()].sort()).toEqual(expected.sort());
    const entry = JSON.parse(readFileSync(join(DIR, 'pagefind-entry.json'), 'utf8'));
    expect(entry.languages['en-gb'].page_count).toBe(expected.length);
    // A site this small has its index in one slice.
    expect(JSON.parse(readFileSync(join(DIR, 'slices.json'), 'utf8'))).toEqual([]);
  });

  it('never holds a draft or a scheduled article', () => {
    expect(fragments.length).toBeGreaterThan(5);
    for (const fragment of fragments) expect(fragment.content).not.toMatch(/DRAFT-FIXTURE|SCHEDULED-FIXTURE/);
  });

  it('filters articles by topic, author and kind, and docs pages by kind, with what a result shows', () => {
    const lab = byUrl.get('/articles/alliance-innovation-lab-shanghai/')!;
    expect(lab.filters.author).toEqual(['Wei Zhang']);
    expect(lab.filters.topic).toContain('China');
    expect(lab.filters.kind).toEqual(['article']);
    expect(lab.meta.date).toBe('2019-02-28');
    expect(lab.meta.title).toBe('Renault and Nissan open a joint research lab in Shanghai');
    for (const page of ['/about/', '/contributing/', '/editorial-standards/']) {
      expect(byUrl.get(page)!.filters, page).toEqual({ kind: ['page'] });
      expect(Object.keys(byUrl.get(page)!.meta), page).toEqual(['title']);
    }
    // Every article, against its frontmatter and the names in the author profiles and the topic list.
    const frontmatter = (file: string) => parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))![1]!);
    const topicNames = new Map(
      (parseYaml(readFileSync(join(SITE_CONTENT, 'topics.yaml'), 'utf8')) as { id: string; name: string }[]).map((t) => [t.id, t.name]),
    );
    const authorName = (id: string) => (frontmatter(join(SITE_CONTENT, 'authors', `${id}.md`)) as { name: string }).name;
    expect(articles.length).toBeGreaterThan(1);
    for (const slug of articles) {
      const folder = join(SITE_CONTENT, 'articles', slug);
      const data = frontmatter(existsSync(`${folder}.mdx`) ? `${folder}.mdx` : join(folder, 'index.mdx'));
      const fragment = byUrl.get(`/articles/${slug}/`)!;
      const authors: string[] = data.authors.map(authorName);
      const topics: string[] = data.topics.map((id: string) => topicNames.get(id));
      expect(fragment.filters.author, slug).toEqual(authors);
      expect(fragment.filters.topic, slug).toEqual(topics);
      expect(fragment.filters.kind, slug).toEqual(['article']);
      expect(fragment.meta.date, slug).toBe(String(data.published));
      expect(fragment.meta.title, slug).toBe(data.title);
      // What a result shows (its first topic), and what keeps names findable without the byline and topic list.
      expect(fragment.meta.topic, slug).toBe(topics[0]);
      expect(fragment.meta.topics, slug).toBe(topics.join(', '));
      expect(fragment.meta.authors, slug).toBe(new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(authors));
      expect(fragment.meta.image_alt, slug).toBe(data.image?.alt ?? '');
      // No thumbnail without a hero: not the first image of the body either, at full size.
      expect(Boolean(fragment.meta.image), slug).toBe(Boolean(data.image));
    }
  });

  it('gives a result with a hero image a small thumbnail of it, which is in the build', async () => {
    const withImage = fragments.filter((fragment) => fragment.meta.image);
    expect(withImage.map((fragment) => fragment.url)).toContain('/articles/alliance-innovation-lab-shanghai/');
    for (const { url, meta } of withImage) {
      expect(meta.image, url).toMatch(/^\/_astro\/[^/]+\.webp$/);
      const file = join(SITE_DIST, meta.image!);
      const { width, height, format } = await sharp(file).metadata();
      expect({ width, height, format }, url).toEqual({ width: THUMBNAIL.width, height: THUMBNAIL.height, format: 'webp' });
      expect(statSync(file).size, url).toBeLessThan(8 * 1024);
      // Not the hero the page shows, which is what Pagefind picks by itself (the first image after the headline).
      const hero = parseHTML(readFileSync(join(SITE_DIST, url, 'index.html'), 'utf8')).document.querySelector('figure.hero img')!;
      expect(hero.getAttribute('src'), url).not.toBe(meta.image);
    }
  });

  it('leaves navigation, sharing, author boxes and footers out of the text', () => {
    expect(fragments.length).toBeGreaterThan(5);
    for (const fragment of fragments) {
      expect(fragment.content).not.toMatch(/Skip to content|Share this story|About the author|Edit this page|Spotted an error/);
    }
  });

  it('leaves bylines, dates, reading times, topic lists and credits out of the text, so excerpts are the story', () => {
    const articleFragments = fragments.filter((fragment) => fragment.url.startsWith('/articles/'));
    expect(articleFragments.length).toBeGreaterThan(3);
    for (const { url, content, meta } of articleFragments) {
      const page = parseHTML(readFileSync(join(SITE_DIST, url, 'index.html'), 'utf8')).document;
      // The headline comes first: the topic list above it is not indexed.
      expect(content.startsWith(meta.title!), url).toBe(true);
      const furniture = [...page.querySelectorAll('.byline-authors, .byline-date, .byline-reading')];
      expect(furniture.length, url).toBeGreaterThanOrEqual(3);
      for (const part of furniture) expect(content, url).not.toContain(part.textContent!.replace(/\s+/g, ' ').trim());
      expect(content, url).not.toMatch(/\bPublished \d|\d+ min read/);
      for (const credit of page.querySelectorAll('.hero .credit')) expect(content, url).not.toContain(credit.textContent!.trim());
      // The standfirst and the body are there.
      expect(content, url).toContain(page.querySelector('.standfirst')!.textContent!.trim());
    }
    // The hero's caption is the story's; its credit is not.
    const lab = byUrl.get('/articles/alliance-innovation-lab-shanghai/')!;
    expect(lab.content).toContain("Shanghai, home of the alliance's new research company.");
    expect(lab.content).not.toContain('Illustration: The Mobility Desk');
  });
});

describe('the search page', () => {
  const source = readFileSync(join(SITE_DIST, 'search/index.html'), 'utf8');
  const d = parseHTML(source).document;

  it('loads its own search code from our own files, inside the document, and is the only page that names the index', () => {
    const pages = html(SITE_DIST).filter((file) => readFileSync(file, 'utf8').includes('/pagefind/'));
    expect(pages.map((file) => file.slice(SITE_DIST.length))).toEqual(['/search/index.html']);
    const scripts = [...d.querySelectorAll('script')];
    expect(scripts.map((script) => [script.getAttribute('type'), script.getAttribute('src')?.replace(/\.[\w-]+\.js$/, '.js')])).toEqual([
      ['module', '/_astro/Search.astro_astro_type_script_index_0_lang.js'],
    ]);
    expect(scripts[0]!.closest('main')).not.toBeNull();
    // Nothing after the end of the document (the HTML checker's error when a script was left there).
    expect(source.trimEnd().endsWith('</html>')).toBe(true);
    expect(d.querySelector('link[rel="stylesheet"]')).toBeNull();
    expect(d.querySelector('.search')!.getAttribute('data-bundle')).toBe('/pagefind/');
    expect(d.querySelector('noscript')!.textContent).toContain('Search needs JavaScript');
    const csp = d.querySelector('meta[http-equiv="content-security-policy"]')!.getAttribute('content')!;
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
  });

  it('labels its box and filters with real labels, and offers every topic and author under the name the index files it by', () => {
    const input = d.querySelector('.search input[name="q"]')!;
    expect(d.querySelector(`label[for="${input.id}"]`)!.textContent).toBe('Search articles and pages');
    expect(input.getAttribute('title')).toBeNull();
    expect(d.querySelector('form[role="search"]')!.getAttribute('action')).toBe('/search/');
    const topics = parseYaml(readFileSync(join(SITE_CONTENT, 'topics.yaml'), 'utf8')) as { id: string; name: string }[];
    const options = (name: string) =>
      [...d.querySelectorAll(`select[name="${name}"] option`)].map((option) => [
        option.getAttribute('value'),
        option.getAttribute('data-filter'),
      ]);
    expect(options('topic')).toEqual([['', null], ...[...topics].sort((a, b) => a.name.localeCompare(b.name)).map((t) => [t.id, t.name])]);
    expect(options('author')).toEqual([
      ['', null],
      ['lena-hartmann', 'Lena Hartmann'],
      ['wei-zhang', 'Wei Zhang'],
    ]);
    for (const select of d.querySelectorAll('select')) expect(d.querySelector(`label[for="${select.id}"]`), select.id).not.toBeNull();
  });

  it('ships the search API and none of the interfaces', () => {
    const files = readdirSync(DIR);
    expect(files).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json']));
    expect(files.filter((f) => /-ui\.|highlight/.test(f))).toEqual([]);
  });
});
