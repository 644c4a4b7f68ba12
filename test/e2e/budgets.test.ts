/**
 * Page budgets, on bytes: the same build always gives the same figures. Text files count at their
 * gzip size (what any host or CDN sends), images and fonts at their size on disk. The figures are
 * also written to test-results/budgets.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, CHROMIUM_FLAGS } from '../../scripts/lib/browser.ts';
import { fileForPath, listFiles } from '../../src/integration/dist-files.ts';
import { startServer, type RunningServer } from '../../scripts/lib/static-server.ts';
import { ARTIFACTS, E2E_DIST } from '../helpers.ts';

/** The first TCP round trip carries about 14 KB (ten segments): the page and its CSS fit in it. */
const FIRST_ROUND_TRIP = 14 * 1024;
/** Everything an article without a hero image loads for its first view, fonts included. */
const FIRST_VIEW = 60 * 1024;
/** The search page before a search (search code included), and with a search's results (Pagefind, its WebAssembly, index and thumbnails). */
const SEARCH_PAGE = 16 * 1024;
const SEARCH_RESULTS = 150 * 1024;
/** Everything the front page loads for its first view on a phone, its pictures included. */
const FRONT_FIRST_VIEW = 120 * 1024;
const TEXT = /\.(html|css|js|mjs|svg|xml|xsl|json|txt)$/;

const html = listFiles(E2E_DIST).filter((file) => file.endsWith('.html'));
const read = (file: string) => readFileSync(join(E2E_DIST, file));
const doc = (file: string) => parseHTML(read(file).toString('utf8')).document;
/** Bytes on the wire for a built file: gzip for text, as is for the rest. */
const wireBytes = (file: string) => (TEXT.test(file) ? gzipSync(read(file)).length : read(file).length);

const articles = html.filter((file) => /^articles\/[^/]+\/index\.html$/.test(file));
const withoutHero = articles.filter((file) => !doc(file).querySelector('figure.hero'));
// Only the search page may load code; every other page is articles, lists and docs.
const scriptless = html.filter((file) => file !== 'search/index.html');
const figures: Record<string, unknown> = {};

afterAll(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'budgets.json'), `${JSON.stringify(figures, null, 2)}\n`);
});

describe('first round trip', () => {
  it.each(articles)('%s and its critical CSS fit in 14 KB gzip-compressed', (file) => {
    const d = doc(file);
    // CSS is inlined; a render-blocking stylesheet, should one appear, counts too.
    const stylesheets = [...d.querySelectorAll('head link[rel="stylesheet"]')].map((link) =>
      fileForPath(E2E_DIST, link.getAttribute('href')!, '/')!,
    );
    const bytes = wireBytes(file) + stylesheets.reduce((sum, css) => sum + wireBytes(css), 0);
    figures[`${file} (gzip, with critical CSS)`] = bytes;
    expect(d.querySelectorAll('style').length).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(FIRST_ROUND_TRIP);
  });
});

describe('no JavaScript outside search', () => {
  it.each(scriptless)('%s has no script to run', (file) => {
    const d = doc(file);
    const code = [...d.querySelectorAll('script')].filter((script) => script.getAttribute('type') !== 'application/ld+json');
    expect(code.map((script) => script.outerHTML.slice(0, 80))).toEqual([]);
    expect(d.querySelectorAll('link[rel="modulepreload"], link[as="script"]')).toHaveLength(0);
  });

  it('the search page is the one with code, and it is there', () => {
    expect(doc('search/index.html').querySelectorAll('script[src]').length).toBeGreaterThan(0);
  });
});

describe('images', () => {
  it.each(html)('%s gives every image its width and height', (file) => {
    for (const img of doc(file).querySelectorAll('img')) {
      const size = [img.getAttribute('width'), img.getAttribute('height')];
      expect(
        size.every((value) => /^[1-9]\d*$/.test(value ?? '')),
        img.outerHTML.slice(0, 120),
      ).toBe(true);
    }
  });
});

describe('first view in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(E2E_DIST);
    browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('covers at least one article without a hero image', () => {
    expect(withoutHero.length).toBeGreaterThan(0);
  });

  /** What the browser requests to show `file` at `viewport` (nothing scrolled), in bytes on the wire. */
  async function firstView(file: string, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const requested: string[] = [];
    const types = new Set<string>();
    page.on('request', (request) => {
      requested.push(request.url());
      types.add(request.resourceType());
    });
    await page.goto(`${server.origin}/${file.replace(/index\.html$/, '')}`, { waitUntil: 'networkidle' });
    await context.close();
    const files = requested.map((url) => {
      expect(url.startsWith(`${server.origin}/`), `${url} is on another site`).toBe(true);
      return fileForPath(E2E_DIST, new URL(url).pathname, '/')!;
    });
    const bytes = files.reduce((sum, built) => sum + wireBytes(built), 0);
    figures[`${file} first view at ${viewport.width}px`] = { bytes, files };
    return { bytes, files, types };
  }

  it('the search page weighs at most 16 KB until a search, and 150 KB with its results, at phone width', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${server.origin}/search/`, { waitUntil: 'networkidle' });
    const beforeSearch = requested.length;
    await page.getByRole('searchbox', { name: 'Search articles and pages' }).fill('shanghai');
    await expect.poll(() => page.locator('.search-result').count(), { timeout: 15_000 }).toBeGreaterThan(2);
    await page.waitForLoadState('networkidle');
    await context.close();
    const files = requested.map((url) => fileForPath(E2E_DIST, new URL(url).pathname, '/')!);
    const weigh = (list: string[]) => list.reduce((sum, built) => sum + wireBytes(built), 0);
    const [before, after] = [weigh(files.slice(0, beforeSearch)), weigh(files)];
    figures['search/index.html at 390px'] = {
      beforeSearch: { bytes: before, files: files.slice(0, beforeSearch) },
      withResults: { bytes: after, files },
    };
    // Pagefind loads only once the box is used.
    expect(files.slice(0, beforeSearch).filter((file) => file.startsWith('pagefind/'))).toEqual([]);
    expect(files).toContain('pagefind/pagefind.js');
    expect(before).toBeLessThanOrEqual(SEARCH_PAGE);
    expect(after).toBeLessThanOrEqual(SEARCH_RESULTS);
  });

  it.each(withoutHero)('%s weighs at most 60 KB, fonts included, and runs no script', async (file) => {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      const { bytes, types } = await firstView(file, viewport);
      expect(types.has('script')).toBe(false);
      expect(bytes).toBeLessThanOrEqual(FIRST_VIEW);
    }
  });

  it('the front page weighs at most 120 KB on a phone, pictures included, and runs no script', async () => {
    const { bytes, files, types } = await firstView('index.html', { width: 390, height: 844 });
    // Its pictures are among what was measured: the lead's at least.
    expect(files.filter((file) => /\.(avif|webp|png|jpe?g)$/.test(file)).length).toBeGreaterThan(0);
    expect(types.has('script')).toBe(false);
    expect(bytes).toBeLessThanOrEqual(FRONT_FIRST_VIEW);
    // The desktop figure, for the record (test-results/budgets.json).
    await firstView('index.html', { width: 1280, height: 800 });
  });
});
