/**
 * The search index: Pagefind reads the built pages and its index and search API go into
 * `<outDir>/pagefind/`. Only elements marked `data-pagefind-body` are indexed (articles and docs
 * pages, without navigation, sharing or author boxes), less what they mark `data-pagefind-ignore`
 * (bylines, topic lists, credits); drafts carry no such mark.
 *
 * The pages are indexed in slices, in order of publication, each by a Pagefind process of its own,
 * and the search page merges the slices (Pagefind's `mergeIndex`). Pagefind holds a whole index in
 * memory, about 160 KiB per page, while Astro's process still holds what the build left, so the
 * slices bound what the two add up to; small slices are indexed two at once (`slicesAtOnce`), and
 * large ones two at once after the link check beside them has ended and freed its memory. The
 * first slice is `pagefind/` itself, the others `pagefind/<n>/`, listed in `pagefind/slices.json`.
 *
 * A slice whose pages (paths and bytes) and Pagefind's version are unchanged, and whose files are
 * still in the output as written, is not indexed again: the build cache records each slice's key
 * and files. A news archive grows at its newest end and is corrected mostly there, so the older
 * slices rarely change. Files with the same bytes as before are not written again either, so they
 * keep their modification times like the rest of the output folder (src/lib/output-dir.ts).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { hashOf, packageVersion } from '../lib/cache-key.ts';
import { keepOnly, listFiles, SEARCH_DIR } from '../lib/output-dir.ts';

/** In the cache folder: what each candidate page was at the last build (`PageRecord`). */
const PAGES_FILE = 'pages.json';

/** The listing of the slices after the first, for the search page. */
export const SLICES_FILE = 'slices.json';

/** The search page draws its own results with the search API of the first slice: Pagefind's interfaces are dead weight. */
const UNUSED = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
];

/** What the first slice's code reads of a later slice: its entry, metadata, index, fragments and filters. */
const LATER_SLICE = /^(?:pagefind-entry\.json|[^/]+\.pf_meta|(?:index|fragment|filter)\/.+)$/;

/** The pages that can carry `data-pagefind-body`: article and top-level pages, not the thousands of list pages. */
const CANDIDATES = /^(?:articles\/[\w-]+|[\w-]+)\/index\.html$/;

const PAGEFIND = packageVersion('pagefind');

/** A page to index: its path in the output folder, when it was published, and a hash of its bytes. */
export interface IndexedPage {
  file: string;
  /** The `date:` sort value of its `data-pagefind-body` element; empty for undated pages. */
  date: string;
  hash: string;
}

/**
 * What a build learnt of each candidate page: its size and modification time (whole seconds) then,
 * a hash of its bytes, and its date (null for a page without the mark).
 */
export type PageRecord = Record<string, [size: number, mtime: number, hash: string, date: string | null]>;

/**
 * Of the candidate pages, those marked `data-pagefind-body` (published articles and docs pages),
 * undated pages first, then oldest first. Pagefind would index every page of a slice whole if no
 * page of it carried the mark, so unmarked pages are left out here.
 *
 * A page with the size and modification time that `known` (the last build's record) gives is not
 * read again: the output folder is updated in place and keeps the times of unchanged files, so
 * after one edit almost every page is known. Each page's facts go into `seen`, for the next build.
 */
export function markedPages(outDir: string, candidates: readonly string[], known: PageRecord = {}, seen: PageRecord = {}): IndexedPage[] {
  const pages: IndexedPage[] = [];
  for (const file of candidates) {
    const path = join(outDir, file);
    const stat = statSync(path);
    const mtime = Math.floor(stat.mtimeMs / 1000);
    let facts = known[file];
    if (facts?.[0] !== stat.size || facts[1] !== mtime) {
      // Bytes, not text: the tag is ASCII, and 10,000 pages as strings would swell the heap.
      const html = readFileSync(path);
      const tag = markTag(html);
      const date = tag === undefined ? null : (/\sdata-pagefind-sort="date:([^"]*)"/.exec(tag)?.[1] ?? '');
      facts = [html.length, mtime, hashOf(html), date];
    }
    seen[file] = facts;
    const [, , hash, date] = facts;
    if (date !== null) pages.push({ file, date, hash });
  }
  return pages.sort((a, b) => a.date.localeCompare(b.date) || a.file.localeCompare(b.file));
}

/** A start tag whose attributes, read one by one, include `data-pagefind-body` (not as text inside another's value). */
const MARKED_TAG = /^<[a-z][\w-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*?\s+data-pagefind-body(?=[\s>/=])/i;

/** The start tag that carries `data-pagefind-body`, if the page has one. */
function markTag(html: Buffer): string | undefined {
  for (let at = html.indexOf(' data-pagefind-body'); at !== -1; at = html.indexOf(' data-pagefind-body', at + 1)) {
    const start = html.lastIndexOf('<', at);
    const end = html.indexOf('>', at);
    if (start === -1 || end === -1) return undefined;
    const tag = html.toString('latin1', start, end + 1);
    if (MARKED_TAG.test(tag)) return tag;
  }
  return undefined;
}

/** A search loads one more small file per slice, so past this many the slices grow instead. */
export const MAX_SLICES = 16;

/**
 * The size of the slices for `pages` pages: `base`, doubled until at most `MAX_SLICES` slices are
 * needed. It changes only when the archive doubles, so the slices of one build are those of the next.
 */
export function sliceSizeFor(pages: number, base: number): number {
  let size = base;
  while (Math.ceil(pages / size) > MAX_SLICES) size *= 2;
  return size;
}

/**
 * The pages in slices of `size`, in order; a last slice of less than a quarter of `size` joins the
 * one before, rather than cost a search one more request for a handful of pages.
 */
export function slicesOf<T>(pages: readonly T[], size: number): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < pages.length; start += size) slices.push(pages.slice(start, start + size));
  if (slices.length > 1 && slices.at(-1)!.length < size / 4) slices.at(-2)!.push(...slices.pop()!);
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

/** What the cache remembers of a slice's index: its key, its page count and the files it wrote. */
interface SliceRecord {
  key: string;
  pages: number;
  /** Path below `pagefind/` → size and modification time (whole seconds) as written. */
  files: Record<string, [number, number]>;
}

/**
 * Indexes the marked pages of `outDir` into `<outDir>/pagefind/`. `cacheDir` is a folder of the
 * build cache where what each slice wrote is recorded, so that a slice whose pages did not change,
 * and whose files are still in place, is kept. `files` are those of `outDir`, when the caller has
 * listed them already; `cores`, how many slices may be indexed at once (`slicesAtOnce`);
 * `linkCheck`, the link check running beside it, whose end leaves room for more slices at once.
 */
export async function buildSearchIndex(
  outDir: string,
  cacheDir: string,
  sliceSize: number,
  files: readonly string[] = listFiles(outDir),
  cores = availableParallelism(),
  linkCheck?: Promise<unknown>,
): Promise<SearchIndexResult> {
  const candidates = files.filter((file) => CANDIDATES.test(file));
  const pagesFile = join(cacheDir, PAGES_FILE);
  const seen: PageRecord = {};
  const marked = markedPages(outDir, candidates, readJson<PageRecord>(pagesFile) ?? {}, seen);
  const size = sliceSizeFor(marked.length, sliceSize);
  const slices = slicesOf(marked, size);
  const dir = join(outDir, SEARCH_DIR);
  const recordFile = join(cacheDir, 'slices.json');
  const before = readJson<(SliceRecord | undefined)[]>(recordFile) ?? [];
  const keys = slices.map(sliceKey);
  const records: SliceRecord[] = [];
  const stale: number[] = [];
  for (const [n, key] of keys.entries()) {
    const record = before[n];
    if (record?.key === key && stillInPlace(dir, record)) records[n] = record;
    else stale.push(n);
  }
  const kept = slices.length - stale.length;
  const atOnce = slicesAtOnce(size, stale.length, cores);
  const later = linkCheck && { size: slicesAtOnce(size, stale.length, cores, 2 * PAGES_AT_ONCE), after: linkCheck };
  await inPool(stale, atOnce, later, async (index, n) => {
    const { pages, files } = await index(outDir, slices[n]!);
    const wanted = files.filter((file) => (n === 0 ? !UNUSED.includes(file.path) : LATER_SLICE.test(file.path)));
    records[n] = { key: keys[n]!, pages, files: writeFiles(dir, wanted, n === 0 ? '' : `${n}/`) };
  });
  writeFiles(
    dir,
    [{ path: SLICES_FILE, content: Buffer.from(`${JSON.stringify(slices.slice(1).map((_slice, n) => `${n + 1}/`))}\n`) }],
    '',
  );
  keepOnly(dir, new Set([SLICES_FILE, ...records.flatMap((record) => Object.keys(record.files))]));
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(recordFile, JSON.stringify(records));
  writeFileSync(pagesFile, JSON.stringify(seen));
  return { pages: records.reduce((sum, record) => sum + record.pages, 0), slices: slices.length, kept };
}

/** A record of the cache; none, or one from an interrupted build, means every page is read and every slice indexed. */
function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Whether every file a slice wrote is still there as it was written (a later slice or a hand may have changed it). */
function stillInPlace(dir: string, record: SliceRecord): boolean {
  // Not the inode, and the time to the second: a CI job restores the output folder from its cache
  // as new files with their times, to the second or finer depending on the archive.
  return Object.entries(record.files).every(([file, [size, seconds]]) => {
    const stat = statSync(join(dir, file), { throwIfNoEntry: false });
    return stat !== undefined && stat.size === size && Math.floor(stat.mtimeMs / 1000) === seconds;
  });
}

/**
 * Pagefind refuses a glob of about 240,000 characters or more ("did not parse as a valid glob"):
 * a slice of 8,000 pages at 100,000 articles lists about 500,000. Each glob stays well below.
 */
export const GLOB_LIMIT = 100_000;

/**
 * Globs that together match exactly `files`, each a list of paths at most `limit` characters long.
 * Slugs and page names are letters, digits and hyphens (the content check's rule), so each path is
 * also a glob that matches that file alone.
 */
export function globsFor(files: readonly string[], limit = GLOB_LIMIT): string[] {
  const globs: string[] = [];
  let chunk: string[] = [];
  let length = 2;
  for (const file of files) {
    if (chunk.length > 0 && length + file.length + 1 > limit) {
      globs.push(`{${chunk.join(',')}}`);
      chunk = [];
      length = 2;
    }
    chunk.push(file);
    length += file.length + 1;
  }
  if (chunk.length > 0) globs.push(`{${chunk.join(',')}}`);
  return globs;
}

/**
 * Pages Pagefind may hold in memory at once over the slices it indexes side by side while the link
 * check runs beside them: about 160 KiB a page, so 1.25 GiB, what one slice of the largest
 * archives measured holds alone. The link check of an archive that size holds about as much
 * again, so once it has ended Pagefind may hold twice as many.
 */
export const PAGES_AT_ONCE = 8_000;

/**
 * How many slices of `size` pages are indexed side by side, each by a Pagefind process of its
 * own: one a core, within `pages` pages, and no more than there are `slices` to index.
 * Pagefind keeps a core busy for only part of a slice (reading the pages, writing its files),
 * so two slices at once keep both cores of a small runner busy.
 */
export function slicesAtOnce(size: number, slices: number, cores = availableParallelism(), pages = PAGES_AT_ONCE): number {
  return Math.max(1, Math.min(cores, slices, Math.floor(pages / size)));
}

type IndexSlice = typeof indexSlice;

/**
 * How long a place added to the pool waits so that its items run half an item out of step with
 * those of the first place, whose current item started `elapsed` ms ago and whose last one took
 * `took` ms (0 if none has ended). A Pagefind process holds most memory at the end of its slice;
 * two started together stay in step and reach it together.
 */
export function staggerDelay(elapsed: number, took: number): number {
  if (took <= 0) return 0;
  return (((took / 2 - elapsed) % took) + took) % took;
}

/**
 * Runs `work` on each of `items` with `size` at once, and with `later.size` at once from when
 * `later.after` settles, if items are left (`staggerDelay` later). Pagefind's Node API drives one
 * process per module instance, so each place of the pool after the first indexes on a worker
 * thread of its own (./search-slice-worker.ts); the first indexes on this thread.
 */
export async function inPool(
  items: readonly number[],
  size: number,
  later: { size: number; after: Promise<unknown> } | undefined,
  work: (index: IndexSlice, item: number) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const workers: Worker[] = [];
  /** When the first place's current item started, and how long its last one took. */
  const first = { started: 0, took: 0 };
  const place = async (index: IndexSlice, timed = false) => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      const started = performance.now();
      if (timed) first.started = started;
      await work(index, item);
      if (timed) first.took = performance.now() - started;
    }
  };
  const workerPlace = () => {
    const worker = new Worker(new URL('./search-slice-worker.ts', import.meta.url));
    workers.push(worker);
    return place(onWorker(worker));
  };
  const firstPlaces = Promise.all(Array.from({ length: size }, (_, n) => (n === 0 ? place(indexSlice, true) : workerPlace())));
  // The first places end once no item is left, or with the first failure: then none is added.
  const addPlaces = async ({ size: total, after }: { size: number; after: Promise<unknown> }) => {
    await Promise.race([after.catch(() => undefined), firstPlaces]);
    const delay = staggerDelay(performance.now() - first.started, first.took);
    if (delay > 0 && queue.length > 0) await Promise.race([new Promise((resolve) => setTimeout(resolve, delay)), firstPlaces]);
    await Promise.all(Array.from({ length: Math.min(total - size, queue.length) }, workerPlace));
  };
  try {
    await Promise.all([firstPlaces, later && later.size > size && addPlaces(later)]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** `indexSlice` on `worker`, one slice at a time. */
function onWorker(worker: Worker): IndexSlice {
  return (outDir, slice) =>
    new Promise((resolve, reject) => {
      const failed = (error: Error) => {
        worker.off('message', settle);
        reject(error);
      };
      const settle = (result: { files: PagefindFile[]; pages: number } | { error: string }) => {
        worker.off('error', failed);
        if ('error' in result) reject(new Error(result.error));
        // Structured cloning gives Uint8Arrays: Buffers again, as this thread's own slices have them.
        else resolve({ pages: result.pages, files: result.files.map((file) => ({ path: file.path, content: Buffer.from(file.content) })) });
      };
      worker.once('message', settle);
      worker.once('error', failed);
      worker.postMessage({ outDir, slice });
    });
}

/**
 * Indexes the pages of one slice and gives its files, in memory (a slice's are a few MiB).
 * Pagefind reads the pages from the output folder itself, picked by globs that list them; it
 * looks the listed paths up rather than walking the folder, so several globs cost no more.
 */
export async function indexSlice(outDir: string, slice: readonly IndexedPage[]): Promise<{ pages: number; files: PagefindFile[] }> {
  const files = await pagefindFiles(async (index) => {
    for (const glob of globsFor(slice.map((page) => page.file))) {
      const added = await index.addDirectory({ path: outDir, glob });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index the pages: ${added.errors.join('; ')}`);
    }
  });
  // addDirectory counts every HTML file it read; the entry file counts the pages it indexed.
  const entry = files.find((file) => file.path === 'pagefind-entry.json');
  const languages = entry
    ? (JSON.parse(entry.content.toString('utf8')) as { languages: Record<string, { page_count: number }> }).languages
    : {};
  return { pages: Object.values(languages).reduce((sum, language) => sum + language.page_count, 0), files };
}

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

/** One Pagefind process: `add` gives it pages, and its files come back in memory before it is closed. */
async function pagefindFiles(add: (index: PagefindIndex) => Promise<void>): Promise<PagefindFile[]> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    await add(index);
    const output = await index.getFiles();
    if (output.errors.length > 0) throw new Error(`Pagefind could not write its files: ${output.errors.join('; ')}`);
    return output.files.map((file) => ({ path: file.path, content: Buffer.from(file.content) }));
  } finally {
    await pagefind.close();
  }
}

export interface PagefindFile {
  path: string;
  content: Buffer;
}

/**
 * Writes `files` below `dir`/`prefix`, leaving a file that already has the same bytes alone (its
 * modification time too, so that a sync tool skips it). Returns what each file is now, for the record.
 */
function writeFiles(dir: string, files: readonly PagefindFile[], prefix: string): SliceRecord['files'] {
  const written: SliceRecord['files'] = {};
  const folders = new Set<string>();
  for (const { path, content } of files) {
    const target = join(dir, prefix, path);
    let stat = statSync(target, { throwIfNoEntry: false });
    if (stat?.size !== content.length || !readFileSync(target).equals(content)) {
      const folder = dirname(target);
      if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
      folders.add(folder);
      writeFileSync(target, content);
      stat = statSync(target);
    }
    written[prefix + path] = [stat!.size, Math.floor(stat!.mtimeMs / 1000)];
  }
  return written;
}

/** Pagefind's files for pages given as HTML (the dev server's), in memory, by path below `pagefind/`. */
export async function searchIndexInMemory(pages: readonly { url: string; html: string }[]): Promise<Map<string, Uint8Array>> {
  const files = await pagefindFiles(async (index) => {
    for (const page of pages) await index.addHTMLFile({ url: page.url, content: page.html });
  });
  const byPath = new Map<string, Uint8Array>(files.map((file) => [file.path, file.content]));
  // One slice on the dev server: the search page still asks for the listing of the others.
  byPath.set(SLICES_FILE, new TextEncoder().encode('[]\n'));
  return byPath;
}
