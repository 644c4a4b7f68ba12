/**
 * Astro copies every image a content entry names into `_astro/` as it is, beside the resized
 * versions the pages use: the photographer's full-size original with its camera metadata
 * (location, serial numbers), and the images of drafts and scheduled articles, which no page
 * shows yet. What no page, feed, stylesheet or script of the build refers to is removed.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const IMAGE = /^_astro\/[^/]+\.(?:jpe?g|png|webp|avif|gif|svg|tiff?)$/i;

/** Files other than pages and feeds that may name an image: the link check reads neither. */
const OTHER_TEXT = /\.(?:json|css|js|mjs|txt|webmanifest)$/;

/**
 * The images of `_astro/` that nothing refers to. `linked` holds the output files the link check
 * found linked from pages, feeds and sitemaps (`src`, `srcset`, social images, enclosures).
 */
export function unusedImages(dir: string, files: readonly string[], linked: ReadonlySet<string>): string[] {
  const candidates = files.filter((file) => IMAGE.test(file) && !linked.has(file));
  if (candidates.length === 0) return [];
  const text = files
    .filter((file) => OTHER_TEXT.test(file) && !file.startsWith('pagefind/'))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
  return candidates.filter((file) => !text.includes(file.slice('_astro/'.length)));
}

/** Removes the unused images; returns their paths. */
export function removeUnusedImages(dir: string, files: readonly string[], linked: ReadonlySet<string>): string[] {
  const unused = unusedImages(dir, files, linked);
  for (const file of unused) rmSync(join(dir, file));
  return unused;
}
