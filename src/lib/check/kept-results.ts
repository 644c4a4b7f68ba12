/**
 * What the content check found in each file, kept between runs in the build cache: a file whose
 * text is unchanged, checked by the same code with the same libraries, is not parsed and compiled
 * again. Only what a file says on its own is kept; what it says about the rest of the folder (ids,
 * files, links) is checked again every run, since other files change.
 *
 * A file whose stamp (`fileStamp`) is the one kept is not even read. A fresh checkout gives every
 * file a new stamp: then the text's hash decides, as before.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { hashOf, versionOf } from '../cache-key.ts';
import { COMPILER } from '../mdx/version.ts';

/** The check's own code: a change to it or to the compiler makes every kept result stale. */
const CHECK = hashOf(
  [
    COMPILER,
    versionOf(
      ...['index.ts', 'files.ts', 'frontmatter.ts', 'kept-results.ts', '../schemas.ts', '../dates.ts', '../validate.ts'].map(
        (file) => new URL(file, import.meta.url),
      ),
    ),
  ].join('\n'),
  12,
);

interface Entry<T> {
  hash: string;
  facts: T;
  /** The file's stamp when its text was read whole and clean. */
  stamp?: string;
}

interface Stored<T> {
  version: string;
  entries: Record<string, Entry<T>>;
}

/**
 * A file's size, inode, and modification and change times in nanoseconds, the test git's index
 * makes: the same stamp, the file has not been written since. A file written less than two seconds
 * before `now` has none, since a second write within the file system's clock resolution could leave
 * the same stamp; it is read every time until it settles. Nor has a file that cannot be looked at:
 * reading it then reports why.
 */
export function fileStamp(path: string, now = Date.now()): string | undefined {
  let stat;
  try {
    stat = statSync(path, { bigint: true });
  } catch {
    return undefined;
  }
  const settled = BigInt(now - 2000) * 1_000_000n;
  if (stat.mtimeNs > settled || stat.ctimeNs > settled) return undefined;
  return `${stat.size}:${stat.ino}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

export class KeptResults<T> {
  readonly #file: string | undefined;
  readonly #version: string;
  #before: Record<string, Entry<T>> = {};
  readonly #now: Record<string, Entry<T>> = {};
  /** Files examined in this run rather than taken from an earlier one. */
  examined = 0;

  /** `context` is what else the results depend on (the time zone, where paths are printed from). */
  constructor(file: string | undefined, context: string) {
    this.#file = file;
    this.#version = hashOf(`${CHECK}|${context}`, 12);
    if (!file) return;
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored<T>;
      if (stored.version === this.#version) this.#before = stored.entries;
    } catch {
      // No results kept yet, or unreadable ones: examine every file.
    }
  }

  /** The kept results for `key` when its file's `stamp` is the one kept with them; otherwise undefined, and the file must be read. */
  unchanged(key: string, stamp: string | undefined): T | undefined {
    const kept = this.#before[key];
    if (stamp === undefined || kept?.stamp !== stamp) return undefined;
    this.#now[key] = kept;
    return kept.facts;
  }

  /**
   * The kept results for `key` when `text` is unchanged, or those of `examine`. `stamp` is the
   * file's, given when its text was read whole and without problems, for `unchanged` next time.
   */
  get(key: string, text: string, examine: () => T, stamp?: string): T {
    const hash = hashOf(text);
    const kept = this.#before[key];
    const facts = kept && kept.hash === hash ? kept.facts : (this.examined++, examine());
    this.#now[key] = stamp === undefined ? { hash, facts } : { hash, facts, stamp };
    return facts;
  }

  /** Keeps this run's results, for the files that exist now only. */
  save(): void {
    if (!this.#file) return;
    mkdirSync(dirname(this.#file), { recursive: true });
    const stored: Stored<T> = { version: this.#version, entries: this.#now };
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(stored));
    renameSync(temporary, this.#file);
  }
}
