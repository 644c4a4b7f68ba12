/**
 * The rendered HTML of MDX entries, kept in files beside Astro's content store instead of inside it.
 *
 * Astro bundles its whole content store into the build as one module (a JSON string literal,
 * parsed once to check it and again to render). With every article's HTML inside, that module
 * grows with the archive, and bundling it takes the build process memory it never gives back. So
 * the store keeps each entry's metadata and the name of its HTML file; `withStoredHtml` puts the
 * HTML back into the entry just before `render()`.
 *
 * Files are named by a hash of their content, so an unchanged entry keeps its file, and a changed
 * one gets a new file while the old one is removed (`keepOnly` in ../output-dir.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashOf } from '../cache-key.ts';

/** Where the rendered HTML of a collection's entries lives, inside the build cache. */
export function htmlDirFor(cacheDir: string, collection: string): string {
  return join(cacheDir, 'rendered-html', collection);
}

/** Writes `html` (unless an identical file is there) and returns the file's name. */
export function storeHtml(dir: string, html: string): string {
  const name = `${hashOf(html, 20)}.html`;
  const file = join(dir, name);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, html);
  }
  return name;
}

interface StoredEntry {
  id: string;
  rendered?: { html: string; metadata?: Record<string, unknown> | undefined } | undefined;
}

/** The entry with its rendered HTML read back from `dir`, ready for Astro's `render()`. */
export function withStoredHtml<E extends StoredEntry>(entry: E, dir: string): E {
  const name = entry.rendered?.metadata?.htmlFile;
  if (typeof name !== 'string') return entry;
  let html: string;
  try {
    html = readFileSync(join(dir, name), 'utf8');
  } catch {
    throw new Error(
      `The rendered HTML of "${entry.id}" (${join(dir, name)}) is missing from the build cache: ` +
        `delete ${join(dir, '..', '..')} and build again.`,
    );
  }
  return { ...entry, rendered: { ...entry.rendered, html } };
}
