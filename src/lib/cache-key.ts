/**
 * Keys for Astro's incremental build (`experimental.incrementalBuild`): a page returned from
 * `getStaticPaths()` with an unchanged `cacheKey` (and unchanged code) is copied from the previous
 * build instead of rendered again. The key must therefore cover everything the page shows that
 * does not come from code: its own entry, the entries it lists or links with their titles, and the
 * site-wide data in the layout. Astro hashes the code itself.
 */
import { createHash } from 'node:crypto';

/** A short, stable hash of any JSON-serialisable values. */
export function cacheKey(...parts: unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64url');
}

interface KeyedEntry {
  id: string;
  data: unknown;
  digest?: string | number | undefined;
  rendered?: { metadata?: Record<string, unknown> | undefined } | undefined;
}

/**
 * The loader's content hash of an entry (it changes with the file), or a hash of its data. An MDX
 * entry's HTML also depends on the renderer's code (src/lib/mdx/loader.ts), which Astro's own code
 * hash of the page does not cover, so its version is part of the key.
 */
export function digestOf(entry: KeyedEntry): string {
  const renderer = entry.rendered?.metadata?.renderer;
  const digest = entry.digest !== undefined ? String(entry.digest) : cacheKey(entry.id, entry.data);
  return typeof renderer === 'string' ? `${digest}:${renderer}` : digest;
}
