/**
 * Sitemap `lastmod` per page. @astrojs/sitemap only knows URLs, so the date is read back from the
 * built page's own `article:modified_time`: the sitemap says exactly what the page says, and a
 * page without an article date gets no `lastmod` rather than the build time.
 */
import { open, readFile } from 'node:fs/promises';
import { detachedString } from './detached.ts';

/**
 * The meta tag comes early in `<head>`, before the inline styles: reading the first few kilobytes
 * of each page spares reading every whole page. Only a page whose first bytes neither hold the tag
 * nor end the head is read whole.
 */
const HEAD_BYTES = 4 * 1024;

const MODIFIED = /<meta\s+property="article:modified_time"\s+content="([^"]+)"/;

/** The page's `article:modified_time`, detached from the page: the sitemap keeps one per page until it is written. */
export function lastmodFromHtml(html: string): string | undefined {
  const found = MODIFIED.exec(html)?.[1];
  return found === undefined ? undefined : detachedString(found);
}

/** The `article:modified_time` of the page in `file`, reading as little of it as it can. */
export async function lastmodOfFile(file: URL): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const start = buffer.subarray(0, bytesRead).toString('utf8');
    const found = lastmodFromHtml(start);
    if (found || bytesRead < HEAD_BYTES || start.includes('</head>')) return found;
    return lastmodFromHtml(await readFile(file, 'utf8'));
  } finally {
    await handle.close();
  }
}

/** The file in `outDir` that serves `pageUrl` (directory format: `<path>/index.html`). */
export function builtFileFor(pageUrl: string, siteUrl: string, outDir: URL): URL | undefined {
  const url = new URL(pageUrl);
  if (url.origin !== new URL(siteUrl).origin) return undefined;
  const path = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  return new URL(path.endsWith('/') || path === '' ? `${path}index.html` : path, outDir);
}

export async function lastmodFor(pageUrl: string, siteUrl: string, outDir: URL, basePath: string): Promise<string | undefined> {
  // Built files sit in outDir without the base path, which only exists in URLs.
  const url = new URL(pageUrl);
  const stripped = url.pathname.startsWith(basePath) ? `/${url.pathname.slice(basePath.length)}` : url.pathname;
  const file = builtFileFor(new URL(stripped, url.origin).href, siteUrl, outDir);
  if (!file) return undefined;
  try {
    return await lastmodOfFile(file);
  } catch {
    return undefined;
  }
}
