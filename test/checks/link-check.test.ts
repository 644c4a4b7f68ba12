import { appendFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLinks, formatReport } from '../../src/integration/link-check.ts';
import { ROOT, TMP } from '../helpers.ts';

const fixture = (name: string) => join(ROOT, 'test/fixtures/links', name);
const check = (name: string, basePath = '/') =>
  checkLinks({ dir: fixture(name), siteUrl: 'https://site.test', basePath, projectRoot: ROOT });

describe('link check', () => {
  it('passes a site whose links, images, fragments, feed and sitemap all resolve', async () => {
    const report = await check('ok');
    expect(report.broken).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.pages).toBe(2);
    expect(report.fragmentsChecked).toBeGreaterThanOrEqual(4);
    expect(report.feedUrlsChecked).toBeGreaterThanOrEqual(6);
    expect(report.externalSkipped).toBeGreaterThanOrEqual(1);
  });

  it('passes a site deployed under a base path', async () => {
    const report = await check('based', '/news/');
    expect(report.broken).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.linksChecked).toBeGreaterThanOrEqual(3);
  });

  it('reports every broken link with the page it is on', async () => {
    const report = await check('broken');
    const found = report.broken.map((b) => `${b.page} -> ${b.link}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '/ -> /missing/',
        '/a/ -> /missing/',
        '/ -> /nope.png',
        '/ -> /a/#nope',
        '/ -> #also-missing',
        '/a/ -> /gone/',
      ]),
    );
    expect(report.broken.find((b) => b.link === '/missing/')?.reason).toBe('HTTP 404');
    expect(report.broken.find((b) => b.link === '/a/#nope')?.reason).toContain('no element with id "nope"');
  });

  it("reports a page's social image that is not in the build, as Open Graph and as X gives it", async () => {
    const report = await check('broken');
    expect(report.broken.filter((b) => b.link === 'https://site.test/og/site/missing.png')).toEqual([
      { page: '/', link: 'https://site.test/og/site/missing.png', reason: 'HTTP 404' },
      { page: '/', link: 'https://site.test/og/site/missing.png', reason: 'HTTP 404' },
    ]);
  });

  it('checks the URLs in feeds: absolute, built, and with existing fragments', async () => {
    const report = await check('broken');
    const feed = report.broken.filter((b) => b.page === '/feed.xml' && !b.reason.startsWith('the feed gives'));
    expect(feed.map((b) => b.link).sort()).toEqual(['/a/', 'https://site.test/a/#nowhere', 'https://site.test/not-built/']);
    expect(feed.find((b) => b.link === '/a/')?.reason).toContain('relative URL');
  });

  it('checks that a file a feed gives the size of has that size, and exists', async () => {
    const report = await check('broken');
    const sizes = report.broken.filter((b) => b.link.endsWith('logo.svg') || b.link.endsWith('gone.png'));
    expect(sizes.map((b) => `${b.page} -> ${b.link}: ${b.reason}`).sort()).toEqual([
      '/atom.xml -> https://site.test/gone.png: no such file in the build',
      '/atom.xml -> https://site.test/logo.svg: the feed gives its length as 257 bytes, but the file has 258',
      '/feed.xml -> https://site.test/logo.svg: the feed gives its length as 2580 bytes, but the file has 258',
      '/feed.xml -> https://site.test/logo.svg: the feed gives no length, but the file has 258',
    ]);
  });

  it('points a broken link to the content file and line that wrote it', async () => {
    const report = await check('broken');
    const gone = report.broken.find((b) => b.link === '/gone/');
    expect(gone?.source).toEqual({ file: 'test/fixtures/links/source/a.mdx', line: 5 });
    expect(formatReport(report, 'broken')).toContain('/a/ → /gone/: HTTP 404 [test/fixtures/links/source/a.mdx:5]');
  });

  it('fails a crawl that found almost nothing to check', async () => {
    const report = await check('lonely');
    expect(report.broken).toEqual([]);
    expect(report.problems.join('\n')).toMatch(/the crawl did not see the site/);
  });

  it('fails a folder without pages', async () => {
    const empty = join(TMP, 'no-pages');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'robots.txt'), 'User-agent: *\n');
    const report = await checkLinks({ dir: empty, siteUrl: 'https://site.test', basePath: '/' });
    expect(report.problems).toEqual([`no HTML pages found in ${empty}`]);
  });

  it('resolves a relative link against its own page, though the same root-relative link is resolved once for all', async () => {
    const dir = join(TMP, 'relative-links-site');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    mkdirSync(join(dir, 'c'));
    const page = (links: string) => `<!doctype html><html><head><title>t</title></head><body>${links}</body></html>`;
    writeFileSync(join(dir, 'index.html'), page('<a href="/c/">root</a><a href="c/">relative</a>'));
    writeFileSync(join(dir, 'a/b/index.html'), page('<a href="/c/">root</a><a href="c/">relative</a>'));
    writeFileSync(join(dir, 'c/index.html'), page('<a href="../">up</a><a href="/a/b/">deep</a>'));
    const report = await checkLinks({ dir, siteUrl: 'https://site.test', basePath: '/' });
    expect(report.broken).toEqual([{ page: '/a/b/', link: 'c/', reason: 'HTTP 404', source: undefined }]);
  });

  it('reports a #fragment whose percent-encoding is broken, on a page and in a feed, rather than stopping', async () => {
    const dir = join(TMP, 'bad-fragment-site');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><h1 id="top">t</h1><a href="/#%E0%A4%A">bad</a></body></html>');
    writeFileSync(join(dir, 'feed.xml'), '<rss><channel><link>https://site.test/#%E0%A4%A</link></channel></rss>');
    const report = await checkLinks({ dir, siteUrl: 'https://site.test', basePath: '/' });
    expect(report.broken.map((b) => `${b.page} -> ${b.link}: ${b.reason}`)).toEqual([
      '/ -> /#%E0%A4%A: the #fragment is not valid percent-encoding',
      '/feed.xml -> https://site.test/#%E0%A4%A: the #fragment is not valid percent-encoding',
    ]);
  });

  it("hands over the pages' distinct security policies, entities decoded, for _headers", async () => {
    const dir = join(TMP, 'policies-site');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'a'), { recursive: true });
    const page = (policy: string) =>
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${policy}"></head><body><a href="/a/">a</a><a href="/">home</a></body></html>`;
    writeFileSync(join(dir, 'index.html'), page('script-src &#39;self&#39; &#39;sha256-one&#39;'));
    writeFileSync(join(dir, 'a/index.html'), page('script-src &#39;self&#39; &#39;sha256-two&#39;'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b/index.html'), page('script-src &#39;self&#39; &#39;sha256-one&#39;'));
    const report = await checkLinks({ dir, siteUrl: 'https://site.test', basePath: '/' });
    expect(report.policies.sort()).toEqual(["script-src 'self' 'sha256-one'", "script-src 'self' 'sha256-two'"]);
  });

  it('keeps the scans of unchanged pages for the next check, and reads a changed page again', async () => {
    const dir = join(TMP, 'scan-cache-site');
    const scanCache = join(TMP, 'scan-cache.json');
    rmSync(dir, { recursive: true, force: true });
    rmSync(scanCache, { force: true });
    cpSync(fixture('ok'), dir, { recursive: true });
    const run = () => checkLinks({ dir, siteUrl: 'https://site.test', basePath: '/', projectRoot: ROOT, scanCache });
    const first = await run();
    expect(first.pagesParsed).toBe(2);
    const second = await run();
    expect(second.pagesParsed).toBe(0);
    expect(second.broken).toEqual([]);
    expect(second.fragmentsChecked).toBe(first.fragmentsChecked);
    expect(formatReport(second, dir)).toContain('(0 read again, the others unchanged since the last check)');
    // A page that changes is read again, and what it now links to is checked.
    appendFileSync(join(dir, 'a/index.html'), '<a href="/missing/">new link</a>\n');
    const third = await run();
    expect(third.pagesParsed).toBe(1);
    expect(third.broken.map((b) => `${b.page} -> ${b.link}`)).toEqual(['/a/ -> /missing/']);
  });
});
