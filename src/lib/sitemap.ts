/**
 * Sitemap `lastmod` per page. @astrojs/sitemap only knows URLs, so the date is read back from the
 * built page's own `article:modified_time`: the sitemap says exactly what the page says, and a
 * page without an article date gets no `lastmod` rather than the build time.
 */
import { open, readFile } from 'node:fs/promises';

/** The meta tag sits in `<head>`: reading its first bytes spares reading 10,000 whole pages. */
const HEAD_BYTES = 16 * 1024;

async function readHead(file: URL): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    if (bytesRead < HEAD_BYTES || head.includes('</head>')) return head;
    return await readFile(file, 'utf8');
  } finally {
    await handle.close();
  }
}

const MODIFIED = /<meta\s+property="article:modified_time"\s+content="([^"]+)"/;

export function lastmodFromHtml(html: string): string | undefined {
  return MODIFIED.exec(html)?.[1];
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
    return lastmodFromHtml(await readHead(file));
  } catch {
    return undefined;
  }
}
