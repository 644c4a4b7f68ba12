/**
 * Moved articles and pages, from one data file (`content/redirects.yaml`). Every host gets them in
 * the form it understands: a `_redirects` file (Netlify, Cloudflare Pages) answers with a real 301,
 * and a small HTML page at the old address (GitHub Pages, S3 and any other static host) sends the
 * browser on with a meta refresh and tells search engines the new canonical URL.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'astro/zod';
import type { redirectSchema } from './schemas.ts';

export type Redirect = z.infer<typeof redirectSchema>;

export const REDIRECTS_FILE = 'redirects.yaml';

/**
 * The redirects of a content folder. The content check has validated the file before any build
 * reads it, so this only parses; a missing file means no redirects.
 */
export function readRedirects(contentRoot: string): Redirect[] {
  const file = join(contentRoot, REDIRECTS_FILE);
  if (!existsSync(file)) return [];
  const list: unknown = parse(readFileSync(file, 'utf8'));
  return Array.isArray(list) ? (list as Redirect[]) : [];
}

/** A `to` that leaves the site is written as it is; a site path gets the base path. */
export function redirectTarget(to: string, withBase: (path: string) => string): string {
  return to.startsWith('/') ? withBase(to) : to;
}

/**
 * The `_redirects` file shared by Netlify and Cloudflare Pages: `from to 301`, one per line. A path
 * ending in `/` is also redirected without it, since hosts serve both.
 */
export function redirectsFile(redirects: readonly Redirect[], withBase: (path: string) => string): string {
  const lines = ['# Generated from content/redirects.yaml at build time: edit that file, not this one.'];
  for (const { from, to } of redirects) {
    const destination = redirectTarget(to, withBase);
    lines.push(`${withBase(from)} ${destination} 301`);
    if (from.length > 1 && from.endsWith('/')) lines.push(`${withBase(from.slice(0, -1))} ${destination} 301`);
  }
  return `${lines.join('\n')}\n`;
}

/** Route parameter of the HTML redirect page for `from`: `/articles/old/` → `articles/old`. */
export function redirectParam(from: string): string {
  return from.replace(/^\/+|\/+$/g, '');
}
