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

/** The loader's content hash of an entry (it changes with the file), or a hash of its data. */
export function digestOf(entry: { id: string; data: unknown; digest?: string | number | undefined }): string {
  return entry.digest !== undefined ? String(entry.digest) : cacheKey(entry.id, entry.data);
}
