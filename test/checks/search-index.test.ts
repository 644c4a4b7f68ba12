/**
 * The search index on a folder of hand-written pages, without a site build: slices in order of
 * publication, and slices whose pages did not change kept from the build cache, with the same
 * bytes in `pagefind/` as an index built from nothing.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, markedPages, SLICES_FILE, type PageRecord, type SearchIndexResult } from '../../src/integration/search-index.ts';
import { listFiles } from '../../src/lib/output-dir.ts';
import { fragmentUrls, TMP } from '../helpers.ts';

const DIR = join(TMP, 'search-index');
const OUT = join(DIR, 'dist');
const CACHE = join(DIR, 'cache');

const article = (title: string, date: string, text: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Menu</nav>` +
  `<article data-pagefind-body data-pagefind-sort="date:${date}T00:00:00.000Z"><h1>${title}</h1><p>${text}</p></article></body></html>`;

/** Seven articles given out of order of date, a dated-less docs page, and pages that are not indexed. */
const PAGES: Record<string, string> = {
  'articles/e/index.html': article('Echo', '2024-05-01', 'Battery plant in Ningde.'),
  'articles/a/index.html': article('Alpha', '2024-01-01', 'Charging standard agreed.'),
  'articles/g/index.html': article('Golf', '2024-07-01', 'Rail freight from Xian.'),
  'articles/c/index.html': article('Charlie', '2024-03-01', 'Robotaxi permits in Wuhan.'),
  'articles/b/index.html': article('Bravo', '2024-02-01', 'Hydrogen buses in Foshan.'),
  'articles/f/index.html': article('Foxtrot', '2024-06-01', 'Lidar prices fall.'),
  'articles/d/index.html': article('Delta', '2024-04-01', 'Ferry electrified.'),
  'docs/index.html':
    '<!doctype html><html lang="en"><head><title>Docs</title></head><body><main data-pagefind-body><h1>Writing</h1><p>How to write.</p></main></body></html>',
  // A list page and pages that only quote the mark in text or in an attribute's value: none is indexed.
  'archive/index.html': '<!doctype html><html lang="en"><body><p>All articles</p></body></html>',
  'about/index.html': '<!doctype html><html lang="en"><body><p>Pages marked data-pagefind-body are indexed.</p></body></html>',
  'gallery/index.html': '<!doctype html><html lang="en"><body><img alt="x > y data-pagefind-body" src="/a.png"></body></html>',
};

function writePages(dir: string, pages: Record<string, string>) {
  for (const [file, html] of Object.entries(pages)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), html);
  }
}

/** The page URLs a slice's fragments hold, `''` being the first slice. */
const urlsIn = (out: string, slice: string) => fragmentUrls(join(out, 'pagefind', slice));

function sameFiles(a: string, b: string): string[] {
  const files = listFiles(a);
  expect(files).toEqual(listFiles(b));
  return files.filter((file) => !readFileSync(join(a, file)).equals(readFileSync(join(b, file))));
}

let first: SearchIndexResult;
let again: SearchIndexResult;
let afterEdit: SearchIndexResult;

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  writePages(OUT, PAGES);
  first = await buildSearchIndex(OUT, CACHE, 3);
  again = await buildSearchIndex(OUT, CACHE, 3);
  writePages(OUT, { 'articles/f/index.html': article('Foxtrot', '2024-06-01', 'Lidar prices fall again in Suzhou.') });
  afterEdit = await buildSearchIndex(OUT, CACHE, 3);
  // The same pages indexed with no cache, into a copy of the output without its index.
  cpSync(OUT, join(DIR, 'fresh'), { recursive: true, filter: (source) => !source.includes('/pagefind') });
  await buildSearchIndex(join(DIR, 'fresh'), join(DIR, 'fresh-cache'), 3);
}, 120_000);

describe('markedPages', () => {
  it('keeps only pages with a data-pagefind-body element, undated first, then oldest first', () => {
    const files = Object.keys(PAGES).filter((file) => file !== 'archive/index.html');
    expect(markedPages(OUT, files).map((page) => page.file)).toEqual([
      'docs/index.html',
      ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => `articles/${id}/index.html`),
    ]);
  });

  it("reads again only the pages whose size or modification time differ from the last build's record", () => {
    const files = ['articles/a/index.html', 'articles/b/index.html', 'about/index.html'];
    const seen: PageRecord = {};
    markedPages(OUT, files, {}, seen);
    expect(Object.keys(seen).sort()).toEqual([...files].sort());
    expect(seen['about/index.html']![3]).toBeNull();
    expect(seen['articles/a/index.html']![3]).toBe('2024-01-01T00:00:00.000Z');
    // A record that says otherwise of an unchanged page is believed, so the page was not read;
    // one whose size differs from the file is not.
    const [aSize, aTime] = seen['articles/a/index.html']!;
    const [bSize, bTime] = seen['articles/b/index.html']!;
    const known: PageRecord = {
      ...seen,
      'articles/a/index.html': [aSize, aTime, 'recorded', '1999-01-01'],
      'articles/b/index.html': [bSize + 1, bTime, 'recorded', '1999-01-01'],
    };
    const pages = markedPages(OUT, files, known);
    expect(pages.map((page) => [page.file, page.date, page.hash === 'recorded'])).toEqual([
      ['articles/a/index.html', '1999-01-01', true],
      ['articles/b/index.html', '2024-02-01T00:00:00.000Z', false],
    ]);
  });
});

describe('search index in slices', () => {
  it('indexes every marked page once, in slices of at most the size, in order of publication', () => {
    expect(first).toEqual({ pages: 8, slices: 3, kept: 0 });
    expect(JSON.parse(readFileSync(join(OUT, 'pagefind', SLICES_FILE), 'utf8'))).toEqual(['1/', '2/']);
    expect(urlsIn(OUT, '')).toEqual(['/articles/a/', '/articles/b/', '/docs/']);
    expect(urlsIn(OUT, '1/')).toEqual(['/articles/c/', '/articles/d/', '/articles/e/']);
    expect(urlsIn(OUT, '2/')).toEqual(['/articles/f/', '/articles/g/']);
  });

  it('keeps every slice when no page changed, and indexes again only the slice of an edited page', () => {
    expect(again).toEqual({ pages: 8, slices: 3, kept: 3 });
    expect(afterEdit).toEqual({ pages: 8, slices: 3, kept: 2 });
    const fragments = readdirSync(join(OUT, 'pagefind/2/fragment')).map((file) =>
      gunzipSync(readFileSync(join(OUT, 'pagefind/2/fragment', file))).toString(),
    );
    expect(fragments.some((text) => text.includes('again in Suzhou'))).toBe(true);
  });

  it('leaves pagefind/ with the same files and bytes as an index built without the cache', () => {
    expect(sameFiles(join(OUT, 'pagefind'), join(DIR, 'fresh', 'pagefind'))).toEqual([]);
  });

  it('writes the same files and bytes when it indexes slices side by side as when it indexes them one after another', async () => {
    const copy = (name: string) => {
      cpSync(OUT, join(DIR, name), { recursive: true, filter: (source) => !source.includes('/pagefind') });
      return join(DIR, name);
    };
    const [one, three] = [copy('one-at-once'), copy('three-at-once')];
    expect(await buildSearchIndex(one, join(DIR, 'one-cache'), 3, undefined, 1)).toEqual({ pages: 8, slices: 3, kept: 0 });
    expect(await buildSearchIndex(three, join(DIR, 'three-cache'), 3, undefined, 3)).toEqual({ pages: 8, slices: 3, kept: 0 });
    expect(listFiles(join(three, 'pagefind')).filter((file) => file.startsWith('2/fragment/')).length).toBe(2);
    expect(sameFiles(join(one, 'pagefind'), join(three, 'pagefind'))).toEqual([]);
  });

  it('indexes a slice again when its files in the output were changed or removed since', async () => {
    const copy = join(DIR, 'tampered');
    cpSync(OUT, copy, { recursive: true, preserveTimestamps: true });
    const fragment = listFiles(join(copy, 'pagefind')).find((file) => file.startsWith('1/fragment/'))!;
    rmSync(join(copy, 'pagefind', fragment));
    expect(await buildSearchIndex(copy, CACHE, 3)).toEqual({ pages: 8, slices: 3, kept: 2 });
    writeFileSync(join(copy, 'pagefind', fragment), 'changed');
    expect(await buildSearchIndex(copy, CACHE, 3)).toEqual({ pages: 8, slices: 3, kept: 2 });
    expect(sameFiles(join(copy, 'pagefind'), join(OUT, 'pagefind'))).toEqual([]);
  });

  it("keeps every slice of an output folder restored with its files' times, as a CI cache restores it", async () => {
    const restored = join(DIR, 'restored');
    const cache = join(DIR, 'restored-cache');
    await buildSearchIndex(OUT, CACHE, 3);
    cpSync(OUT, restored, { recursive: true, preserveTimestamps: true });
    cpSync(CACHE, cache, { recursive: true });
    expect(await buildSearchIndex(restored, cache, 3)).toEqual({ pages: 8, slices: 3, kept: 3 });
  });

  it('indexes again when the slices move, and drops the slices of a larger index', async () => {
    const result = await buildSearchIndex(OUT, CACHE, 5);
    expect(result).toEqual({ pages: 8, slices: 2, kept: 0 });
    expect(existsSync(join(OUT, 'pagefind/2'))).toBe(false);
  });
});

describe('search index of a site with nothing to index', () => {
  it('is an empty index the search page can still load, with no slices after it', async () => {
    const out = join(DIR, 'empty');
    writePages(out, { 'archive/index.html': PAGES['archive/index.html']! });
    expect(await buildSearchIndex(out, join(DIR, 'empty-cache'), 3)).toEqual({ pages: 0, slices: 1, kept: 0 });
    expect(JSON.parse(readFileSync(join(out, 'pagefind', SLICES_FILE), 'utf8'))).toEqual([]);
    expect(listFiles(join(out, 'pagefind'))).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-entry.json']));
  });
});

describe('search index of a slice whose list of pages is longer than one glob Pagefind accepts', () => {
  const out = join(DIR, 'long-list');
  /** 3,000 pages with long paths: about 290,000 characters as one glob. */
  const files = Array.from(
    { length: 3_000 },
    (_, i) => `articles/story-${String(i).padStart(5, '0')}-a-long-slug-of-many-words-as-real-headlines-give/index.html`,
  );

  beforeAll(() => {
    writePages(out, Object.fromEntries(files.map((file, i) => [file, article(`Story ${i}`, '2024-01-01', `Text ${i}.`)])));
  });

  it('is refused by Pagefind as one glob', async () => {
    const pagefind = await import('pagefind');
    const { index } = await pagefind.createIndex({});
    const added = await index!.addDirectory({ path: out, glob: `{${files.join(',')}}` });
    await pagefind.close();
    expect(added.errors.join(' ')).toMatch(/did not parse as a valid glob/);
  });

  it('is indexed whole, in several globs', async () => {
    expect(await buildSearchIndex(out, join(DIR, 'long-list-cache'), 5_000)).toEqual({ pages: 3_000, slices: 1, kept: 0 });
    expect(fragmentUrls(join(out, 'pagefind'))).toHaveLength(3_000);
  });
});
