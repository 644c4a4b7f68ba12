/**
 * Keys for Astro's incremental build (`experimental.incrementalBuild`): a page returned from
 * `getStaticPaths()` with an unchanged `cacheKey` (and unchanged code) is copied from the previous
 * build instead of rendered again. The key must therefore cover everything the page shows that
 * does not come from code: its own entry, the entries it lists or links with their titles, and the
 * site-wide data in the layout. Astro hashes the code itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** SHA-1 of `data` in base64url, cut to `length` characters when given. */
export function hashOf(data: string | Uint8Array, length?: number): string {
  return createHash('sha1').update(data).digest('base64url').slice(0, length);
}

/** A version of some source files: it changes whenever one of them does. */
export function versionOf(...files: URL[]): string {
  return hashOf(files.map((file) => readFileSync(file)).join('\0'), 12);
}

/**
 * `name@version` of an installed package, from the package.json of the `node_modules` folder
 * Node would load it from (packages that export only `import` cannot be resolved with `require`).
 */
export function packageVersion(name: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
      return `${name}@${manifest.version}`;
    } catch {
      // Not installed here: look further up.
    }
    if (dirname(dir) === dir) return `${name}@unknown`;
  }
}

/** A short, stable hash of any JSON-serialisable values. */
export function cacheKey(...parts: unknown[]): string {
  return hashOf(JSON.stringify(parts));
}

interface KeyedEntry {
  id: string;
  data: unknown;
  digest?: string | number | undefined;
  filePath?: string | undefined;
  rendered?: { metadata?: Record<string, unknown> | undefined } | undefined;
}

const digests = new WeakMap<object, string>();
const fileHashes = new Map<string, string>();

/** A hash of a file's bytes, read once per build. A missing file is the content check's to report. */
function fileHash(path: string): string {
  let hash = fileHashes.get(path);
  if (hash === undefined) {
    hash = existsSync(path) ? hashOf(readFileSync(path), 12) : 'missing';
    fileHashes.set(path, hash);
  }
  return hash;
}

/**
 * What an entry contributes to a page's key. The loader's digest is a hash of the entry's file,
 * which misses what the page shows from other files:
 * - an MDX entry's HTML depends on the compiler's code (its version is `COMPILER` in
 *   src/lib/mdx/loader.ts), which Astro's own code hash of the page does not cover, so the
 *   compiler's version is part of it;
 * - images replaced under the same name: a hero image or avatar is in the data as Astro resolved
 *   it, whose URL carries a hash of the image file; an image in the body is named by a relative
 *   path only, so its file's bytes are hashed. Without these, a replaced photo would keep the old
 *   one's page, and the old one would stay published.
 * An entry without a digest is keyed by its data.
 */
export function digestOf(entry: KeyedEntry): string {
  let digest = digests.get(entry);
  if (digest !== undefined) return digest;
  const metadata = entry.rendered?.metadata;
  const renderer = typeof metadata?.renderer === 'string' ? metadata.renderer : undefined;
  const bodyImages = Array.isArray(metadata?.imagePaths) && entry.filePath ? (metadata.imagePaths as string[]) : [];
  const parts = [
    entry.digest !== undefined ? String(entry.digest) : cacheKey(entry.id),
    cacheKey(entry.data),
    renderer,
    ...bodyImages.map((image) => fileHash(resolve(dirname(entry.filePath!), image))),
  ];
  digest = parts.filter((part) => part !== undefined).join(':');
  digests.set(entry, digest);
  return digest;
}
