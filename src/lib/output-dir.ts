/**
 * The build updates its output folder in place instead of emptying it first.
 *
 * Astro's incremental build leaves a page alone when it is already in the output folder and its
 * cache key is unchanged, so a warm build writes only what changed. Emptying the folder would mean
 * copying every unchanged page back from the cache, and on some filesystems (ext4 without a
 * journal) creating many files just after deleting many is much slower than either alone.
 * Unchanged files also keep their modification times, so `rsync` and object-store sync tools
 * upload only what changed.
 *
 * Two things keep the folder exact:
 * - files of an earlier build that this build neither wrote nor kept are removed (`staleFiles`):
 *   the page of a deleted article, the images it used, the feeds of a topic that is gone. What a
 *   build wrote is told by each file's status-change time (ctime), not its modification time:
 *   Astro copies `public/` and its cached images with their old modification times
 *   (withastro/astro#18483), and no copy can set a file's ctime back;
 * - a build that stops half-way leaves a marker (`IN_PROGRESS`) in the folder, and the next build
 *   starts from an empty folder rather than trust what it finds.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Written when Astro starts writing, removed once the folder holds one whole build. */
export const IN_PROGRESS = '.build-in-progress';

/** The folder of the output the search index is written to (src/integration/search-index.ts). */
export const SEARCH_DIR = 'pagefind/';

/** The static hosts' headers file (src/integration/headers-file.ts). */
export const HEADERS_FILE = '_headers';

/** Files that later stages of the build (search index, headers file) own and keep exact themselves. */
export const OWNED_ELSEWHERE = [SEARCH_DIR, HEADERS_FILE];

export interface OutputFile {
  /** Path relative to the output folder, `/`-separated. */
  path: string;
  /** When the file's bytes or attributes last changed (`stat`'s ctime). */
  changedMs: number;
}

/** A file of the output and its size, for the host limits and the benchmark's output shape. */
export interface SizedFile {
  /** Path relative to the output folder, `/`-separated. */
  path: string;
  size: number;
}

/**
 * Files to remove after a build that started at `startedAt`: every file this build neither wrote
 * (written or copied files changed after the start) nor kept in place (`kept`: the pages Astro
 * reused from an earlier build). Files under `ownedElsewhere` prefixes are left to the stage that
 * writes them.
 */
export function staleFiles(
  files: readonly OutputFile[],
  kept: ReadonlySet<string>,
  startedAt: number,
  ownedElsewhere: readonly string[] = OWNED_ELSEWHERE,
): string[] {
  // A second's margin: file times come from a coarser clock than Date.now(), and the earlier
  // build ended well before this one started.
  const cutoff = startedAt - 1000;
  return files
    .filter((file) => file.changedMs < cutoff && !kept.has(file.path) && file.path !== IN_PROGRESS)
    .filter((file) => !ownedElsewhere.some((prefix) => file.path.startsWith(prefix)))
    .map((file) => file.path);
}

/** Every file below `dir`, as paths relative to it with `/` separators, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Removes every file below `dir` whose path (as `listFiles` gives it) is not in `keep`, and the folders that leaves empty. */
export function keepOnly(dir: string, keep: ReadonlySet<string>): void {
  if (!existsSync(dir)) return;
  for (const file of listFiles(dir)) {
    if (!keep.has(file)) rmSync(join(dir, file));
  }
  removeEmptyFolders(dir);
}

/** Removes folders left empty, deepest first; the output folder itself stays. */
function removeEmptyFolders(dir: string, root = dir): boolean {
  let empty = true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !removeEmptyFolders(join(dir, entry.name), root)) empty = false;
  }
  if (empty && dir !== root) rmSync(dir, { recursive: true });
  return empty;
}

/**
 * Called as Astro starts writing: a folder still marked by a build that did not finish is
 * emptied, then the folder is marked until `completeOutput`.
 */
export function beginOutput(dir: string): void {
  mkdirSync(dir, { recursive: true });
  if (existsSync(join(dir, IN_PROGRESS))) {
    for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  writeFileSync(join(dir, IN_PROGRESS), 'A build is writing this folder; do not deploy it.\n');
}

/**
 * Called once Astro has written everything: removes what is stale (see `staleFiles`). `kept`
 * holds the output-relative paths of every page and endpoint of this build. Returns how many
 * files were removed, and the files that remain as `listFiles` gives them. Only the files that may
 * be stale are looked at on disk: on a large archive most of the output is pages and search files.
 * The marker stays until `completeOutput`.
 */
export function removeStaleFiles(dir: string, kept: ReadonlySet<string>, startedAt: number): { removed: number; files: string[] } {
  const listed = listFiles(dir);
  const mayBeStale = listed.filter((path) => !kept.has(path) && !OWNED_ELSEWHERE.some((prefix) => path.startsWith(prefix)));
  const stale = staleFiles(
    mayBeStale.map((path) => ({ path, changedMs: statSync(join(dir, path)).ctimeMs })),
    kept,
    startedAt,
  );
  for (const file of stale) rmSync(join(dir, file), { force: true });
  if (stale.length > 0) removeEmptyFolders(dir);
  const removed = new Set(stale);
  return { removed: stale.length, files: listed.filter((path) => !removed.has(path)) };
}

/** Called when every stage has passed, the link check last: the folder now holds one whole, checked build. */
export function completeOutput(dir: string): void {
  rmSync(join(dir, IN_PROGRESS), { force: true });
}
