/**
 * `astro dev` holds content to the same rules as a build: the content check runs when the server
 * starts and whenever a content file changes, its problems go to the terminal and, while there
 * are any, every page answers with them in Astro's error overlay instead of rendering; fixing the
 * file brings the pages back. Search works on the dev server too. Chromium loads the pages, as a
 * contributor's browser would.
 */
import { type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astro } from '../../scripts/lib/astro.ts';
import { chromiumPath, CHROMIUM_FLAGS } from '../../scripts/lib/browser.ts';
import { checkContent } from '../../src/lib/check/index.ts';
import { commandEnv, makeContent, ROOT, TMP } from '../helpers.ts';

const CONTENT = join(TMP, 'dev-content');
const BAD = join(CONTENT, 'articles', 'script-element.mdx');

let server: ChildProcess;
let output = '';
let origin = '';
let browser: Browser;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The last failed request, for the message of a wait that times out. */
let lastError = '';

/** Waits until `check` holds, polling; fails with what the server printed. */
async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out waiting for ${what} (${lastError}). The dev server printed:\n${output}`);
}

/**
 * The text of Astro's error overlay on `url`. On a fresh install Vite optimises the browser's
 * dependencies on the first visit and reloads the page once it has, which can drop the overlay:
 * the page is loaded again until it shows.
 */
async function overlayText(page: Page, url: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    await page.goto(url);
    const overlay = page.locator('vite-error-overlay');
    try {
      await overlay.waitFor({ state: 'attached', timeout: 10_000 });
      return await overlay.evaluate((element) => element.shadowRoot?.textContent ?? '');
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

const status = async (path: string) =>
  (
    await fetch(new URL(path, origin)).catch((error: unknown) => {
      lastError = String((error as { cause?: unknown }).cause ?? error);
      return undefined;
    })
  )?.status;

beforeAll(async () => {
  makeContent(CONTENT);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // --ignore-lock: alongside any dev server a contributor has running in this project.
  server = astro(['dev', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'], {
    cwd: ROOT,
    env: commandEnv({ CONTENT_DIR: CONTENT }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.on('exit', (code) => (output += `\n(exited with ${code})`));
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until(async () => (await status('/')) === 200, 'the dev server', 60_000);
  browser = await chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
  server?.kill();
  rmSync(BAD, { force: true });
});

describe('astro dev', () => {
  it('serves the search index of the articles and docs pages it renders', async () => {
    const response = await fetch(new URL('/pagefind/pagefind-entry.json', origin));
    expect(response.status).toBe(200);
    const entry = (await response.json()) as { languages: Record<string, { page_count: number }> };
    const expected = readdirSync(join(CONTENT, 'articles')).length + readdirSync(join(CONTENT, 'pages')).length;
    expect(Object.values(entry.languages)[0]!.page_count).toBe(expected);
    expect(await (await fetch(new URL('/pagefind/slices.json', origin))).json()).toEqual([]);
    // The search API the search page loads.
    const api = await fetch(new URL('/pagefind/pagefind.js', origin));
    expect(api.headers.get('content-type')).toMatch(/javascript/);
  });

  it('refuses to render while an article breaks the rules: the problem in the terminal and the overlay', async () => {
    copyFileSync(join(ROOT, 'test/fixtures/bad-content/articles/script-element.mdx'), BAD);
    await until(async () => (await status('/')) === 500, 'the pages to refuse');
    expect(output).toMatch(/articles\/script-element\.mdx:11:1 <script>: <script> is not allowed: scripts cannot run in articles/);
    const page = await browser.newPage();
    try {
      const text = await overlayText(page, new URL('/articles/alliance-innovation-lab-shanghai/', origin).href);
      expect(text).toContain('script-element.mdx:11:1 <script>: <script> is not allowed');
      expect(await page.locator('script:has-text("alert")').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('renders again once the file is fixed', async () => {
    writeFileSync(
      BAD,
      `---\ntitle: Fixed\ndescription: Fixed.\npublished: 2019-03-01\nauthors: [wei-zhang]\ntopics: [research]\n---\n\nFixed.\n`,
    );
    await until(async () => (await status('/articles/script-element/')) === 200, 'the fixed article');
    expect(await status('/')).toBe(200);
    expect(output).toContain('Content check passed.');
  });

  it('reports every problem of the corpus of mistakes at once, as the build does', async () => {
    for (const folder of ['articles', 'authors']) {
      cpSync(join(ROOT, 'test/fixtures/bad-content', folder), join(CONTENT, folder), { recursive: true });
    }
    cpSync(join(ROOT, 'test/fixtures/bad-content/redirects.yaml'), join(CONTENT, 'redirects.yaml'));
    const found = checkContent({ contentRoot: CONTENT, projectRoot: ROOT, timeZone: 'Europe/London' });
    expect(found.length).toBeGreaterThanOrEqual(40);
    const summary = `Content check failed: ${found.length} problem(s) in ${new Set(found.map((p) => p.file)).size} file(s).`;
    await until(() => output.includes(summary), 'the corpus to be reported');
    expect(await status('/')).toBe(500);
    for (const problem of found) expect(output).toContain(`${problem.file}:${problem.line ?? ''}`.replace(/:$/, ''));
  });
});
