/**
 * The search index: Pagefind reads the built pages and its index and interface go into
 * `<outDir>/pagefind/`. Only elements marked `data-pagefind-body` are indexed (articles and docs
 * pages, without navigation, sharing or author boxes); drafts carry no such mark.
 *
 * The pages are indexed in slices of at most `sliceSize`, one Pagefind process after another, and
 * the search page merges the slices (Pagefind's `mergeIndex`): Pagefind holds a whole index in
 * memory, about 160 KiB per page, and it runs while Astro's process still holds what the build
 * left, so one index of a large archive would add both up. The first slice is `pagefind/` itself,
 * the others `pagefind/<n>/`, listed in `pagefind/slices.json` for the search page.
 *
 * Pagefind writes its files itself, into a folder of the build cache, and `pagefind/` is then
 * updated in place like the rest of the output folder (src/lib/output-dir.ts): Pagefind's files
 * are named by the hash of their content, so after one edit only a few are new. Those are copied,
 * the files of the earlier index are removed, and the rest are left alone.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
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
const LATER_SLICE = /^\d+\/(?:pagefind-entry\.json|[^/]+\.pf_meta|(?:index|fragment|filter)\/.+)$/;

/** The pages that can carry `data-pagefind-body`: article and top-level pages, not the thousands of list pages. */
const CANDIDATES = /^(?:articles\/[^/]+|[^/]+)\/index\.html$/;
const CANDIDATES_GLOB = '{articles/*/index.html,*/index.html}';

/**
 * Of the candidate pages, those marked `data-pagefind-body` (published articles and docs pages).
 * The mark is looked for here when the index is sliced, since Pagefind indexes every page of a
 * slice whole when no page of that slice carries it.
 */
export function markedPages(outDir: string, candidates: readonly string[]): string[] {
  return candidates.filter((file) => readFileSync(join(outDir, file), 'utf8').includes('data-pagefind-body')).sort();
}

/** The pages in slices of at most `size`, in order. */
export function slicesOf<T>(pages: readonly T[], size: number): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < pages.length; start += size) slices.push(pages.slice(start, start + size));
  return slices.length > 0 ? slices : [[]];
}

/** `workDir` is a folder of the build cache Pagefind may write into; it is emptied first and removed after. */
export async function buildSearchIndex(outDir: string, workDir: string, sliceSize: number): Promise<{ pages: number; slices: number }> {
  rmSync(workDir, { recursive: true, force: true });
  const bundle = join(workDir, 'bundle');
  const candidates = listFiles(outDir).filter((file) => CANDIDATES.test(file));
  // Most sites fit in one slice: Pagefind then reads the output folder itself.
  const sources =
    candidates.length <= sliceSize
      ? [{ path: outDir, glob: CANDIDATES_GLOB }]
      : slicesOf(markedPages(outDir, candidates), sliceSize).map((slice, n) => ({
          path: linkPages(outDir, slice, join(workDir, `pages-${n}`)),
        }));
  let pages = 0;
  for (const [n, source] of sources.entries()) pages += await indexSlice(source, n === 0 ? bundle : join(bundle, String(n)));
  writeFileSync(join(bundle, SLICES_FILE), `${JSON.stringify(sources.slice(1).map((_source, n) => `${n + 1}/`))}\n`);
  const kept = listFiles(bundle).filter((file) => (/^\d+\//.test(file) ? LATER_SLICE.test(file) : !UNUSED.includes(file)));
  updateFolder(join(outDir, 'pagefind'), bundle, new Set(kept));
  rmSync(workDir, { recursive: true, force: true });
  return { pages, slices: sources.length };
}

/** A folder in which the pages of one slice are seen through hard links, at their paths in the site. */
function linkPages(outDir: string, slice: readonly string[], dir: string): string {
  for (const page of slice) {
    const target = join(dir, page);
    mkdirSync(dirname(target), { recursive: true });
    try {
      linkSync(join(outDir, page), target);
    } catch {
      copyFileSync(join(outDir, page), target); // Another filesystem: a copy instead.
    }
  }
  return dir;
}

/** Indexes the pages of `source` into the bundle at `output`; returns how many it indexed. */
async function indexSlice(source: { path: string; glob?: string }, output: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory(source);
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the pages: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: output });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  // addDirectory counts every HTML file it read; the entry file counts the pages it indexed.
  const entry = JSON.parse(readFileSync(join(output, 'pagefind-entry.json'), 'utf8')) as {
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

/** Makes `dir` hold exactly `files` of `source`, copying only those that are new or changed. */
function updateFolder(dir: string, source: string, files: ReadonlySet<string>): void {
  keepOnly(dir, files);
  for (const file of files) {
    const from = join(source, file);
    const target = join(dir, file);
    if (existsSync(target) && statSync(target).size === statSync(from).size && readFileSync(target).equals(readFileSync(from))) continue;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(from, target);
  }
}
