/**
 * The static server the browser tests use (scripts/lib/static-server.ts, sirv) behaves like a
 * static host: clean directory URLs, the 404 page, content types, and the `_headers` file applied.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/integration/dist-files.ts';
import { startServer, type RunningServer } from '../../scripts/lib/static-server.ts';
import { E2E_DIST } from '../helpers.ts';

let server: RunningServer;
const get = (path: string) => fetch(server.origin + path, { redirect: 'manual' });
const files = listFiles(E2E_DIST);
const first = (pattern: RegExp) => `/${files.find((file) => pattern.test(file))!}`;

beforeAll(async () => {
  server = await startServer(E2E_DIST);
});
afterAll(() => server.close());

describe('the static server', () => {
  it('serves a directory URL from its index.html', async () => {
    const response = await get('/articles/alliance-innovation-lab-shanghai/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(readFileSync(join(E2E_DIST, 'articles/alliance-innovation-lab-shanghai/index.html'), 'utf8'));
  });

  it('redirects a directory URL without its slash', async () => {
    const response = await get('/archive?x=1');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/archive/?x=1');
  });

  it.each(['/no-such-page/', '/articles/no-such-article/', '/_headers'])('answers %s with the 404 page', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(readFileSync(join(E2E_DIST, '404.html'), 'utf8'));
  });

  it.each([
    ['/rss.xml', /^(application|text)\/xml/],
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

  it('sends the headers of the _headers file, on pages and on 404s', async () => {
    for (const path of ['/', '/no-such-page/']) {
      const headers = (await get(path)).headers;
      expect(headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(headers.get('strict-transport-security')).toMatch(/^max-age=63072000/);
    }
    expect((await get(first(/^_astro\/.+\.webp$/))).headers.get('cache-control')).toMatch(/immutable/);
  });
});
