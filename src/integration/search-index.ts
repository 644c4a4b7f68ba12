/**
 * The search index: Pagefind reads the built pages and its index and interface go into
 * `<outDir>/pagefind/`. Only elements marked `data-pagefind-body` are indexed (articles and docs
 * pages, without navigation, sharing or author boxes); drafts carry no such mark.
 *
 * The pages are indexed in slices of at most `sliceSize`, in order of publication, one Pagefind
 * process after another, and the search page merges the slices (Pagefind's `mergeIndex`).
 * Pagefind holds a whole index in memory, about 160 KiB per page, while Astro's process still
 * holds what the build left, so the slices bound what the two add up to. The first slice is
 * `pagefind/` itself, the others `pagefind/<n>/`, listed in `pagefind/slices.json`.
 *
 * Each slice's index is kept in the build cache with a key of its pages' paths and bytes and
 * Pagefind's version, and a slice whose pages did not change is not indexed again. A news archive
 * grows at its newest end and is corrected mostly there, so the older slices rarely change.
 * `pagefind/` is then updated in place like the rest of the output folder (src/lib/output-dir.ts):
 * Pagefind's files are named by the hash of their content, so after one edit only a few are new.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { hashOf, packageVersion } from '../lib/cache-key.ts';
import { keepOnly, listFiles } from '../lib/output-dir.ts';

/** The listing of the slices after the first, for the search page. */
export const SLICES_FILE = 'slices.json';

/** The search page uses the default interface of the first slice: the other interfaces are dead weight. */
const UNUSED = [
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
];

/** What the first slice's code reads of a later slice: its entry, metadata, index, fragments and filters. */
const LATER_SLICE = /^(?:pagefind-entry\.json|[^/]+\.pf_meta|(?:index|fragment|filter)\/.+)$/;

/** The pages that can carry `data-pagefind-body`: article and top-level pages, not the thousands of list pages. */
const CANDIDATES = /^(?:articles\/[^/]+|[^/]+)\/index\.html$/;

const PAGEFIND = packageVersion('pagefind');

/** A page to index: its path in the output folder, when it was published, and a hash of its bytes. */
export interface IndexedPage {
  file: string;
  /** The `date:` sort value of its `data-pagefind-body` element; empty for undated pages. */
  date: string;
  hash: string;
}

/**
 * Of the candidate pages, those marked `data-pagefind-body` (published articles and docs pages),
 * undated pages first, then oldest first. Pagefind would index every page of a slice whole if no
 * page of it carried the mark, so unmarked pages are left out here.
 */
export function markedPages(outDir: string, candidates: readonly string[]): IndexedPage[] {
  const pages: IndexedPage[] = [];
  for (const file of candidates) {
    const html = readFileSync(join(outDir, file));
    const text = html.toString('utf8');
    const mark = /<[^>]*\sdata-pagefind-body[\s>][^>]*>/.exec(text)?.[0];
    if (mark === undefined) continue;
    const date = /\sdata-pagefind-sort="date:([^"]*)"/.exec(mark)?.[1] ?? '';
    pages.push({ file, date, hash: hashOf(html) });
  }
  return pages.sort((a, b) => a.date.localeCompare(b.date) || a.file.localeCompare(b.file));
}

/** The pages in slices of at most `size`, in order. */
export function slicesOf<T>(pages: readonly T[], size: number): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < pages.length; start += size) slices.push(pages.slice(start, start + size));
  return slices.length > 0 ? slices : [[]];
}

/** What a slice's index depends on: Pagefind's version and its pages' paths and bytes. */
export function sliceKey(slice: readonly IndexedPage[]): string {
  return hashOf(JSON.stringify([PAGEFIND, slice.map((page) => [page.file, page.hash])]));
}

export interface SearchIndexResult {
  pages: number;
  slices: number;
  /** Slices whose index was kept from an earlier build, their pages being unchanged. */
  kept: number;
}

/** `cacheDir` is a folder of the build cache that holds each slice's index between builds. */
export async function buildSearchIndex(outDir: string, cacheDir: string, sliceSize: number): Promise<SearchIndexResult> {
  const candidates = listFiles(outDir).filter((file) => CANDIDATES.test(file));
  const slices = slicesOf(markedPages(outDir, candidates), sliceSize);
  const work = join(cacheDir, 'pages');
  rmSync(work, { recursive: true, force: true });
  let kept = 0;
  const bundles: string[] = [];
  for (const [n, slice] of slices.entries()) {
    const bundle = join(cacheDir, 'slices', String(n));
    const key = sliceKey(slice);
    const keyFile = join(bundle, '.key');
    if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) {
      kept += 1;
    } else {
      rmSync(bundle, { recursive: true, force: true });
      await indexSlice(linkPages(outDir, slice, join(work, String(n))), bundle);
      writeFileSync(keyFile, key);
    }
    bundles.push(bundle);
  }
  rmSync(work, { recursive: true, force: true });
  // Slices of an earlier, larger index.
  for (let n = slices.length; existsSync(join(cacheDir, 'slices', String(n))); n++) {
    rmSync(join(cacheDir, 'slices', String(n)), { recursive: true, force: true });
  }

  const listing = join(cacheDir, SLICES_FILE);
  writeFileSync(listing, `${JSON.stringify(bundles.slice(1).map((_bundle, n) => `${n + 1}/`))}\n`);
  const files = new Map<string, string>([[SLICES_FILE, listing]]);
  for (const [n, bundle] of bundles.entries()) {
    for (const file of listFiles(bundle)) {
      if (file === '.key') continue;
      if (n === 0 ? !UNUSED.includes(file) : LATER_SLICE.test(file)) files.set(n === 0 ? file : `${n}/${file}`, join(bundle, file));
    }
  }
  updateFolder(join(outDir, 'pagefind'), files);
  const pages = bundles.reduce((sum, bundle) => sum + pageCount(bundle), 0);
  return { pages, slices: slices.length, kept };
}

/** A folder in which the pages of one slice are seen through hard links, at their paths in the site. */
function linkPages(outDir: string, slice: readonly IndexedPage[], dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const { file } of slice) {
    const target = join(dir, file);
    mkdirSync(dirname(target), { recursive: true });
    try {
      linkSync(join(outDir, file), target);
    } catch {
      copyFileSync(join(outDir, file), target); // Another filesystem: a copy instead.
    }
  }
  return dir;
}

/** Indexes the pages below `dir` into a bundle at `output`. */
async function indexSlice(dir: string, output: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the pages: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: output });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
}

/** How many pages a bundle's entry file says it indexed. */
function pageCount(bundle: string): number {
  const entry = JSON.parse(readFileSync(join(bundle, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** Pagefind's files for pages given as HTML (the dev server's), in memory, by path below `pagefind/`. */
export async function searchIndexInMemory(pages: readonly { url: string; html: string }[]): Promise<Map<string, Uint8Array>> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    for (const page of pages) await index.addHTMLFile({ url: page.url, content: page.html });
    const output = await index.getFiles();
    if (output.errors.length > 0) throw new Error(`Pagefind could not index the pages: ${output.errors.join('; ')}`);
    const files = new Map(output.files.map((file) => [file.path, file.content]));
    // One slice on the dev server: the search page still asks for the listing of the others.
    files.set(SLICES_FILE, new TextEncoder().encode('[]\n'));
    return files;
  } finally {
    await pagefind.close();
  }
}

/** Makes `dir` hold exactly `files` (target path below `dir` → source file), copying only those that are new or changed. */
function updateFolder(dir: string, files: ReadonlyMap<string, string>): void {
  keepOnly(dir, new Set(files.keys()));
  for (const [file, from] of files) {
    const target = join(dir, file);
    if (existsSync(target) && statSync(target).size === statSync(from).size && readFileSync(target).equals(readFileSync(from))) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(from, target);
  }
}
