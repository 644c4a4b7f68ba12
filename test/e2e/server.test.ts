/**
 * The built site served as hosts serve it, by two servers held to one table of expectations:
 * - the static server the browser tests and `npm run serve` use (scripts/lib/static-server.ts,
 *   sirv), standing for any static host: clean directory URLs, the 404 page, content types and
 *   the `_headers` file applied, but not `_redirects` (old addresses answer with their redirect page);
 * - Cloudflare's own local runtime, `wrangler pages dev` (scripts/lib/cloudflare-server.ts), which
 *   reads `_headers` and `_redirects` with Cloudflare's parsers and answers as Cloudflare Pages does.
 * Where the two really differ, the difference is a field of the host below, with its reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { listFiles } from '../../src/integration/dist-files.ts';
import { parseHeadersFile } from '../../src/lib/security-headers.ts';
import { startCloudflareServer, type CloudflareServer } from '../../scripts/lib/cloudflare-server.ts';
import { startServer, type RunningServer } from '../../scripts/lib/static-server.ts';
import { E2E_CONTENT, E2E_DIST, SITE_URL } from '../helpers.ts';

interface Host {
  name: string;
  start(dir: string): Promise<RunningServer>;
  /** Status of the redirect from a directory URL without its trailing slash to the URL with it. */
  slashRedirect: number;
  /** Status of the redirect from `/a/index.html` to `/a/`, or undefined when the file is served at both. */
  indexHtmlRedirect?: number;
  /** Whether `_redirects` is applied; without it an old address answers with its redirect page. */
  appliesRedirectsFile: boolean;
  /** Status for `/_headers` and `/_redirects`, which configure the host and are never served. */
  hostFileStatus: number;
}

let cloudflare: CloudflareServer;
const HOSTS: Host[] = [
  {
    name: 'the static server (sirv)',
    start: (dir) => startServer(dir),
    slashRedirect: 301,
    appliesRedirectsFile: false,
    hostFileStatus: 404,
  },
  {
    name: 'Cloudflare Pages (wrangler)',
    start: async (dir) => (cloudflare = await startCloudflareServer(dir)),
    // Cloudflare Pages answers its own URL normalisation with 308; `_redirects` rules keep their 301.
    slashRedirect: 308,
    // Pages serves `a/index.html` at `/a/` only and sends every `.html` address there.
    indexHtmlRedirect: 308,
    appliesRedirectsFile: true,
    // wrangler leaves the two files out of the site, then looks for `/_headers/index.html`, and its
    // lstat fails with ENOTDIR. A deploy never uploads them, so Cloudflare Pages itself answers 404.
    hostFileStatus: 502,
  },
];

const files = listFiles(E2E_DIST);
const first = (pattern: RegExp) => `/${files.find((file) => pattern.test(file))!}`;
const built = (file: string) => readFileSync(join(E2E_DIST, file), 'utf8');
const notFoundPage = built('404.html');
/** The moved addresses, from the content the build was made from rather than from the `_redirects` under test. */
const redirects = parseYaml(readFileSync(join(E2E_CONTENT, 'redirects.yaml'), 'utf8')) as { from: string; to: string }[];
/** The headers the build's `_headers` gives every path (`/*`). */
const everywhere = parseHeadersFile(built('_headers')).find((rule) => rule.path === '/*')!.headers;

const servers = new Map<Host, RunningServer>();
beforeAll(async () => {
  for (const host of HOSTS) servers.set(host, await host.start(E2E_DIST));
});
afterAll(async () => {
  for (const server of servers.values()) await server.close();
});

it('has moved addresses and a headers rule for every path in the build, so the checks below can fail', () => {
  expect(redirects.length).toBeGreaterThan(0);
  expect(Object.keys(everywhere)).toEqual(
    expect.arrayContaining(['Content-Security-Policy', 'Strict-Transport-Security', 'X-Frame-Options']),
  );
});

describe.each(HOSTS)('$name', (host) => {
  const get = (path: string) => fetch(servers.get(host)!.origin + path, { redirect: 'manual' });

  it('serves a directory URL from its index.html', async () => {
    const response = await get('/articles/alliance-innovation-lab-shanghai/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(built('articles/alliance-innovation-lab-shanghai/index.html'));
  });

  it('redirects a directory URL without its slash, keeping the query', async () => {
    const response = await get('/archive?x=1');
    expect(response.status).toBe(host.slashRedirect);
    expect(response.headers.get('location')).toBe('/archive/?x=1');
  });

  it(`${host.indexHtmlRedirect ? 'redirects' : 'serves'} a page's index.html address`, async () => {
    const response = await get('/about/index.html');
    if (host.indexHtmlRedirect) {
      expect(response.status).toBe(host.indexHtmlRedirect);
      expect(response.headers.get('location')).toBe('/about/');
    } else {
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(built('about/index.html'));
    }
  });

  it.each(['/no-such-page/', '/no-such-page', '/articles/no-such-article/', '/_astro/no-such-image.webp'])(
    'answers %s with the 404 page and status 404',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toBe(notFoundPage);
    },
  );

  it.each(['/_headers', '/_redirects'])('does not serve %s', async (path) => {
    const response = await get(path);
    const body = await response.text();
    expect(response.status).toBe(host.hostFileStatus);
    if (host.hostFileStatus === 404) expect(body).toBe(notFoundPage);
    expect(body).not.toContain(built(path.slice(1)).split('\n')[0]);
  });

  it.each([
    ['/rss.xml', /^(application|text)\/xml/],
    ['/atom.xml', /^(application|text)\/xml/],
    ['/feed.json', /^application\/(feed\+)?json/],
    ['/sitemap-index.xml', /^(application|text)\/xml/],
    ['/favicon.svg', /^image\/svg\+xml/],
    [/\.avif$/, /^image\/avif$/],
    [/\.webp$/, /^image\/webp$/],
  ])('serves %s as %s', async (path, type) => {
    const response = await get(typeof path === 'string' ? path : first(path));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
  });

  it('sends the headers of the _headers file on pages, assets, redirects and 404s', async () => {
    const paths = ['/', '/articles/alliance-innovation-lab-shanghai/', '/rss.xml', '/favicon.svg', first(/^_astro\/.+\.webp$/)];
    paths.push('/no-such-page/', '/archive', redirects[0]!.from.slice(0, -1));
    for (const path of paths) {
      const headers = (await get(path)).headers;
      for (const [name, value] of Object.entries(everywhere)) expect(headers.get(name), `${name} on ${path}`).toBe(value);
      expect(headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
      expect(headers.get('strict-transport-security')).toMatch(/^max-age=63072000/);
      expect(headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('caches the hashed files of /_astro/ for a year as immutable, and pages not at all', async () => {
    for (const path of [first(/^_astro\/.+\.webp$/), first(/^_astro\/.+\.avif$/)]) {
      expect((await get(path)).headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    }
    for (const path of ['/', '/articles/alliance-innovation-lab-shanghai/', '/feed.json']) {
      expect((await get(path)).headers.get('cache-control') ?? '').not.toMatch(/immutable|max-age=[1-9]/);
    }
  });

  describe.each(redirects)('the moved address $from', ({ from, to }) => {
    it.each([from, from.slice(0, -1)])(`sends %s on to ${to}`, async (path) => {
      const response = await get(path);
      if (host.appliesRedirectsFile) {
        expect(response.status).toBe(301);
        expect(response.headers.get('location')).toBe(to);
      } else if (path.endsWith('/')) {
        // The redirect page the build writes at the old address, for hosts without `_redirects`.
        expect(response.status).toBe(200);
        const { document } = parseHTML(await response.text());
        expect(document.querySelector('meta[http-equiv="refresh"]')!.getAttribute('content')).toBe(`0; url=${to}`);
        expect(document.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(new URL(to, SITE_URL).href);
      } else {
        expect(response.status).toBe(host.slashRedirect);
        expect(response.headers.get('location')).toBe(from);
      }
    });
  });
});

describe('wrangler pages dev', () => {
  it('reads every rule of _headers and _redirects as valid, as a deploy would', () => {
    // A rule is a line that is neither blank, a comment nor indented (a header below its path).
    const rules = (file: string) =>
      built(file)
        .split('\n')
        .filter((line) => /^[^\s#]/.test(line)).length;
    const output = cloudflare.output();
    expect(output).toMatch(new RegExp(`Parsed ${rules('_redirects')} valid redirect rules?\\.`));
    expect(output).toMatch(new RegExp(`Parsed ${rules('_headers')} valid header rules?\\.`));
    expect(output).not.toMatch(/invalid|Ignoring line/i);
    expect(rules('_redirects')).toBe(redirects.length * 2);
  });
});
