/**
 * Unchanged files of the output keep their modification times, so that sync tools (`aws s3 sync`,
 * `rclone`, `rsync`), which compare size and modification time, upload only what changed.
 *
 * Astro writes some files again on every build even when their bytes are the same: the image
 * variants it copies from its cache, the public files, pages without an incremental-build key,
 * feeds and the sitemap. After each build, every file whose size or time differs from the record of
 * the last build is hashed; when its bytes are those of the last build, its old time is put back.
 * Times are kept to the second, as a CI cache restore (tar) keeps them: a new or changed file's time
 * is cut to the whole second, so that the time put back later is exactly the one a sync tool saw.
 * A file counts as untouched only at exactly the recorded second: Astro copies public files and
 * cached variants with their sources' times (withastro/astro#18483), which fall within a second.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hashOf } from './cache-key.ts';

/** A file of the output: its size and its modification time (ms, as `stat` gives it). */
export interface TimedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** Path → size, modification time (seconds) and a hash of the bytes, as the last build left them. */
export type TimeRecord = Record<string, [size: number, mtime: number, hash: string]>;

/**
 * Puts back the time of every rewritten file whose bytes did not change; returns the new record and
 * how many times were put back. `read` gives a file's bytes, `setTime` sets its modification time.
 */
export function keepTimes(
  files: readonly TimedFile[],
  previous: TimeRecord,
  read: (path: string) => Uint8Array,
  setTime: (path: string, mtime: number) => void,
): { record: TimeRecord; restored: number } {
  const record: TimeRecord = {};
  let restored = 0;
  for (const file of files) {
    const before = previous[file.path];
    if (before && before[0] === file.size && before[1] * 1000 === file.mtimeMs) {
      record[file.path] = before;
      continue;
    }
    const hash = createHash('sha1').update(read(file.path)).digest('base64url');
    if (before && before[0] === file.size && before[2] === hash) {
      setTime(file.path, before[1]);
      record[file.path] = before;
      restored++;
    } else {
      const mtime = Math.floor(file.mtimeMs / 1000);
      setTime(file.path, mtime);
      record[file.path] = [file.size, mtime, hash];
    }
  }
  return { record, restored };
}

/** Where the record of the output folder `dir` is kept: one per output folder, in the build cache. */
export function timeRecordFor(cacheDir: string, dir: string): string {
  return join(cacheDir, `output-times-${hashOf(resolve(dir), 12)}.json`);
}

/** `keepTimes` on the output folder `dir`, with its record in `recordFile`. */
export function keepOutputTimes(dir: string, files: readonly TimedFile[], recordFile: string): number {
  let previous: TimeRecord = {};
  try {
    if (existsSync(recordFile)) previous = JSON.parse(readFileSync(recordFile, 'utf8')) as TimeRecord;
  } catch {
    // An unreadable record only means every file keeps the time this build gave it.
  }
  const { record, restored } = keepTimes(
    files,
    previous,
    (path) => readFileSync(join(dir, path)),
    (path, mtime) => utimesSync(join(dir, path), mtime, mtime),
  );
  writeFileSync(recordFile, JSON.stringify(record));
  return restored;
}
