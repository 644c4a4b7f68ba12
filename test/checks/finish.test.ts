/**
 * The stages after Astro's (./src/integration/finish.ts) on a hand-made output folder, without a
 * site build: what they report as they go, and an output they refuse because it is too big for
 * the host it is for (20,001 files for Cloudflare Pages' free plan, whose limit is 20,000).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { finishOutput, FinishError, type FinishEvent, type FinishInput } from '../../src/integration/finish.ts';
import { listFiles } from '../../src/lib/output-dir.ts';
import { ROOT, TMP } from '../helpers.ts';

const DIR = join(TMP, 'finish');
const OUT = join(DIR, 'dist');

const PAGE =
  '<!doctype html><html lang="en"><head><title>Home</title>' +
  `<meta http-equiv="content-security-policy" content="script-src &#39;self&#39; &#39;sha256-home&#39;"></head>` +
  '<body><main data-pagefind-body><h1 id="top">Home</h1><a href="/#top">Top</a><a href="/notes/">Notes</a></main></body></html>';

function input(deployTarget?: FinishInput['site']['deployTarget']): FinishInput {
  return {
    root: OUT,
    outDir: OUT,
    kept: [],
    startedAt: 0,
    site: {
      cacheDir: join(DIR, 'cache'),
      searchSliceSize: 500,
      basePath: '/',
      url: 'https://news.example.org',
      externalLinks: false,
      root: ROOT,
      deployTarget,
    },
  };
}

/** A home page, a page it links to, and `extra` small files beside them. */
function writeOutput(extra: number): void {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(join(OUT, 'notes'), { recursive: true });
  writeFileSync(join(OUT, 'index.html'), PAGE);
  writeFileSync(join(OUT, 'notes/index.html'), PAGE.replace('Home', 'Notes').replace('sha256-home', 'sha256-notes'));
  mkdirSync(join(OUT, 'data'));
  for (let i = 0; i < extra; i++) writeFileSync(join(OUT, 'data', `${i}.txt`), 'x');
}

describe('the stages after Astro', () => {
  let events: FinishEvent[];
  beforeEach(() => {
    events = [];
  });

  it('index, write _headers, check the links and report each stage, then the output as it will be deployed', async () => {
    writeOutput(3);
    const result = await finishOutput(input('s3'), (event) => events.push(event));
    const files = listFiles(OUT);
    expect(files).toContain('_headers');
    expect(files).toContain('pagefind/pagefind.js');
    // Both pages are checked; the search index takes top-level pages and articles, not the home page.
    expect(result).toMatchObject({ pages: 2, files: files.length, search: { pages: 1, slices: 1, kept: 0 } });
    // The two run side by side: both start before either ends.
    const stages = events.flatMap((event) => (event.type === 'stage' ? [`${event.phase} ${event.name}`] : []));
    expect(stages.slice(0, 2)).toEqual(['start link check', 'start search index']);
    expect(stages.slice(2).sort()).toEqual(['end link check', 'end search index']);
    // The header's policy allows the scripts of both pages, read from their <meta> policies.
    const csp = /^ {2}Content-Security-Policy: (.+)$/m.exec(readFileSync(join(OUT, '_headers'), 'utf8'))?.[1];
    expect(csp).toContain("'sha256-home'");
    expect(csp).toContain("'sha256-notes'");
    const logs = events.flatMap((event) => (event.type === 'log' ? [event.text] : []));
    expect(logs.some((text) => text.includes('Link check passed.'))).toBe(true);
    expect(logs.some((text) => text.includes('S3'))).toBe(true);
  });

  it('refuse an output with more files than the host takes, naming the count and the limit', async () => {
    writeOutput(20_000);
    const failure = finishOutput(input('cloudflare-pages-free'), (event) => events.push(event));
    await expect(failure).rejects.toBeInstanceOf(FinishError);
    await expect(failure).rejects.toThrow(
      /^The output is too big for Cloudflare Pages \(Free plan\) \(deployTarget "cloudflare-pages-free"\):\n {2}- 20,\d{3} files, over the 20,000/,
    );
    // The same output fits the paid plan.
    await expect(finishOutput(input('cloudflare-pages-paid'), () => {})).resolves.toMatchObject({ pages: 2 });
  }, 60_000);

  it("check a link into the search index's folder once the index is written", async () => {
    writeOutput(0);
    writeFileSync(join(OUT, 'notes/index.html'), PAGE.replace('/notes/', '/pagefind/pagefind.js'));
    await expect(finishOutput(input(), () => {})).resolves.toMatchObject({ pages: 2 });
    writeFileSync(join(OUT, 'notes/index.html'), PAGE.replace('/notes/', '/pagefind/missing.js'));
    await expect(finishOutput(input(), () => {})).rejects.toThrow(/\/notes\/ → \/pagefind\/missing\.js: HTTP 404/);
  });

  it('refuse an output with a broken link, with the page and the link', async () => {
    writeOutput(0);
    writeFileSync(join(OUT, 'notes/index.html'), PAGE.replace('/notes/', '/gone/'));
    await expect(finishOutput(input(), () => {})).rejects.toThrow(/\/notes\/ → \/gone\/: HTTP 404/);
  });
});
