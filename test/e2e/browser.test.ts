/**
 * Every kind of page in a real Chromium, served by a real static server with the site's headers:
 * no console errors, no failed requests, no CSP violations, the skip link leads keyboard users to
 * the content, axe-core finds no WCAG 2.2 AA violation in light or dark mode at phone and desktop
 * widths, and nothing moves while the front page, an article and a list load (CLS 0); search with
 * its results, links, URL and keys. Screenshots of the front page, an article, a list and search
 * results at both widths in both modes go to test-results/screenshots/, and every page type in both
 * modes at both widths to test-results/screenshots/pages/.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, CHROMIUM_FLAGS } from '../../scripts/lib/browser.ts';
import { startServer, type RunningServer } from '../../scripts/lib/static-server.ts';
import { ARTIFACTS } from '../helpers.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
/** The widths pages are checked at: a phone's and a laptop's. */
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

/** One page of each type: the lists' own pages show their newest two in the test build, then a month's or a year's headlines. */
const PAGES: [string, string][] = [
  ['home', '/'],
  ['article with hero image', '/articles/alliance-innovation-lab-shanghai/'],
  ['article without hero image', '/articles/alliance-2022-plan-in-numbers/'],
  ['article with every MDX component', '/articles/components-fixture/'],
  ['archive', '/archive/'],
  ['archive month', '/archive/2019/03/'],
  ['author', '/authors/wei-zhang/'],
  ['authors', '/authors/'],
  ['topic', '/topics/china/'],
  ['topic year', '/topics/china/2019/'],
  ['topics', '/topics/'],
  ['docs page', '/about/'],
  ['corrections', '/corrections/'],
  ['feeds', '/feeds/'],
  ['search', '/search/'],
  ['404', '/no-such-page/'],
];

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const { E2E_DIST } = await import('../helpers.ts');
  server = await startServer(E2E_DIST);
  browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
  mkdirSync(join(SCREENSHOTS, 'pages'), { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit {
  page: Page;
  problems: string[];
  /** Every URL the page requested, with its resource type. */
  requests: { url: string; type: string }[];
  close(): Promise<void>;
}

/** Opens a page and records everything that went wrong while it loaded. */
async function visit(path: string, options: BrowserContextOptions = {}): Promise<Visit> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: Visit['requests'] = [];
  // Runs before the page's own code and outside its CSP (Playwright injects it through DevTools).
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  const url = server.origin + path;
  // The 404 page is the one response allowed to say 404, and only for the document itself.
  const expected404 = (status: number, at: string) => path === '/no-such-page/' && status === 404 && at === url;
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs the 404 status of the document as an error too.
    if (expected404(404, message.location().url) && /status of 404/.test(message.text())) return;
    problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('request', (request) => requests.push({ url: request.url(), type: request.resourceType() }));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !expected404(response.status(), response.url()))
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  expect(response!.status()).toBe(path === '/no-such-page/' ? 404 : 200);
  return { page, problems, requests, close: () => context.close() };
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, so the page's CSP (rightly) does not apply to the test's own code.
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    WCAG_22_AA,
  );
  // axe ran its rules: an empty result from a run that checked nothing would prove nothing.
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Checks that the page shows the colour scheme asked for: the media query matches and the page background is light or dark. */
async function expectColourScheme(page: Page, colorScheme: 'light' | 'dark') {
  const { matches, background } = await page.evaluate(
    (scheme) => ({
      matches: matchMedia(`(prefers-color-scheme: ${scheme})`).matches,
      background: getComputedStyle(document.body).backgroundColor,
    }),
    colorScheme,
  );
  expect(matches).toBe(true);
  const [red, green, blue] = background.match(/\d+/g)!.map(Number);
  const luminance = (0.2126 * red! + 0.7152 * green! + 0.0722 * blue!) / 255;
  expect(luminance > 0.5 ? 'light' : 'dark', background).toBe(colorScheme);
}

interface AxeResults {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  passes: unknown[];
}

/** The search page's box, and its results' title links in the order shown. */
const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search articles and pages' });
const resultLinks = (page: Page) => page.locator('.search-result-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
const resultCount = (page: Page) => page.locator('.search-result').count();

describe('search', () => {
  it('merges the slices of the index: a search finds pages of the first and of the last slice', async () => {
    const { E2E_DIST } = await import('../helpers.ts');
    const slices = JSON.parse(readFileSync(join(E2E_DIST, 'pagefind/slices.json'), 'utf8')) as string[];
    expect(slices.length).toBeGreaterThan(1);
    const { page, problems, close } = await visit('/search/');
    await searchBox(page).fill('editorial');
    // about/ sorts first of the indexed pages, editorial-standards/ last.
    await expect.poll(() => resultLinks(page), { timeout: 15_000 }).toEqual(expect.arrayContaining(['/about/', '/editorial-standards/']));
    expect(problems).toEqual([]);
    await close();
  });

  it('lists articles before the pages about the newsroom, under their own headings', async () => {
    const { page, problems, close } = await visit('/search/?q=shanghai');
    await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(2);
    const links = await resultLinks(page);
    const firstPage = links.findIndex((href) => !href.startsWith('/articles/'));
    // Both kinds are found, and no article comes after a page.
    expect(firstPage).toBeGreaterThan(0);
    expect(links.slice(firstPage).filter((href) => href.startsWith('/articles/'))).toEqual([]);
    expect(await page.locator('.search-group h2').allTextContents()).toEqual(['Articles', 'Pages about the newsroom']);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^\d+ articles and \d+ pages? for “shanghai”\.$/);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows each article with its date and topic, an excerpt without byline, and a thumbnail where it has a hero', async () => {
    const { page, problems, close } = await visit('/search/?q=shanghai');
    await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(2);
    const cards = await page.locator('.search-result').evaluateAll((items) =>
      items.map((item) => ({
        href: item.querySelector('h3 a')!.getAttribute('href')!,
        date: item.querySelector('time')?.getAttribute('datetime'),
        meta: item.querySelector('.search-result-meta')?.textContent,
        excerpt: item.querySelector('.search-result-excerpt')!.textContent!,
        marks: item.querySelectorAll('.search-result-excerpt mark').length,
      })),
    );
    const lab = cards.find((card) => card.href === '/articles/alliance-innovation-lab-shanghai/')!;
    expect(lab.date).toBe('2019-02-28');
    expect(lab.meta).toBe('28 February 2019 · Research and development');
    for (const card of cards) {
      expect(card.excerpt, card.href).not.toMatch(/\bBy (Wei|Lena)|Published \d|\d+ min read|Illustration: The Mobility Desk/);
      expect(card.marks, card.href).toBeGreaterThan(0);
      if (card.href.startsWith('/articles/')) expect(card.date, card.href).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // One thumbnail, the lab's hero, small, sized, lazy, described, and loaded.
    const image = page.locator('.search-result img');
    expect(await image.count()).toBe(1);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(192);
    expect(
      await image.evaluate((img: HTMLImageElement) => [img.getAttribute('width'), img.getAttribute('height'), img.loading, img.alt]),
    ).toEqual(['96', '64', 'lazy', expect.stringMatching(/^Illustration of the Shanghai skyline/)]);
    expect(await image.evaluate((img) => img.closest('.search-result')!.querySelector('a')!.getAttribute('href'))).toBe(lab.href);
    expect(problems).toEqual([]);
    await close();
  });

  it("finds an author's articles by name, though the byline is not in the text", async () => {
    const { page, close } = await visit('/search/?q=Hartmann');
    await expect
      .poll(() => resultLinks(page), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['/articles/alliance-2022-plan-in-numbers/', '/articles/robo-vehicle-ride-hailing-commitment/']));
    await close();
  });

  it('puts the search in the URL as it is typed, so it can be copied', async () => {
    const { page, problems, close } = await visit('/search/');
    await searchBox(page).pressSequentially('robotaxi', { delay: 20 });
    await page.waitForURL(/\/search\/\?q=robotaxi$/);
    await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.getByLabel('Topic').selectOption({ label: 'China' });
    await page.waitForURL(/\/search\/\?q=robotaxi&topic=china$/);
    await searchBox(page).fill('');
    await page.waitForURL(/\/search\/\?topic=china$/);
    await expect.poll(() => resultCount(page)).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it('narrows a search to a topic from a link, with the box and list showing it', async () => {
    const { page, problems, close } = await visit('/search/?q=alliance');
    await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(1);
    const all = await resultLinks(page);
    await page.goto(`${server.origin}/search/?q=alliance&topic=mobility-services`);
    expect(await page.getByLabel('Topic').inputValue()).toBe('mobility-services');
    await expect.poll(() => resultLinks(page), { timeout: 15_000 }).toEqual(['/articles/robo-vehicle-ride-hailing-commitment/']);
    expect(all.length).toBeGreaterThan(1);
    expect(problems).toEqual([]);
    await close();
  });

  it('comes back to the box with /, except while typing in another field', async () => {
    const { page, close } = await visit('/search/');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-query');
    expect(await searchBox(page).inputValue()).toBe('');
    // In the header's own search field, / is a character like any other.
    await page.getByRole('searchbox', { name: 'Search the articles' }).fill('a');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-query');
    expect(await page.getByRole('searchbox', { name: 'Search the articles' }).inputValue()).toBe('a/');
    await close();
  });

  it('moves from the box through the results and back with the arrow keys', async () => {
    const { page, close } = await visit('/search/?q=shanghai');
    await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(2);
    const links = await resultLinks(page);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('href') ?? document.activeElement?.id);
    await searchBox(page).focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(links[0]);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(links[1]);
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(links[0]);
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('search-query');
    // From the last result, ↓ goes nowhere, and the page does not scroll instead.
    await page.locator('.search-result-title a').last().focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(links.at(-1));
    await close();
  });

  const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
  it.each([
    ['phone', 'light'],
    ['phone', 'dark'],
    ['desktop', 'light'],
    ['desktop', 'dark'],
  ] as const)(
    'has no WCAG 2.2 AA violation with results on screen at %s width in %s mode, and is photographed',
    async (size, colorScheme) => {
      const { page, problems, close } = await visit('/search/', {
        viewport: sizes[size],
        colorScheme,
        deviceScaleFactor: 1,
        isMobile: size === 'phone',
      });
      await expectColourScheme(page, colorScheme);
      // Typed, as a reader does: the query in the box is part of what axe checks.
      await searchBox(page).pressSequentially('shanghai', { delay: 20 });
      await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(2);
      await page.waitForLoadState('networkidle');
      expect(await axeViolations(page)).toEqual([]);
      // The words typed are the page's text colour on its background, not white on white.
      const box = await searchBox(page).evaluate((input) => {
        const style = getComputedStyle(input);
        return { color: style.color, background: style.backgroundColor, body: getComputedStyle(document.body).color };
      });
      expect(box.color).toBe(box.body);
      expect(box.background).not.toBe(box.color);
      const file = join(SCREENSHOTS, `search-${size}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      const { width } = await sharp(file).metadata();
      expect(width).toBe(sizes[size].width);
      expect(problems).toEqual([]);
      await close();
    },
  );
});

describe('the search form in the header', () => {
  it('sends the query from any page to the search page, which runs it', async () => {
    const { page, problems, close } = await visit('/articles/alliance-innovation-lab-shanghai/');
    await page.getByRole('searchbox', { name: 'Search the articles' }).fill('robotaxi');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\/\?q=robotaxi$/);
    await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await close();
  });
});

describe('a link to a search', () => {
  it('runs the search in its q parameter and shows it in the box, without typing', async () => {
    const { page, problems, close } = await visit('/search/?q=shanghai');
    expect(await searchBox(page).inputValue()).toBe('shanghai');
    await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(0);
    expect((await resultLinks(page))[0]).toMatch(/^\/articles\//);
    // Nothing was typed and nothing has focus: the link alone ran it.
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });

  it.each([
    [390, 844],
    [1280, 800],
  ])('shows its results at %i px without moving anything on screen (no layout shift)', async (width, height) => {
    const { page, problems, close } = await visit('/search/', { viewport: { width, height } });
    await page.addInitScript(() => {
      const shifts: number[] = [];
      Object.assign(window, { shifts });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${server.origin}/search/?q=shanghai`, { waitUntil: 'load' });
    await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(2);
    await page.waitForLoadState('networkidle');
    // Layout-shift entries are reported on the next frame.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it('keeps a query of several words', async () => {
    const { page, close } = await visit('/search/?q=Shanghai%20lab');
    expect(await searchBox(page).inputValue()).toBe('Shanghai lab');
    await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(0);
    await close();
  });
});

describe.each(PAGES)('%s (%s)', (name, path) => {
  it('loads with no console error, failed request or CSP violation', async () => {
    const { page, problems, close } = await visit(path);
    if (path === '/search/') {
      // Exercise the search code, its worker, its WebAssembly, its index and thumbnails under the CSP.
      await searchBox(page).fill('Shanghai');
      await page.keyboard.press('Enter');
      await expect.poll(() => resultCount(page), { timeout: 15_000 }).toBeGreaterThan(0);
    }
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await close();
  });

  it('takes keyboard users from the skip link to the content', async () => {
    const { page, close } = await visit(path);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      href: document.activeElement?.getAttribute('href'),
    }));
    expect(skip).toEqual({ text: 'Skip to content', href: '#main' });
    // The focused skip link is on screen, not parked off it.
    const box = await page.locator('.skip-link').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
    await close();
  });

  it.each([
    ['light', 'phone'],
    ['dark', 'phone'],
    ['light', 'desktop'],
    ['dark', 'desktop'],
  ] as const)('has no WCAG 2.2 AA violation in %s mode at %s width (axe-core), and is pictured so', async (colorScheme, size) => {
    const { page, close } = await visit(path, { colorScheme, viewport: SIZES[size] });
    await expectColourScheme(page, colorScheme);
    expect(await axeViolations(page)).toEqual([]);
    // Every page type in both modes at both widths, for a reviewer's eye: test-results/screenshots/pages/.
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.fonts.ready);
    const file = join(SCREENSHOTS, 'pages', `${name.replace(/\W+/g, '-')}-${size}-${colorScheme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(5_000);
    await close();
  });
});

describe('the headers from _headers', () => {
  it("keep every page out of frames, even on the site's own pages (frame-ancestors 'none')", async () => {
    const { page, problems, close } = await visit('/');
    // A docs page, an article, a list and the 404 page: each is refused on its own.
    const framed = ['/about/', '/articles/alliance-innovation-lab-shanghai/', '/topics/china/', '/no-such-page/'];
    await page.evaluate((paths) => {
      for (const [index, path] of paths.entries()) {
        const frame = document.createElement('iframe');
        frame.src = path;
        frame.title = `framed ${index}`;
        document.body.append(frame);
      }
    }, framed);
    // Chromium reports each blocked frame as a failed request, and each refusal as a CSP error.
    const blocked = () => framed.filter((path) => problems.includes(`failed: ${server.origin}${path} net::ERR_BLOCKED_BY_RESPONSE`));
    await expect.poll(blocked, { timeout: 10_000 }).toEqual(framed);
    await expect.poll(() => problems.filter((problem) => /frame-ancestors 'none'/.test(problem)).length).toBe(framed.length);
    // Nothing of the framed pages was rendered.
    for (const index of framed.keys()) expect(await page.frameLocator(`iframe[title="framed ${index}"]`).locator('h1').count()).toBe(0);
    await close();
  });
});

/** The front page, an article and a list, at phone and desktop widths in both colour schemes. */
const PHOTOGRAPHED = (['front', 'article', 'list'] as const).flatMap((type) =>
  (['phone', 'desktop'] as const).flatMap((size) => (['light', 'dark'] as const).map((scheme) => [type, size, scheme] as const)),
);
const PHOTOGRAPHED_PATHS = { front: '/', article: '/articles/alliance-innovation-lab-shanghai/', list: '/topics/research/' };

describe('screenshots', () => {
  it.each(PHOTOGRAPHED)('of the %s page at %s width in %s mode', async (type, size, colorScheme) => {
    const { page, problems, close } = await visit(PHOTOGRAPHED_PATHS[type], {
      viewport: SIZES[size],
      colorScheme,
      deviceScaleFactor: 1,
      isMobile: size === 'phone',
    });
    const file = join(SCREENSHOTS, `${type}-${size}-${colorScheme}.png`);
    // A full-page capture while lazy images still arrive (and the page grows) can fail in Chromium.
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.fonts.ready);
    await expectColourScheme(page, colorScheme);
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    // At a device scale of 1 the picture is as wide as the viewport: no part of the page sticks out sideways.
    const { width, height } = await sharp(file).metadata();
    expect(width).toBe(SIZES[size].width);
    expect(height).toBeGreaterThanOrEqual(SIZES[size].height);
    expect(problems).toEqual([]);
    await close();
  });
});

describe('layout stability', () => {
  it.each(
    (['/', '/articles/alliance-innovation-lab-shanghai/', '/archive/'] as const).flatMap((path) =>
      (['phone', 'desktop'] as const).map((size) => [path, size] as const),
    ),
  )('%s moves nothing while it loads, or while it is scrolled and its lazy pictures arrive, at %s width (CLS 0)', async (path, size) => {
    const context = await browser.newContext({ viewport: SIZES[size] });
    const page = await context.newPage();
    // Every layout shift from the first paint on, as the browser reports it (the CLS metric's source).
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { shifts: number[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
          if (!entry.hadRecentInput) shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(server.origin + path, { waitUntil: 'networkidle' });
    const pictures = await page.locator('main img').count();
    expect(pictures, 'pages with pictures, so something could move').toBeGreaterThan(0);
    // Down the page a screen at a time, so every lazy picture is requested and drawn.
    await page.evaluate(async () => {
      for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
        scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => undefined))));
    expect(
      await page.evaluate(() => [...document.images].filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.src)),
    ).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
    await context.close();
  });
});
